package io.bastion.acquiring;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The webhook tables: endpoints, the delivery outbox and the attempt log. */
@Component
final class WebhookStore {

    /** A delivery due now, with what it takes to send it. */
    record Due(String id, String endpointId, String url, byte[] secret, byte[] previousSecret,
               Instant previousValidUntil, String eventId, String payload, int attempts, Instant createdAt) {
    }

    private final JdbcClient jdbc;

    WebhookStore(JdbcClient jdbc) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
    }

    private static OffsetDateTime utc(Instant at) {
        return at == null ? null : OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    void insertEndpoint(String id, String merchantId, String url, byte[] secret, Instant now, List<String> enabledEvents) {
        jdbc.sql("""
                INSERT INTO acquiring_webhook_endpoint (id, merchant_id, url, secret, created_at, enabled_events)
                VALUES (?, ?, ?, ?, ?, ?::text[])""")
                .params(id, merchantId, url, secret, utc(now), enabledEvents.toArray(String[]::new)).update();
    }

    Optional<WebhookEndpoint> endpoint(String merchantId, String id) {
        return jdbc.sql("""
                SELECT id, merchant_id, url, created_at, enabled_events, disabled_at IS NOT NULL FROM acquiring_webhook_endpoint
                WHERE id = ? AND merchant_id = ? AND deleted_at IS NULL""")
                .params(id, merchantId).query(WebhookStore::endpoint).optional();
    }

    List<WebhookEndpoint> endpoints(String merchantId, int limit) {
        return jdbc.sql("""
                SELECT id, merchant_id, url, created_at, enabled_events, disabled_at IS NOT NULL FROM acquiring_webhook_endpoint
                WHERE merchant_id = ? AND deleted_at IS NULL ORDER BY created_at DESC, id DESC LIMIT ?""")
                .params(merchantId, limit).query(WebhookStore::endpoint).list();
    }

    private static WebhookEndpoint endpoint(ResultSet rs, int n) throws SQLException {
        return new WebhookEndpoint(rs.getString(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(),
                List.of((String[]) rs.getArray(5).getArray()), rs.getBoolean(6));
    }

    boolean delete(String merchantId, String id, Instant now) {
        return jdbc.sql("UPDATE acquiring_webhook_endpoint SET deleted_at = ? WHERE id = ? AND merchant_id = ? AND deleted_at IS NULL")
                .params(utc(now), id, merchantId).update() == 1;
    }

    /** Disables (from {@code now}, unless it already was) or enables a live endpoint; false when there is none. */
    boolean disable(String merchantId, String id, boolean disabled, Instant now) {
        return jdbc.sql("""
                UPDATE acquiring_webhook_endpoint
                SET disabled_at = CASE WHEN ? THEN coalesce(disabled_at, ?) ELSE NULL END
                WHERE id = ? AND merchant_id = ? AND deleted_at IS NULL""")
                .params(disabled, utc(now), id, merchantId).update() == 1;
    }

    /** Replaces the secret, keeping the old one for signing until {@code previousValidUntil}. */
    boolean rotate(String merchantId, String id, byte[] secret, Instant previousValidUntil) {
        return jdbc.sql("""
                UPDATE acquiring_webhook_endpoint SET previous_secret = secret, previous_valid_until = ?, secret = ?
                WHERE id = ? AND merchant_id = ? AND deleted_at IS NULL""")
                .params(utc(previousValidUntil), secret, id, merchantId).update() == 1;
    }

    /** Queues an event for every live endpoint of the merchant subscribed to its type (in the caller's transaction). */
    void enqueue(String merchantId, String eventId, String type, Instant now) {
        List<String> endpoints = jdbc.sql("""
                SELECT id FROM acquiring_webhook_endpoint
                WHERE merchant_id = ? AND deleted_at IS NULL AND disabled_at IS NULL
                  AND enabled_events && ARRAY['*', ?]::text[]""")
                .params(merchantId, type).query(String.class).list();
        for (String endpointId : endpoints) {
            jdbc.sql("""
                    INSERT INTO acquiring_webhook_delivery (id, endpoint_id, event_id, status, next_attempt_at, created_at)
                    VALUES (?, ?, ?, 'pending', ?, ?)""")
                    .params(Ids.next("msg"), endpointId, eventId, utc(now), utc(now)).update();
        }
    }

    List<Due> due(Instant now, int limit) {
        return jdbc.sql("""
                SELECT d.id, d.endpoint_id, e.url, e.secret, e.previous_secret, e.previous_valid_until, d.event_id,
                       ev.payload, d.attempts, d.created_at
                FROM acquiring_webhook_delivery d
                JOIN acquiring_webhook_endpoint e ON e.id = d.endpoint_id
                JOIN acquiring_event ev ON ev.id = d.event_id
                WHERE d.status = 'pending' AND d.next_attempt_at <= ? AND e.deleted_at IS NULL AND e.disabled_at IS NULL
                ORDER BY d.next_attempt_at LIMIT ?""")
                .params(utc(now), limit)
                .query((rs, n) -> new Due(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBytes(4), rs.getBytes(5),
                        rs.getTimestamp(6) == null ? null : rs.getTimestamp(6).toInstant(), rs.getString(7), rs.getString(8),
                        rs.getInt(9), rs.getTimestamp(10).toInstant()))
                .list();
    }

    void recordAttempt(String deliveryId, Instant at, Integer statusCode, long durationMillis, String error) {
        jdbc.sql("""
                INSERT INTO acquiring_webhook_attempt (delivery_id, attempted_at, status_code, duration_ms, error)
                VALUES (?, ?, ?, ?, ?)""")
                .params(deliveryId, utc(at), statusCode, durationMillis, error).update();
    }

    /** Records the outcome of an attempt: succeeded, failed for good, or pending again at {@code next}. */
    void settle(String deliveryId, String status, Instant next) {
        jdbc.sql("""
                UPDATE acquiring_webhook_delivery SET status = ?, attempts = attempts + 1, next_attempt_at = ?
                WHERE id = ?""")
                .params(status, utc(next), deliveryId).update();
    }

    /** Queues a delivery again from now, whatever its status. */
    boolean resend(String merchantId, String endpointId, String deliveryId, Instant now) {
        return jdbc.sql("""
                UPDATE acquiring_webhook_delivery d SET status = 'pending', next_attempt_at = ?
                FROM acquiring_webhook_endpoint e
                WHERE d.id = ? AND d.endpoint_id = ? AND e.id = d.endpoint_id AND e.merchant_id = ? AND e.deleted_at IS NULL""")
                .params(utc(now), deliveryId, endpointId, merchantId).update() == 1;
    }

    List<WebhookDelivery> deliveries(String endpointId, int limit) {
        List<WebhookDelivery> rows = jdbc.sql("""
                SELECT d.id, d.endpoint_id, d.event_id, ev.type, d.status, d.attempts, d.next_attempt_at, d.created_at
                FROM acquiring_webhook_delivery d JOIN acquiring_event ev ON ev.id = d.event_id
                WHERE d.endpoint_id = ? ORDER BY d.created_at DESC, d.id DESC LIMIT ?""")
                .params(endpointId, limit)
                .query((rs, n) -> new WebhookDelivery(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getInt(6), rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant(),
                        rs.getTimestamp(8).toInstant(), List.of()))
                .list();
        return rows.stream().map(d -> new WebhookDelivery(d.id(), d.endpointId(), d.eventId(), d.eventType(), d.status(),
                d.attempts(), d.nextAttemptAt(), d.createdAt(), attempts(d.id()))).toList();
    }

    private List<WebhookDelivery.Attempt> attempts(String deliveryId) {
        return jdbc.sql("""
                SELECT attempted_at, status_code, duration_ms, error FROM acquiring_webhook_attempt
                WHERE delivery_id = ? ORDER BY id LIMIT 100""")
                .param(deliveryId)
                .query((rs, n) -> new WebhookDelivery.Attempt(rs.getTimestamp(1).toInstant(),
                        (Integer) rs.getObject(2), rs.getLong(3), rs.getString(4)))
                .list();
    }
}
