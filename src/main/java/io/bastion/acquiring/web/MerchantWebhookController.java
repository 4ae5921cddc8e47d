package io.bastion.acquiring.web;

import io.bastion.acquiring.WebhookDelivery;
import io.bastion.acquiring.WebhookEndpoint;
import io.bastion.acquiring.WebhookEndpoints;
import io.bastion.identity.SignedInUser;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Objects;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Webhook endpoints on the merchant dashboard: every member sees them and their delivery log (each attempt
 * with its time, HTTP status and the next retry); developers, admins and owners add one (its whsec_ secret
 * is shown once), rotate its secret (the new one shown once), delete it, and resend a delivery. Viewers
 * get 403 on every action; a business or endpoint that is not the member's is a 404.
 */
@Controller
final class MerchantWebhookController {

    /** The longest endpoint URL accepted, as in the API. */
    static final int URL_LENGTH_MAX = 2048;

    private final MerchantAccess access;
    private final WebhookEndpoints endpoints;

    MerchantWebhookController(MerchantAccess access, WebhookEndpoints endpoints) {
        this.access = Objects.requireNonNull(access, "access");
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
    }

    @GetMapping("/merchant/{businessId}/webhooks")
    String list(@AuthenticationPrincipal SignedInUser user, @PathVariable String businessId, Model model) {
        return show(access.member(user, businessId), "", model);
    }

    private String show(MerchantAccess.Member member, String url, Model model) {
        model.addAttribute("member", member);
        model.addAttribute("endpoints", endpoints.list(member.businessId()));
        model.addAttribute("url", url);
        model.addAttribute("endpointsMax", WebhookEndpoints.ENDPOINTS_MAX);
        return "merchant/webhooks";
    }

    @PostMapping("/merchant/{businessId}/webhooks")
    String create(@AuthenticationPrincipal SignedInUser user, @PathVariable String businessId,
                  @RequestParam(defaultValue = "") String url, HttpServletResponse response, Model model) {
        MerchantAccess.Member member = access.webhookManager(user, businessId);
        String trimmed = url.strip();
        var created = trimmed.length() > URL_LENGTH_MAX ? java.util.Optional.<WebhookEndpoints.Created>empty()
                : endpoints.create(businessId, trimmed);
        if (created.isEmpty()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("error", "The URL must be https (up to " + URL_LENGTH_MAX + " characters), and a business has at most "
                    + WebhookEndpoints.ENDPOINTS_MAX + " endpoints.");
            return show(member, trimmed.length() > URL_LENGTH_MAX ? "" : trimmed, model);
        }
        return secret(member, created.get().endpoint(), created.get().secret().value(), true, response, model);
    }

    @PostMapping("/merchant/{businessId}/webhooks/{endpointId}/rotate")
    String rotate(@AuthenticationPrincipal SignedInUser user, @PathVariable String businessId,
                  @PathVariable String endpointId, HttpServletResponse response, Model model) {
        MerchantAccess.Member member = access.webhookManager(user, businessId);
        WebhookEndpoint endpoint = endpoints.find(businessId, endpointId).orElseThrow(MerchantAccess::notFound);
        String secret = endpoints.rotate(businessId, endpointId).orElseThrow(MerchantAccess::notFound).value();
        return secret(member, endpoint, secret, false, response, model);
    }

    /** Shows a new secret, once: the response must not be cached anywhere. */
    private static String secret(MerchantAccess.Member member, WebhookEndpoint endpoint, String secret, boolean created,
                                 HttpServletResponse response, Model model) {
        response.setHeader("Cache-Control", "no-store");
        model.addAttribute("member", member);
        model.addAttribute("endpoint", endpoint);
        model.addAttribute("secret", secret);
        model.addAttribute("created", created);
        return "merchant/webhook-secret";
    }

    @PostMapping("/merchant/{businessId}/webhooks/{endpointId}/delete")
    String delete(@AuthenticationPrincipal SignedInUser user, @PathVariable String businessId,
                  @PathVariable String endpointId) {
        access.webhookManager(user, businessId);
        if (!endpoints.delete(businessId, endpointId)) {
            throw MerchantAccess.notFound();
        }
        return "redirect:/merchant/" + businessId + "/webhooks?deleted";
    }

    @GetMapping("/merchant/{businessId}/webhooks/{endpointId}")
    String deliveries(@AuthenticationPrincipal SignedInUser user, @PathVariable String businessId,
                      @PathVariable String endpointId, Model model) {
        MerchantAccess.Member member = access.member(user, businessId);
        WebhookEndpoint endpoint = endpoints.find(businessId, endpointId).orElseThrow(MerchantAccess::notFound);
        List<WebhookDelivery> deliveries = endpoints.deliveries(businessId, endpointId).orElseThrow(MerchantAccess::notFound);
        model.addAttribute("member", member);
        model.addAttribute("endpoint", endpoint);
        model.addAttribute("deliveries", deliveries);
        return "merchant/webhook";
    }

    @PostMapping("/merchant/{businessId}/webhooks/{endpointId}/deliveries/{deliveryId}/resend")
    String resend(@AuthenticationPrincipal SignedInUser user, @PathVariable String businessId,
                  @PathVariable String endpointId, @PathVariable String deliveryId) {
        access.webhookManager(user, businessId);
        if (!endpoints.resend(businessId, endpointId, deliveryId)) {
            throw MerchantAccess.notFound();
        }
        return "redirect:/merchant/" + businessId + "/webhooks/" + endpointId + "?resent";
    }
}
