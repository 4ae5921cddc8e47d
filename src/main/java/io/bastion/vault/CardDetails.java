package io.bastion.vault;

import java.util.Objects;

/** A detokenized card, handed to the authorization path or the cardholder's own view; toString masks. */
public record CardDetails(CardNumber number, Expiry expiry, String cardholderName) {

    public CardDetails {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(expiry, "expiry");
        Objects.requireNonNull(cardholderName, "cardholderName");
    }

    @Override
    public String toString() {
        return "CardDetails[" + number + ", " + expiry.text() + "]";
    }
}
