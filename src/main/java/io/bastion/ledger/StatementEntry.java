package io.bastion.ledger;

import java.time.Instant;

/**
 * One line of an account's statement: a transfer as seen from this account ({@code side} is "debit" or
 * "credit"), and the account's balances right after it. {@code kind} is transfer, pending, post, void or
 * expire.
 */
public record StatementEntry(long sequence, String transferId, String kind, String side, String counterpartyAccountId,
                             long amount, Balance balanceAfter, Instant createdAt) {
}
