package io.bastion.vault;

/** The only reasons a token is ever turned back into a card number. */
public enum DetokenizationPurpose {
    AUTHORIZATION, CARDHOLDER_VIEW
}
