package io.bastion.acquiring;

import java.util.Objects;

/**
 * What a connector sends to the network for one authorization: Bastion's reference (the payment intent id,
 * which makes the call idempotent), the card, the amount in minor units, the merchant, and what 3-D Secure
 * said ({@code authentication} null when it did not run or the card is not enrolled).
 */
public record NetworkAuthorization(String reference, NetworkCard card, long amount, String currency,
                                   Merchant merchant, Authentication authentication) {

    public NetworkAuthorization {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(card, "card");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(merchant, "merchant");
    }

    /** The merchant as networks identify it: id, display name, ISO 3166 country and category code. */
    public record Merchant(String id, String name, String country, String mcc) {
    }

    /**
     * The 3-D Secure result an issuer verifies: transStatus, ECI, the DS transaction id and authentication
     * value (CAVV) it is bound to, the account token the AReq carried, and whether it was frictionless or a
     * challenge. toString() never shows the authentication value.
     */
    public record Authentication(String transStatus, String eci, String dsTransID, String authenticationValue,
                                 String accountToken, String flow) {

        @Override
        public String toString() {
            return "Authentication[transStatus=" + transStatus + ", eci=" + eci + ", dsTransID=" + dsTransID
                    + ", flow=" + flow + "]";
        }
    }
}
