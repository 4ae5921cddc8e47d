package io.bastion.issuing;

import java.time.Instant;
import java.time.YearMonth;

/**
 * An issued card as everything outside the vault sees it: the vault token and masked number, never the
 * number itself. The CVV2 key id names the issuer key the card's CVV2 is derived under, so rotating the
 * issuer key changes no card's CVV2.
 */
public record Card(String id, String userId, String walletId, String ledgerAccountId, String currency, String token,
                   String masked, YearMonth expiry, CardStatus status, int cvvKeyId, CardControls controls,
                   String replacesCardId, Instant createdAt) {

    /** The last four digits, as a person names the card. */
    public String last4() {
        return masked.substring(masked.length() - 4);
    }
}
