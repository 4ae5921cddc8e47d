package io.bastion.identity.web;

import io.bastion.identity.Confirmation;
import io.bastion.identity.ConfirmationAction;
import io.bastion.identity.ConfirmationRules;
import io.bastion.identity.SignedInUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** The security centre's payment confirmation rules and trusted payees; changes and new payees go through a confirmation. */
@Controller
class ConfirmationRulesController {

    static final int THRESHOLD_TEXT_LENGTH_MAX = 400;
    private static final Pattern THRESHOLD = Pattern.compile("^([A-Z]{3})\\s+([0-9]{1,9})(?:\\.([0-9]{1,3}))?$");

    private final ConfirmationRules rules;

    ConfirmationRulesController(ConfirmationRules rules) {
        this.rules = rules;
    }

    @GetMapping("/security/confirmation-rules")
    String page(@AuthenticationPrincipal SignedInUser user, Model model) {
        ConfirmationRules.Rule rule = rules.rule(user.userId());
        return show(user, rule, thresholdText(rule), model);
    }

    @PostMapping("/security/confirmation-rules")
    String change(@AuthenticationPrincipal SignedInUser user, @RequestParam(defaultValue = "ALWAYS") ConfirmationRules.Mode mode,
                  @RequestParam(defaultValue = "") String thresholds, HttpServletRequest request, HttpServletResponse response,
                  Model model) {
        Optional<Map<String, Long>> parsed = parseThresholds(thresholds);
        if (parsed.isEmpty()) {
            response.setStatus(422);
            model.addAttribute("error", "Write one amount per line, like EUR 100.00 (at most 10 currencies, each at most 1,000,000).");
            return show(user, rules.rule(user.userId()), thresholds, model);
        }
        ConfirmationRules.Rule rule = new ConfirmationRules.Rule(mode, parsed.get());
        Confirmation confirmation = rules.requestRuleChange(user.userId(), rule, request.getRemoteAddr());
        PendingConfirmations.put(request.getSession(), confirmation.id(), rule);
        return "redirect:/confirm/" + confirmation.id();
    }

    @PostMapping("/security/trusted-payees")
    String trust(@AuthenticationPrincipal SignedInUser user, @RequestParam(defaultValue = "") String payeeId,
                 @RequestParam(defaultValue = "") String label, HttpServletRequest request, HttpServletResponse response,
                 Model model) {
        ConfirmationAction.AddPayee payee;
        try {
            payee = new ConfirmationAction.AddPayee(payeeId.trim(), label.trim());
        } catch (IllegalArgumentException e) {
            response.setStatus(422);
            model.addAttribute("error", "Enter the payee's account id and a name for them (each up to 100 characters).");
            ConfirmationRules.Rule rule = rules.rule(user.userId());
            return show(user, rule, thresholdText(rule), model);
        }
        Confirmation confirmation = rules.requestTrustedPayee(user.userId(), payee, request.getRemoteAddr());
        PendingConfirmations.put(request.getSession(), confirmation.id(), payee);
        return "redirect:/confirm/" + confirmation.id();
    }

    @PostMapping("/security/trusted-payees/{payeeId}/remove")
    String untrust(@AuthenticationPrincipal SignedInUser user, @PathVariable String payeeId, HttpServletRequest request) {
        if (!rules.removeTrustedPayee(user.userId(), payeeId, request.getRemoteAddr())) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return "redirect:/security/confirmation-rules?removed";
    }

    private String show(SignedInUser user, ConfirmationRules.Rule rule, String thresholds, Model model) {
        model.addAttribute("rule", rule);
        model.addAttribute("thresholds", thresholds);
        model.addAttribute("payees", rules.trustedPayees(user.userId()));
        return "identity/confirmation-rules";
    }

    private static String thresholdText(ConfirmationRules.Rule rule) {
        StringBuilder text = new StringBuilder();
        new java.util.TreeMap<>(rule.thresholds()).forEach((currency, amount) ->
                text.append(new ConfirmationAction.Payment(amount, currency, "-", "-").formatted()).append('\n'));
        return text.toString().trim();
    }

    /** Parses lines like "EUR 100.00" into minor units by the currency's decimals; empty when any line is wrong. */
    static Optional<Map<String, Long>> parseThresholds(String text) {
        if (text.length() > THRESHOLD_TEXT_LENGTH_MAX) {
            return Optional.empty();
        }
        Map<String, Long> parsed = new HashMap<>();
        for (String line : text.split("\\R", ConfirmationRules.THRESHOLDS_MAX + 2)) {
            if (line.isBlank()) {
                continue;
            }
            Matcher m = THRESHOLD.matcher(line.trim());
            if (!m.matches()) {
                return Optional.empty();
            }
            int digits = ConfirmationAction.fractionDigits(m.group(1));
            String fraction = m.group(3) == null ? "" : m.group(3);
            if (fraction.length() > digits) {
                return Optional.empty();
            }
            long minor = Long.parseLong(m.group(2) + fraction + "0".repeat(digits - fraction.length()));
            parsed.put(m.group(1), minor);
        }
        boolean valid = parsed.size() <= ConfirmationRules.THRESHOLDS_MAX
                && parsed.values().stream().allMatch(v -> v > 0 && v <= ConfirmationRules.THRESHOLD_MINOR_MAX);
        return valid ? Optional.of(parsed) : Optional.empty();
    }
}
