package io.bastion.acquiring;

import io.bastion.shared.Secret;

/**
 * A card as a network connector receives it: the number and the CVV2 stay {@link Secret}s, so they never
 * print; {@code token} is the vault token the payment was made with (an on-us issuer finds its card by it,
 * and then {@code number} is null: see {@link CardNetworkConnector#needsCardNumber()}).
 * The CVV2 is present only for the first authorization after the cardholder typed it, never stored.
 */
public record NetworkCard(Secret number, int expiryMonth, int expiryYear, String token, Secret cvv) {

    public NetworkCard {
        if (number == null && token == null) {
            throw new IllegalArgumentException("a network card needs its number or its vault token");
        }
    }
}
