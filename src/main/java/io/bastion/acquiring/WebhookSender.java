package io.bastion.acquiring;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * Delivers the webhook outbox at least once: each due delivery is POSTed with the Standard Webhooks headers;
 * a 2xx ends it, anything else (or no answer) schedules the next attempt with exponential backoff
 * ({@link #FIRST_RETRY} doubling up to {@link #RETRY_INTERVAL_MAX}) until {@link #DELIVERY_WINDOW} after the
 * event, when it fails for good. Every attempt is logged. Redirects are not followed.
 */
@Component
final class WebhookSender {

    static final Duration FIRST_RETRY = Duration.ofSeconds(10);
    static final Duration RETRY_INTERVAL_MAX = Duration.ofHours(4);
    static final Duration DELIVERY_WINDOW = Duration.ofHours(24);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    static final int DELIVERIES_PER_RUN_MAX = 50;
    static final int ERROR_LENGTH_MAX = 200;

    private final WebhookStore store;
    private final WebhookEndpoints endpoints;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    WebhookSender(WebhookStore store, WebhookEndpoints endpoints, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The wait before attempt number {@code attempts + 1}, after {@code attempts} failed ones. */
    static Duration backoff(int attempts) {
        Duration wait = FIRST_RETRY.multipliedBy(1L << Math.min(attempts - 1, 20));
        return wait.compareTo(RETRY_INTERVAL_MAX) > 0 ? RETRY_INTERVAL_MAX : wait;
    }

    /** One run: attempts every delivery due now; answers how many succeeded. */
    int deliverDue() {
        return deliverDue(clock.instant());
    }

    int deliverDue(Instant now) {
        int delivered = 0;
        for (WebhookStore.Due due : store.due(now, DELIVERIES_PER_RUN_MAX)) {
            delivered += attempt(due, now) ? 1 : 0;
        }
        return delivered;
    }

    private boolean attempt(WebhookStore.Due due, Instant now) {
        long timestamp = now.getEpochSecond();
        long started = System.nanoTime();
        Integer status = null;
        String error = null;
        if (!endpoints.acceptsUrl(due.url())) {
            error = "url refused";
        } else {
            try {
                HttpRequest request = HttpRequest.newBuilder(URI.create(due.url())).timeout(REQUEST_TIMEOUT)
                        .header("Content-Type", "application/json")
                        .header("webhook-id", due.eventId())
                        .header("webhook-timestamp", Long.toString(timestamp))
                        .header("webhook-signature", signatures(due, timestamp, now))
                        .POST(HttpRequest.BodyPublishers.ofString(due.payload())).build();
                status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (java.io.IOException e) {
                error = e.getClass().getSimpleName();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                error = "interrupted";
            }
        }
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        boolean ok = status != null && status >= 200 && status < 300;
        store.recordAttempt(due.id(), now, status, millis, error == null ? null
                : error.substring(0, Math.min(error.length(), ERROR_LENGTH_MAX)));
        Instant next = now.plus(backoff(due.attempts() + 1));
        boolean expired = next.isAfter(due.createdAt().plus(DELIVERY_WINDOW));
        store.settle(due.id(), ok ? "succeeded" : expired ? "failed" : "pending", ok || expired ? null : next);
        return ok;
    }

    /** The signature header: the current secret's, plus the previous one's while a rotation overlaps. */
    private String signatures(WebhookStore.Due due, long timestamp, Instant now) {
        List<String> signatures = new ArrayList<>();
        signatures.add(WebhookSignature.sign(endpoints.open(due.secret(), due.endpointId()), due.eventId(), timestamp,
                due.payload()));
        if (due.previousSecret() != null && due.previousValidUntil() != null && now.isBefore(due.previousValidUntil())) {
            signatures.add(WebhookSignature.sign(endpoints.open(due.previousSecret(), due.endpointId()), due.eventId(),
                    timestamp, due.payload()));
        }
        return String.join(" ", signatures);
    }
}
