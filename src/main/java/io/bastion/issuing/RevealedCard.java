package io.bastion.issuing;

/**
 * A card's full details for its cardholder's own view, after a fresh second factor: to render once, never
 * to store or log. toString() masks everything.
 */
public record RevealedCard(String cardId, String number, String expiry, String cvv, String cardholderName) {

    /** The number in groups of four, as printed on a card. */
    public String grouped() {
        return number.replaceAll("(.{4})(?!$)", "$1 ");
    }

    @Override
    public String toString() {
        return "RevealedCard[" + cardId + "]";
    }
}
