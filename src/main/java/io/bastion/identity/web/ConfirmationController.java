package io.bastion.identity.web;

import io.bastion.identity.AccountSecurity;
import io.bastion.identity.ApiKeys;
import io.bastion.identity.BusinessApiKeys;
import io.bastion.identity.Confirmation;
import io.bastion.identity.ConfirmationAction;
import io.bastion.identity.ConfirmationRules;
import io.bastion.identity.Confirmations;
import io.bastion.identity.SecondFactors;
import io.bastion.identity.SignedInUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.Serializable;
import java.time.Clock;
import java.util.Optional;
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
 * The confirmation page: shows exactly what is being confirmed (amount, currency and payee for a
 * payment) and takes an authenticator or SMS code. Only the confirmation's owner sees it; anyone else
 * gets the same 404 as for an id that does not exist. When a Bastion page asked for the confirmation,
 * the action it held in the session is carried out as soon as the code is accepted.
 */
@Controller
class ConfirmationController {

    private final Confirmations confirmations;
    private final ConfirmationRules rules;
    private final BusinessApiKeys businessKeys;
    private final AccountSecurity security;
    private final Clock clock;

    ConfirmationController(Confirmations confirmations, ConfirmationRules rules, BusinessApiKeys businessKeys,
                           AccountSecurity security, Clock clock) {
        this.confirmations = confirmations;
        this.rules = rules;
        this.businessKeys = businessKeys;
        this.security = security;
        this.clock = clock;
    }

    @GetMapping("/confirm/{id}")
    String page(@AuthenticationPrincipal SignedInUser user, @PathVariable String id, Model model) {
        return show(user, owned(user, id), model);
    }

    @PostMapping("/confirm/{id}/sms")
    String sendSms(@AuthenticationPrincipal SignedInUser user, @PathVariable String id, HttpServletRequest request,
                   HttpServletResponse response, Model model) {
        Confirmation confirmation = owned(user, id);
        Confirmations.SmsOutcome sent = confirmations.sendSmsCode(user.userId(), id, request.getRemoteAddr());
        switch (sent) {
            case SENT -> model.addAttribute("info", "We sent a code to your phone. The message names what you are confirming.");
            case RATE_LIMITED -> model.addAttribute("error", "Too many codes sent. Try again later.");
            case NO_VERIFIED_PHONE -> model.addAttribute("error", "Your phone number is not verified; use your authenticator app.");
            case NOT_OPEN -> model.addAttribute("error", "This confirmation can no longer be confirmed.");
        }
        if (sent != Confirmations.SmsOutcome.SENT) {
            response.setStatus(422);
        }
        model.addAttribute("smsSent", sent == Confirmations.SmsOutcome.SENT);
        return show(user, confirmation, model);
    }

    @PostMapping("/confirm/{id}")
    String confirm(@AuthenticationPrincipal SignedInUser user, @PathVariable String id,
                   @RequestParam(defaultValue = "TOTP") SecondFactors.Method method, @RequestParam(defaultValue = "") String code,
                   HttpServletRequest request, HttpServletResponse response, Model model) {
        owned(user, id);
        Confirmations.Outcome outcome = confirmations.confirm(user.userId(), id, method, code, request.getRemoteAddr());
        if (outcome == Confirmations.Outcome.NOT_FOUND) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        if (outcome != Confirmations.Outcome.CONFIRMED) {
            response.setStatus(422);
            model.addAttribute("error", message(outcome));
            return show(user, owned(user, id), model);
        }
        Optional<Serializable> pending = PendingConfirmations.take(request.getSession(), id);
        if (pending.isPresent()) {
            return carryOut(user, id, pending.get(), request, response, model);
        }
        model.addAttribute("info", "Confirmed. You can go back to where you started; it will now go ahead.");
        return show(user, owned(user, id), model);
    }

    private String carryOut(SignedInUser user, String id, Serializable pending, HttpServletRequest request,
                            HttpServletResponse response, Model model) {
        String ip = request.getRemoteAddr();
        return switch (pending) {
            case ConfirmationRules.Rule rule -> rules.changeRule(user.userId(), id, rule, ip)
                    ? "redirect:/security/confirmation-rules?saved" : "redirect:/security/confirmation-rules?failed";
            case ConfirmationAction.AddPayee payee -> rules.addTrustedPayee(user.userId(), id, payee, ip)
                    ? "redirect:/security/confirmation-rules?trusted" : "redirect:/security/confirmation-rules?failed";
            case ConfirmationAction.CreateApiKey key ->
                    issued(businessKeys.create(user.userId(), id, key, ip), key.businessId(), response, model);
            case ConfirmationAction.RotateApiKey rotation ->
                    issued(businessKeys.rotate(user.userId(), id, rotation, ip), rotation.businessId(), response, model);
            default -> throw new IllegalStateException("no page carries out " + pending.getClass().getSimpleName());
        };
    }

    /** Shows a new secret, once: the response must not be cached anywhere. */
    private static String issued(Optional<ApiKeys.Issued> issued, String businessId, HttpServletResponse response, Model model) {
        response.setHeader("Cache-Control", "no-store");
        if (issued.isEmpty()) {
            response.setStatus(409);
            model.addAttribute("error", "The key could not be issued: the confirmation was already used or has expired.");
        } else {
            model.addAttribute("key", issued.get().key());
            model.addAttribute("secret", issued.get().secret().value());
        }
        model.addAttribute("businessId", businessId);
        return "identity/api-key-issued";
    }

    private String show(SignedInUser user, Confirmation confirmation, Model model) {
        model.addAttribute("confirmation", confirmation);
        model.addAttribute("open", confirmation.open(clock.instant()));
        model.addAttribute("totpEnabled", security.user(user.userId()).map(u -> u.totpEnabled()).orElse(false));
        return "identity/confirm";
    }

    private Confirmation owned(SignedInUser user, String id) {
        return confirmations.find(user.userId(), id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private static String message(Confirmations.Outcome outcome) {
        return switch (outcome) {
            case WRONG_CODE -> "That code is not right. Check it and try again.";
            case EXPIRED -> "This confirmation has expired. Start again.";
            case TOO_MANY_ATTEMPTS -> "Too many wrong codes: this confirmation is cancelled. Start again.";
            case ALREADY_USED -> "This confirmation was already used.";
            case CONFIRMED, NOT_FOUND -> "";
        };
    }
}
