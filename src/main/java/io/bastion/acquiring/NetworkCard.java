package io.bastion.acquiring;

import io.bastion.shared.Secret;
import java.util.Objects;

/** A card as a network connector receives it: the number stays a {@link Secret}, so it never prints. */
public record NetworkCard(Secret number, int expiryMonth, int expiryYear) {

    public NetworkCard {
        Objects.requireNonNull(number, "number");
    }

    /** The first six digits, by which cards are routed. */
    public String bin() {
        return number.value().substring(0, 6);
    }

    /** The last four digits, the only ones Bastion stores outside the vault. */
    public String last4() {
        return number.value().substring(number.value().length() - 4);
    }
}
