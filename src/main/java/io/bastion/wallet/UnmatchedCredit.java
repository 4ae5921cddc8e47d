package io.bastion.wallet;

import java.time.Instant;

/** An incoming credit that matched no wallet, parked on the suspense account for staff to review. */
public record UnmatchedCredit(String id, String entryRef, long amountMinor, String currency, String debtorName,
                              String remittance, String status, String walletId, Instant createdAt) {
}
