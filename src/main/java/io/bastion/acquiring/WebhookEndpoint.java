package io.bastion.acquiring;

import java.time.Instant;

/** A merchant's webhook endpoint (its secret is never part of this record). */
public record WebhookEndpoint(String id, String merchantId, String url, Instant createdAt) {
}
