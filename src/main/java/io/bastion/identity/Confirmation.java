package io.bastion.identity;

import java.time.Instant;

/**
 * A request to confirm one sensitive action, as its owner sees it: the summary, the payment's details
 * when it is a payment (null otherwise), and where it stands.
 */
public record Confirmation(String id, ConfirmationAction.Kind kind, String summary, Long amountMinor, String currency,
                           String payeeId, String payeeLabel, Instant createdAt, Instant expiresAt, int attempts,
                           Instant confirmedAt, Instant consumedAt) {

    /** Still waiting for a code: not confirmed, not expired and not burnt by wrong codes. */
    public boolean open(Instant now) {
        return confirmedAt == null && expiresAt.isAfter(now) && attempts < Confirmations.ATTEMPTS_MAX;
    }

    /** The payment's amount written as people read it, or null for other actions. */
    public String formattedAmount() {
        return amountMinor == null ? null
                : new ConfirmationAction.Payment(amountMinor, currency, payeeId, payeeLabel).formatted();
    }
}
