package io.bastion.acquiring;

import java.time.Instant;
import java.util.List;

/**
 * A merchant's webhook endpoint (its secret is never part of this record), the event types it receives
 * ({@code *} standing for all of them), and whether the merchant disabled it.
 */
public record WebhookEndpoint(String id, String merchantId, String url, Instant createdAt, List<String> enabledEvents,
                              boolean disabled) {

    public WebhookEndpoint {
        enabledEvents = List.copyOf(enabledEvents);
    }
}
