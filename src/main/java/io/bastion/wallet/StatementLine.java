package io.bastion.wallet;

import java.time.Instant;

/**
 * One line of a wallet statement: a signed amount (negative leaves the wallet), what it was, the
 * counterparty and reference, and the posted balance right after it. A held payout shows with its held
 * amount and no change to the posted balance until the bank confirms it.
 */
public record StatementLine(long sequence, Instant bookedAt, String kind, String counterparty, String reference,
                            long amountMinor, boolean held, long balanceAfterMinor) {
}
