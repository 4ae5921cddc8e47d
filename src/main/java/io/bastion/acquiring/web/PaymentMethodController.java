package io.bastion.acquiring.web;

import io.bastion.acquiring.SavedCard;
import io.bastion.acquiring.SavedCards;
import io.bastion.identity.ApiKeyPrincipal;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Cards customers saved with the merchant on the hosted page: listed, read and detached by the merchant
 * that owns them, never by another. The card itself stays in the vault; merchants see brand, last four,
 * expiry and the consent.
 */
@RestController
@Validated
class PaymentMethodController {

    static final int PAGE_MAX = 100;

    private final SavedCards cards;

    PaymentMethodController(SavedCards cards) {
        this.cards = Objects.requireNonNull(cards, "cards");
    }

    @GetMapping("/v1/payment_methods")
    Map<String, Object> list(@AuthenticationPrincipal ApiKeyPrincipal caller,
                             @RequestParam(name = "customer_email", required = false) @Email String customerEmail,
                             @RequestParam(defaultValue = "20") @Min(1) @Max(PAGE_MAX) int limit) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("object", "list");
        m.put("data", cards.list(PaymentIntentController.merchant(caller), customerEmail, limit).stream()
                .map(PaymentMethodController::view).toList());
        return m;
    }

    @GetMapping("/v1/payment_methods/{id}")
    Map<String, Object> get(@AuthenticationPrincipal ApiKeyPrincipal caller, @PathVariable String id) {
        return view(cards.find(PaymentIntentController.merchant(caller), id).orElseThrow(PaymentIntentController::notFound));
    }

    @PostMapping("/v1/payment_methods/{id}/detach")
    Map<String, Object> detach(@AuthenticationPrincipal ApiKeyPrincipal caller, @PathVariable String id) {
        String merchant = PaymentIntentController.merchant(caller);
        SavedCard card = cards.find(merchant, id).orElseThrow(PaymentIntentController::notFound);
        if (!cards.detach(merchant, id)) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "status_must_allow_operation");
        }
        return view(cards.find(merchant, card.id()).orElseThrow());
    }

    static Map<String, Object> view(SavedCard c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("object", "payment_method");
        m.put("type", "card");
        m.put("status", c.status());
        m.put("customer_email", c.customerEmail());
        m.put("card", Map.of("brand", c.brand(), "last4", c.last4(), "exp_month", c.expiryMonth(), "exp_year", c.expiryYear()));
        Map<String, Object> consent = new LinkedHashMap<>();
        consent.put("text", c.consentText());
        consent.put("accepted_at", c.consentAt().toString());
        consent.put("ip_address", c.consentIp());
        m.put("consent", consent);
        Map<String, Object> origin = new LinkedHashMap<>();
        origin.put("payment_intent", c.initialPaymentIntent());
        origin.put("network_reference", c.initialNetworkReference());
        origin.put("ds_trans_id", c.initialDsTransID());
        origin.put("eci", c.initialEci());
        m.put("initial_transaction", origin);
        m.put("created", c.createdAt().toString());
        return m;
    }
}
