package io.bastion.acquiring;

import java.time.Instant;
import java.util.List;

/**
 * A merchant's webhook endpoint (its secret is never part of this record) and the event types it receives,
 * {@code *} standing for all of them.
 */
public record WebhookEndpoint(String id, String merchantId, String url, Instant createdAt, List<String> enabledEvents) {

    public WebhookEndpoint {
        enabledEvents = List.copyOf(enabledEvents);
    }
}
