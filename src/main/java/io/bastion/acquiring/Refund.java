package io.bastion.acquiring;

import java.time.Instant;

/** Money given back to the cardholder from a captured payment; several may exist up to the captured amount. */
public record Refund(String id, String paymentIntentId, String merchantId, long amount, String currency,
                     String status, String reason, Instant createdAt) {
}
