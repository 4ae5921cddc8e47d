package io.bastion.acquiring.web;

import io.bastion.acquiring.WebhookDelivery;
import io.bastion.acquiring.WebhookEndpoint;
import io.bastion.acquiring.WebhookEndpoints;
import io.bastion.identity.ApiKeyPrincipal;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Merchants' webhook endpoints over the API: create (secret shown once), list, delete, rotate, deliveries, resend. */
@RestController
class WebhookEndpointController {

    private final WebhookEndpoints endpoints;

    WebhookEndpointController(WebhookEndpoints endpoints) {
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
    }

    /** {@code enabled_events}: the event types to receive, {@code *} (the default) for all of them. */
    record CreateEndpoint(@NotNull @Size(max = 2048) String url, List<String> enabled_events) {

        @AssertTrue(message = "must name known event types (payment_intent.succeeded, .captured, .failed, .canceled, "
                + ".refunded, .requires_action) or *, each once")
        boolean isEnabled_events() {
            return enabled_events == null || WebhookEndpoints.validEvents(enabled_events);
        }

        List<String> events() {
            return enabled_events == null ? List.of(WebhookEndpoints.ALL_EVENTS) : enabled_events;
        }
    }

    private static Map<String, Object> view(WebhookEndpoint e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("object", "webhook_endpoint");
        m.put("url", e.url());
        m.put("enabled_events", e.enabledEvents());
        m.put("status", e.disabled() ? "disabled" : "enabled");
        m.put("created", e.createdAt().toString());
        return m;
    }

    @PostMapping("/v1/webhook_endpoints")
    Map<String, Object> create(@AuthenticationPrincipal ApiKeyPrincipal caller, @Valid @RequestBody CreateEndpoint body) {
        WebhookEndpoints.Created created = endpoints.create(PaymentIntentController.merchant(caller), body.url(), body.events())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.UNPROCESSABLE_CONTENT, "url must be https"));
        Map<String, Object> m = view(created.endpoint());
        m.put("secret", created.secret().value());
        return m;
    }

    @GetMapping("/v1/webhook_endpoints")
    Map<String, Object> list(@AuthenticationPrincipal ApiKeyPrincipal caller) {
        return Map.of("object", "list", "data",
                endpoints.list(PaymentIntentController.merchant(caller)).stream().map(WebhookEndpointController::view).toList());
    }

    @GetMapping("/v1/webhook_endpoints/{id}")
    Map<String, Object> get(@AuthenticationPrincipal ApiKeyPrincipal caller, @PathVariable String id) {
        return view(endpoints.find(PaymentIntentController.merchant(caller), id).orElseThrow(PaymentIntentController::notFound));
    }

    /** {@code disabled}: true pauses the endpoint, false resumes it. */
    record UpdateEndpoint(@NotNull Boolean disabled) {
    }

    @PostMapping("/v1/webhook_endpoints/{id}")
    Map<String, Object> update(@AuthenticationPrincipal ApiKeyPrincipal caller, @PathVariable String id,
                               @Valid @RequestBody UpdateEndpoint body) {
        String merchant = PaymentIntentController.merchant(caller);
        if (!endpoints.disable(merchant, id, body.disabled())) {
            throw PaymentIntentController.notFound();
        }
        return view(endpoints.find(merchant, id).orElseThrow(PaymentIntentController::notFound));
    }

    @DeleteMapping("/v1/webhook_endpoints/{id}")
    Map<String, Object> delete(@AuthenticationPrincipal ApiKeyPrincipal caller, @PathVariable String id) {
        if (!endpoints.delete(PaymentIntentController.merchant(caller), id)) {
            throw PaymentIntentController.notFound();
        }
        return Map.of("id", id, "object", "webhook_endpoint", "deleted", true);
    }

    @PostMapping("/v1/webhook_endpoints/{id}/rotate_secret")
    Map<String, Object> rotate(@AuthenticationPrincipal ApiKeyPrincipal caller, @PathVariable String id) {
        String secret = endpoints.rotate(PaymentIntentController.merchant(caller), id)
                .orElseThrow(PaymentIntentController::notFound).value();
        return Map.of("id", id, "object", "webhook_endpoint", "secret", secret);
    }

    @GetMapping("/v1/webhook_endpoints/{id}/deliveries")
    Map<String, Object> deliveries(@AuthenticationPrincipal ApiKeyPrincipal caller, @PathVariable String id) {
        List<WebhookDelivery> deliveries = endpoints.deliveries(PaymentIntentController.merchant(caller), id)
                .orElseThrow(PaymentIntentController::notFound);
        return Map.of("object", "list", "data", deliveries.stream().map(WebhookEndpointController::delivery).toList());
    }

    private static Map<String, Object> delivery(WebhookDelivery d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id());
        m.put("event_id", d.eventId());
        m.put("event_type", d.eventType());
        m.put("status", d.status());
        m.put("attempts", d.attempts());
        m.put("next_attempt_at", d.nextAttemptAt() == null ? null : d.nextAttemptAt().toString());
        m.put("attempt_log", d.attemptLog().stream().map(a -> {
            Map<String, Object> attempt = new LinkedHashMap<>();
            attempt.put("at", a.at().toString());
            attempt.put("status_code", a.statusCode());
            attempt.put("duration_ms", a.durationMillis());
            attempt.put("error", a.error());
            return attempt;
        }).toList());
        return m;
    }

    @PostMapping("/v1/webhook_endpoints/{id}/deliveries/{deliveryId}/resend")
    Map<String, Object> resend(@AuthenticationPrincipal ApiKeyPrincipal caller, @PathVariable String id,
                               @PathVariable String deliveryId) {
        if (!endpoints.resend(PaymentIntentController.merchant(caller), id, deliveryId)) {
            throw PaymentIntentController.notFound();
        }
        return Map.of("id", deliveryId, "status", "pending");
    }
}
