package io.bastion.vault;

/** What everything outside the vault may see of a card: at most the first six and last four digits. */
public record MaskedCard(String first6, String last4, CardBrand brand, int expiryMonth, int expiryYear) {

    /** {@code 424242******4242}-style display with the length hidden. */
    public String display() {
        return first6 + "******" + last4;
    }
}
