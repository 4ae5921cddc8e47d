package io.bastion.ledger;

import java.time.Instant;

/**
 * A stored transfer. {@code kind} is transfer, pending, post, void or expire; for a pending transfer,
 * {@code resolution} says how it was resolved (post, void or expire) and {@code resolvedBy} by which
 * transfer, both null while it is still pending.
 */
public record Transfer(String id, String kind, String debitAccountId, String creditAccountId, String currency,
                       long amount, String pendingId, int timeoutSeconds, Instant expiresAt, boolean linked,
                       Instant createdAt, String resolution, String resolvedBy) {
}
