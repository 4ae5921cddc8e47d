package io.bastion.acquiring;

import java.time.Instant;
import java.util.List;

/** One event's delivery to one endpoint, with every attempt so far. */
public record WebhookDelivery(String id, String endpointId, String eventId, String eventType, String status, int attempts,
                              Instant nextAttemptAt, Instant createdAt, List<Attempt> attemptLog) {

    /** One HTTP attempt: when, the status code (null when no answer), how long, and the error if any. */
    public record Attempt(Instant at, Integer statusCode, long durationMillis, String error) {
    }
}
