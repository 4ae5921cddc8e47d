package io.bastion.issuing;

/** Why a card could not be created or changed, named as the rule. */
public enum CardRejection {
    CUSTOMER_MUST_BE_VERIFIED,
    WALLET_MUST_EXIST,
    OPEN_CARDS_MAX_REACHED,
    CARD_MUST_EXIST,
    CARD_MUST_NOT_BE_CLOSED,
    STATUS_CHANGE_NOT_ALLOWED
}
