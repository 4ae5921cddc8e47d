package io.bastion.vault;

/** What a token was made for; each purpose has its own retention once nothing references the token. */
public enum TokenPurpose {
    /** A card entered for one payment. */
    ONE_OFF_PAYMENT,
    /** A card a merchant keeps for repeat and subscription payments (referenced by a mandate). */
    STORED_CARD,
    /** A card Bastion issued (referenced by the issued card). */
    ISSUED_CARD
}
