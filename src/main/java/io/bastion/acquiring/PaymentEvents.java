package io.bastion.acquiring;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records the merchant-visible events of payments (payment_intent.succeeded, .captured, .failed,
 * .canceled, .refunded, .requires_action) in the caller's transaction, so an event exists exactly when its
 * state change committed, and queue a delivery to each of the merchant's webhook endpoints (the outbox).
 */
@Component
final class PaymentEvents {

    static final String TYPE_SUCCEEDED = "payment_intent.succeeded";
    static final String TYPE_CAPTURED = "payment_intent.captured";
    static final String TYPE_FAILED = "payment_intent.failed";
    static final String TYPE_CANCELED = "payment_intent.canceled";
    static final String TYPE_REFUNDED = "payment_intent.refunded";
    static final String TYPE_REQUIRES_ACTION = "payment_intent.requires_action";
    /** Every event type a merchant can receive. */
    static final List<String> TYPES = List.of(TYPE_SUCCEEDED, TYPE_CAPTURED, TYPE_FAILED, TYPE_CANCELED, TYPE_REFUNDED,
            TYPE_REQUIRES_ACTION);

    private final EventStore store;
    private final JsonMapper json;
    private final WebhookStore webhooks;

    PaymentEvents(EventStore store, JsonMapper json, WebhookStore webhooks) {
        this.webhooks = Objects.requireNonNull(webhooks, "webhooks");
        this.store = Objects.requireNonNull(store, "store");
        this.json = Objects.requireNonNull(json, "json");
    }

    /** Records the events of the intent's new status (none for requires_capture or processing). */
    void changed(PaymentIntent intent) {
        for (String type : types(intent.status())) {
            record(intent.merchantId(), type, WireFormat.intent(intent));
        }
    }

    /** Whether moving an intent to this status records any event (so whether the move and its events need a transaction). */
    static boolean recordsEvents(PaymentStatus status) {
        return !types(status).isEmpty();
    }

    private static List<String> types(PaymentStatus status) {
        return switch (status) {
            case SUCCEEDED -> List.of(TYPE_SUCCEEDED, TYPE_CAPTURED);
            case FAILED -> List.of(TYPE_FAILED);
            case CANCELED -> List.of(TYPE_CANCELED);
            case REQUIRES_ACTION -> List.of(TYPE_REQUIRES_ACTION);
            default -> List.of();
        };
    }

    /** Records payment_intent.refunded with the intent and the refund. */
    void refunded(PaymentIntent intent, Refund refund) {
        Map<String, Object> object = WireFormat.intent(intent);
        object.put("refund", WireFormat.refund(refund));
        record(intent.merchantId(), TYPE_REFUNDED, object);
    }

    private void record(String merchantId, String type, Map<String, Object> object) {
        String id = Ids.next("evt");
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", type);
        payload.put("timestamp", store.now().toInstant().toString());
        payload.put("data", object);
        store.insert(id, merchantId, type, json.writeValueAsString(payload));
        webhooks.enqueue(merchantId, id, type, store.now().toInstant());
    }
}
