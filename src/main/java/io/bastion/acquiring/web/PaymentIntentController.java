package io.bastion.acquiring.web;

import io.bastion.acquiring.CaptureMethod;
import io.bastion.acquiring.IntentFilter;
import io.bastion.acquiring.IntentPage;
import io.bastion.acquiring.NewPaymentIntent;
import io.bastion.acquiring.PaymentIntent;
import io.bastion.acquiring.PaymentIntents;
import io.bastion.acquiring.PaymentOutcome;
import io.bastion.acquiring.PaymentRejection;
import io.bastion.acquiring.PaymentStatus;
import io.bastion.acquiring.RefundOutcome;
import io.bastion.acquiring.WireFormat;
import io.bastion.identity.ApiKeyPrincipal;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The merchant payment API: payment intents and refunds, scoped to the API key's business. Field names
 * are snake_case as merchants expect; the request records name their components the same way so a
 * validation problem names the field exactly as it appears in the JSON.
 */
@RestController
class PaymentIntentController {

    /** The largest amount one intent may carry, in minor units. */
    static final long AMOUNT_MAX = 99_999_999_999L;
    static final String STATUSES =
            "requires_payment_method|requires_action|processing|requires_capture|succeeded|canceled|failed";

    private final PaymentIntents intents;
    private final String publicUrl;

    PaymentIntentController(PaymentIntents intents, @Value("${bastion.public-url:https://localhost:8443}") String publicUrl) {
        this.intents = Objects.requireNonNull(intents, "intents");
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    /**
     * The intent as merchants see it through the API: the wire format plus where to send the customer. While a
     * card is still needed, hosted_payment_url is the hosted page; while a challenge waits, next_action says to
     * redirect the customer there as well.
     */
    private Map<String, Object> view(PaymentIntent intent) {
        Map<String, Object> m = WireFormat.intent(intent);
        boolean open = (intent.status() == PaymentStatus.REQUIRES_PAYMENT_METHOD && !intents.checkoutExpired(intent))
                || intent.status() == PaymentStatus.REQUIRES_ACTION;
        String url = open && intent.checkoutId() != null ? publicUrl + "/pay/" + intent.checkoutId() : null;
        m.put("hosted_payment_url", url);
        m.put("hosted_payment_expires_at", intents.checkoutExpiresAt(intent).map(java.time.Instant::toString).orElse(null));
        m.put("next_action", intent.status() == PaymentStatus.REQUIRES_ACTION && url != null
                ? Map.of("type", "redirect_to_url", "redirect_to_url", Map.of("url", url)) : null);
        return m;
    }

    record CreateIntent(@NotNull @Positive @Max(AMOUNT_MAX) Long amount, @NotNull @Iso4217 String currency,
                        @Size(max = 1000) String description, @Size(max = 255) String merchant_reference,
                        @Pattern(regexp = "automatic|manual", message = "must be automatic or manual") String capture_method,
                        @Email @Size(max = 254) String customer_email,
                        @Size(max = 2048) @Pattern(regexp = "https://[^\\s]+", message = "must be an https URL") String return_url,
                        @Pattern(regexp = "off_session", message = "must be off_session") String setup_future_usage) {

        NewPaymentIntent toRequest() {
            CaptureMethod method = capture_method == null ? CaptureMethod.AUTOMATIC
                    : CaptureMethod.valueOf(capture_method.toUpperCase(Locale.ROOT));
            return new NewPaymentIntent(amount, currency, description, merchant_reference, method, customer_email,
                    return_url, setup_future_usage != null);
        }
    }

    record Confirm(@NotNull @TestPaymentMethod String payment_method) {
    }

    record Capture(@Positive @Max(AMOUNT_MAX) Long amount_to_capture) {
    }

    record CreateRefund(@NotNull @Pattern(regexp = "pi_[a-z0-9]{1,40}", message = "must be a payment intent id") String payment_intent,
                        @Positive @Max(AMOUNT_MAX) Long amount, @Size(max = 255) String reason) {
    }

    static String merchant(ApiKeyPrincipal caller) {
        if (caller == null || caller.ownerKind() != ApiKeyPrincipal.OwnerKind.BUSINESS) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        return caller.ownerId();
    }

    @PostMapping("/v1/payment_intents")
    Map<String, Object> create(@AuthenticationPrincipal ApiKeyPrincipal caller, @Valid @RequestBody CreateIntent body) {
        return view(intents.create(merchant(caller), body.toRequest()));
    }

    @GetMapping("/v1/payment_intents/{id}")
    Map<String, Object> get(@AuthenticationPrincipal ApiKeyPrincipal caller, @PathVariable String id) {
        return view(intents.find(merchant(caller), id).orElseThrow(PaymentIntentController::notFound));
    }

    @GetMapping("/v1/payment_intents")
    Map<String, Object> list(@AuthenticationPrincipal ApiKeyPrincipal caller,
                             @RequestParam(defaultValue = "20") @Min(1) @Max(IntentFilter.PAGE_MAX) int limit,
                             @RequestParam(name = "starting_after", required = false) @Size(max = 64) String startingAfter,
                             @RequestParam(required = false) @Pattern(regexp = STATUSES) String status,
                             @RequestParam(name = "created_gte", required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant createdFrom,
                             @RequestParam(name = "created_lt", required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant createdBefore) {
        IntentPage page = intents.list(merchant(caller), new IntentFilter(status == null ? null : PaymentStatus.ofWire(status),
                createdFrom, createdBefore, startingAfter, limit));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("object", "list");
        m.put("data", page.intents().stream().map(this::view).toList());
        m.put("has_more", page.hasMore());
        m.put("next_starting_after", page.hasMore() ? page.intents().getLast().id() : null);
        return m;
    }

    @PostMapping("/v1/payment_intents/{id}/confirm")
    Map<String, Object> confirm(@AuthenticationPrincipal ApiKeyPrincipal caller, @PathVariable String id,
                                @Valid @RequestBody Confirm body) {
        return answer(intents.confirm(merchant(caller), id, body.payment_method()));
    }

    @PostMapping("/v1/payment_intents/{id}/capture")
    Map<String, Object> capture(@AuthenticationPrincipal ApiKeyPrincipal caller, @PathVariable String id,
                                @Valid @RequestBody(required = false) Capture body) {
        return answer(intents.capture(merchant(caller), id, body == null ? null : body.amount_to_capture()));
    }

    @PostMapping("/v1/payment_intents/{id}/cancel")
    Map<String, Object> cancel(@AuthenticationPrincipal ApiKeyPrincipal caller, @PathVariable String id) {
        return answer(intents.cancel(merchant(caller), id));
    }

    @PostMapping("/v1/refunds")
    Map<String, Object> refund(@AuthenticationPrincipal ApiKeyPrincipal caller, @Valid @RequestBody CreateRefund body) {
        RefundOutcome outcome = intents.refund(merchant(caller), body.payment_intent(), body.amount(), body.reason());
        if (!outcome.ok()) {
            throw refused(outcome.rejection());
        }
        return WireFormat.refund(outcome.refund());
    }

    @GetMapping("/v1/refunds/{id}")
    Map<String, Object> getRefund(@AuthenticationPrincipal ApiKeyPrincipal caller, @PathVariable String id) {
        return WireFormat.refund(intents.findRefund(merchant(caller), id).orElseThrow(PaymentIntentController::notFound));
    }

    private Map<String, Object> answer(PaymentOutcome outcome) {
        if (!outcome.ok()) {
            throw refused(outcome.rejection());
        }
        return view(outcome.intent());
    }

    private static ResponseStatusException refused(PaymentRejection rejection) {
        HttpStatus status = switch (rejection) {
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case STATUS_MUST_ALLOW_OPERATION -> HttpStatus.CONFLICT;
            case PAYMENT_METHOD_MUST_BE_A_TEST_TOKEN -> HttpStatus.BAD_REQUEST;
            case CARD_MUST_BE_SUPPORTED -> HttpStatus.UNPROCESSABLE_CONTENT;
            case LEDGER_REFUSED -> HttpStatus.SERVICE_UNAVAILABLE;
            default -> HttpStatus.UNPROCESSABLE_CONTENT;
        };
        return new ResponseStatusException(status, rejection.name().toLowerCase(Locale.ROOT));
    }

    static ResponseStatusException notFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
}
