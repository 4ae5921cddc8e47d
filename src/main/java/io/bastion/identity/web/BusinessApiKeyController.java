package io.bastion.identity.web;

import io.bastion.identity.ApiScope;
import io.bastion.identity.BusinessApiKeys;
import io.bastion.identity.Confirmation;
import io.bastion.identity.ConfirmationAction;
import io.bastion.identity.IpRange;
import io.bastion.identity.SignedInUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * Business API keys for owners and admins: list, create and rotate (each through a confirmation of
 * that exact key), revoke. Developers and viewers of the business get 403; a business or key the user
 * has nothing to do with is a 404, like one that does not exist.
 */
@Controller
class BusinessApiKeyController {

    static final int CIDRS_MAX = 10;
    static final int SCOPES_MAX = 8;
    static final int NAME_LENGTH_MAX = 100;

    private final BusinessApiKeys keys;
    private final Clock clock;

    BusinessApiKeyController(BusinessApiKeys keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    /** The form's fields, echoed back when one of them breaks a rule. */
    record KeyForm(String name, List<String> scopes, String mode, String cidrs, String expiresOn) {
    }

    @GetMapping("/business/api-keys")
    String list(@AuthenticationPrincipal SignedInUser user, @RequestParam(required = false) String business, Model model) {
        String businessId = business != null ? business : keys.memberships(user.userId()).stream()
                .filter(m -> m.role() == BusinessApiKeys.Role.OWNER || m.role() == BusinessApiKeys.Role.ADMIN)
                .map(BusinessApiKeys.Membership::businessId).findFirst()
                .orElseGet(() -> keys.memberships(user.userId()).stream().map(BusinessApiKeys.Membership::businessId)
                        .findFirst().orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
        requireManage(user, businessId);
        return show(user, businessId, new KeyForm("", List.of(), "LIVE", "", ""), model);
    }

    @PostMapping("/business/api-keys")
    String create(@AuthenticationPrincipal SignedInUser user, @RequestParam String business,
                  @RequestParam(defaultValue = "") String name, @RequestParam(required = false) List<String> scopes,
                  @RequestParam(defaultValue = "LIVE") String mode, @RequestParam(defaultValue = "") String cidrs,
                  @RequestParam(defaultValue = "") String expiresOn, HttpServletRequest request, HttpServletResponse response,
                  Model model) {
        requireManage(user, business);
        KeyForm form = new KeyForm(name, scopes == null ? List.of() : scopes, mode, cidrs, expiresOn);
        Optional<String> problem = problem(form);
        if (problem.isPresent()) {
            response.setStatus(422);
            model.addAttribute("error", problem.get());
            return show(user, business, form, model);
        }
        ConfirmationAction.CreateApiKey key = new ConfirmationAction.CreateApiKey(business, name.trim(), parseScopes(form.scopes()),
                ConfirmationAction.Mode.valueOf(mode), parseCidrs(cidrs), expiry(expiresOn));
        Confirmation confirmation = keys.requestCreate(user.userId(), key, request.getRemoteAddr())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN));
        PendingConfirmations.put(request.getSession(), confirmation.id(), key);
        return "redirect:/confirm/" + confirmation.id();
    }

    @PostMapping("/business/api-keys/{keyId}/rotate")
    String rotate(@AuthenticationPrincipal SignedInUser user, @PathVariable String keyId, HttpServletRequest request) {
        String businessId = requireManagedKey(user, keyId);
        Confirmation confirmation = keys.requestRotate(user.userId(), keyId, request.getRemoteAddr())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        PendingConfirmations.put(request.getSession(), confirmation.id(), new ConfirmationAction.RotateApiKey(businessId, keyId));
        return "redirect:/confirm/" + confirmation.id();
    }

    @PostMapping("/business/api-keys/{keyId}/revoke")
    String revoke(@AuthenticationPrincipal SignedInUser user, @PathVariable String keyId, HttpServletRequest request) {
        String businessId = requireManagedKey(user, keyId);
        if (!keys.revoke(user.userId(), keyId, request.getRemoteAddr())) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return "redirect:/business/api-keys?business=" + businessId + "&revoked";
    }

    private String show(SignedInUser user, String businessId, KeyForm form, Model model) {
        model.addAttribute("businessId", businessId);
        model.addAttribute("memberships", keys.memberships(user.userId()));
        model.addAttribute("keys", keys.list(user.userId(), businessId));
        model.addAttribute("scopeChoices", BusinessApiKeys.BUSINESS_SCOPES.stream().map(ApiScope::value).sorted().toList());
        model.addAttribute("form", form);
        model.addAttribute("now", clock.instant());
        return "identity/business-api-keys";
    }

    private void requireManage(SignedInUser user, String businessId) {
        switch (keys.access(user.userId(), businessId)) {
            case MANAGE -> { }
            case FORBIDDEN -> throw new ResponseStatusException(HttpStatus.FORBIDDEN);
            case NOT_FOUND -> throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }

    private String requireManagedKey(SignedInUser user, String keyId) {
        String businessId = keys.businessOfKey(keyId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        requireManage(user, businessId);
        return businessId;
    }

    private Optional<String> problem(KeyForm form) {
        if (form.name().isBlank() || form.name().length() > NAME_LENGTH_MAX) {
            return Optional.of("Give the key a name (up to 100 characters).");
        }
        if (form.scopes().isEmpty() || form.scopes().size() > SCOPES_MAX
                || form.scopes().stream().anyMatch(s -> ApiScope.parse(s).filter(BusinessApiKeys.BUSINESS_SCOPES::contains).isEmpty())) {
            return Optional.of("Choose at least one of the listed scopes.");
        }
        if (!form.mode().equals("LIVE") && !form.mode().equals("TEST")) {
            return Optional.of("Choose live or test mode.");
        }
        List<String> cidrs = splitCidrs(form.cidrs());
        if (cidrs.size() > CIDRS_MAX || cidrs.stream().anyMatch(c -> IpRange.parse(c).isEmpty())) {
            return Optional.of("Allowed addresses must be up to 10 blocks like 203.0.113.0/24 or 2001:db8::/32.");
        }
        if (!form.expiresOn().isBlank()) {
            try {
                if (!expiry(form.expiresOn()).isAfter(clock.instant())) {
                    return Optional.of("The expiry date must be in the future.");
                }
            } catch (DateTimeParseException e) {
                return Optional.of("The expiry date must be a date like 2027-01-31.");
            }
        }
        return Optional.empty();
    }

    private static Set<ApiScope> parseScopes(List<String> values) {
        Set<ApiScope> scopes = EnumSet.noneOf(ApiScope.class);
        values.forEach(v -> ApiScope.parse(v).ifPresent(scopes::add));
        return scopes;
    }

    private static List<String> parseCidrs(String text) {
        return splitCidrs(text).stream().map(c -> IpRange.parse(c).orElseThrow().toString()).distinct().toList();
    }

    private static List<String> splitCidrs(String text) {
        List<String> parts = new ArrayList<>();
        for (String part : text.split("[\\s,]+", CIDRS_MAX + 2)) {
            if (!part.isBlank()) {
                parts.add(part.trim());
            }
        }
        return parts;
    }

    private static Instant expiry(String date) {
        return date.isBlank() ? null : LocalDate.parse(date.trim()).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
