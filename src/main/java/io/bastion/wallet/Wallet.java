package io.bastion.wallet;

import java.time.Instant;

/**
 * A customer's e-money wallet in one currency: its ledger account, its IBAN, and the reference the
 * customer writes on a bank transfer to top it up.
 */
public record Wallet(String id, String userId, String currency, String iban, String ledgerAccountId,
                     String topupReference, Instant createdAt) {
}
