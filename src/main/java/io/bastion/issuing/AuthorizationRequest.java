package io.bastion.issuing;

import io.bastion.vault.CardNumber;
import io.bastion.vault.CardToken;
import io.bastion.vault.Cvv;
import io.bastion.vault.Expiry;
import java.util.Objects;
import java.util.Optional;

/**
 * An authorization the acquiring side asks the issuer for: the card (by number, or by vault token for a
 * stored card), its expiry and CVV2 when the cardholder entered them, the amount in minor units, the
 * merchant, whether the payment is online (card not present) and what 3-D Secure said. The id is the
 * caller's and makes the request idempotent. toString() never shows the card number or the CVV.
 */
public record AuthorizationRequest(String authorizationId, CardNumber cardNumber, CardToken token, Optional<Expiry> expiry,
                                   Optional<Cvv> cvv, long amountMinor, String currency, String merchantName,
                                   String merchantCountry, String mcc, boolean online, Optional<ThreeDsResult> threeDs) {

    public AuthorizationRequest {
        Objects.requireNonNull(authorizationId, "authorizationId");
        if ((cardNumber == null) == (token == null)) {
            throw new IllegalArgumentException("name the card by number or by token, not both");
        }
        expiry = Objects.requireNonNullElse(expiry, Optional.empty());
        cvv = Objects.requireNonNullElse(cvv, Optional.empty());
        threeDs = Objects.requireNonNullElse(threeDs, Optional.empty());
    }

    /** An online payment with a card number, expiry and CVV2 as typed by the cardholder. */
    public static AuthorizationRequest online(String authorizationId, CardNumber number, Expiry expiry, Cvv cvv,
                                              long amountMinor, String currency, String merchantName,
                                              String merchantCountry, String mcc, ThreeDsResult threeDs) {
        return new AuthorizationRequest(authorizationId, number, null, Optional.of(expiry), Optional.ofNullable(cvv),
                amountMinor, currency, merchantName, merchantCountry, mcc, true, Optional.ofNullable(threeDs));
    }
}
