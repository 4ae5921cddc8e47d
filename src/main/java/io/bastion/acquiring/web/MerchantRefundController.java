package io.bastion.acquiring.web;

import io.bastion.acquiring.PaymentIntent;
import io.bastion.acquiring.PaymentIntents;
import io.bastion.acquiring.PaymentStatus;
import io.bastion.acquiring.RefundOutcome;
import io.bastion.identity.AccountSecurity;
import io.bastion.identity.Confirmation;
import io.bastion.identity.ConfirmationAction;
import io.bastion.identity.Confirmations;
import io.bastion.identity.SecondFactors;
import io.bastion.identity.SignedInUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Refunds from the dashboard, for owners and admins, always through a confirmation with a second factor
 * (strong customer authentication with dynamic linking): the member asks for a refund of an amount, the
 * confirmation names the payment, the amount and the currency, and only once it is confirmed and consumed
 * for exactly that refund does the money move. The action waits in the server-side session, so the
 * browser cannot change what is refunded after the code was entered.
 */
@Controller
final class MerchantRefundController {

    static final String PENDING_ATTRIBUTE = "bastion.merchant.pendingRefunds";
    /** A session holds at most this many refunds waiting for their confirmation; the oldest goes first. */
    static final int PENDING_MAX = 10;

    private final MerchantAccess access;
    private final PaymentIntents intents;
    private final Confirmations confirmations;
    private final AccountSecurity security;
    private final MerchantDashboardController pages;
    private final Clock clock;

    MerchantRefundController(MerchantAccess access, PaymentIntents intents, Confirmations confirmations,
                             AccountSecurity security, MerchantDashboardController pages, Clock clock) {
        this.access = Objects.requireNonNull(access, "access");
        this.intents = Objects.requireNonNull(intents, "intents");
        this.confirmations = Objects.requireNonNull(confirmations, "confirmations");
        this.security = Objects.requireNonNull(security, "security");
        this.pages = Objects.requireNonNull(pages, "pages");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @PostMapping("/merchant/{businessId}/payments/{id}/refund")
    String request(@AuthenticationPrincipal SignedInUser user, @PathVariable String businessId, @PathVariable String id,
                   @RequestParam(defaultValue = "") String amount, HttpServletRequest request,
                   HttpServletResponse response, Model model) {
        MerchantAccess.Member member = access.moneyMover(user, businessId);
        PaymentIntent intent = intents.find(businessId, id).orElseThrow(MerchantAccess::notFound);
        long refundable = intent.amountCaptured() - intent.amountRefunded();
        if (intent.status() != PaymentStatus.SUCCEEDED || refundable <= 0) {
            return pages.refused(member, id, "Only a succeeded payment with money left to refund can be refunded.", response, model);
        }
        OptionalLong minor = amount.isBlank() ? OptionalLong.of(refundable) : MerchantMoney.parse(amount, intent.currency());
        if (minor.isEmpty() || minor.getAsLong() > refundable) {
            return pages.refused(member, id, "Enter an amount up to " + MerchantMoney.format(refundable, intent.currency())
                    + " like 12.34, or leave it empty to refund all of it.", response, model);
        }
        ConfirmationAction.RefundPayment refund = new ConfirmationAction.RefundPayment(businessId, id, minor.getAsLong(),
                intent.currency());
        Confirmation confirmation = confirmations.request(user.userId(), refund, request.getRemoteAddr());
        remember(request.getSession(), confirmation.id(), refund);
        return "redirect:/merchant/" + businessId + "/payments/" + id + "/refunds/" + confirmation.id();
    }

    @GetMapping("/merchant/{businessId}/payments/{id}/refunds/{confirmationId}")
    String page(@AuthenticationPrincipal SignedInUser user, @PathVariable String businessId, @PathVariable String id,
                @PathVariable String confirmationId, HttpServletRequest request, Model model) {
        MerchantAccess.Member member = access.moneyMover(user, businessId);
        ConfirmationAction.RefundPayment refund = pending(request.getSession(), confirmationId, businessId, id);
        return show(member, refund, confirmation(user, confirmationId), model);
    }

    @PostMapping("/merchant/{businessId}/payments/{id}/refunds/{confirmationId}/sms")
    String sendSms(@AuthenticationPrincipal SignedInUser user, @PathVariable String businessId, @PathVariable String id,
                   @PathVariable String confirmationId, HttpServletRequest request, HttpServletResponse response,
                   Model model) {
        MerchantAccess.Member member = access.moneyMover(user, businessId);
        ConfirmationAction.RefundPayment refund = pending(request.getSession(), confirmationId, businessId, id);
        Confirmations.SmsOutcome sent = confirmations.sendSmsCode(user.userId(), confirmationId, request.getRemoteAddr());
        if (sent == Confirmations.SmsOutcome.SENT) {
            model.addAttribute("info", "We sent a code to your phone. The message names the refund.");
        } else {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("error", "No code could be texted. Use your authenticator app.");
        }
        return show(member, refund, confirmation(user, confirmationId), model);
    }

    @PostMapping("/merchant/{businessId}/payments/{id}/refunds/{confirmationId}")
    String confirmAndRefund(@AuthenticationPrincipal SignedInUser user, @PathVariable String businessId,
                            @PathVariable String id, @PathVariable String confirmationId,
                            @RequestParam(defaultValue = "TOTP") SecondFactors.Method method,
                            @RequestParam(defaultValue = "") String code, HttpServletRequest request,
                            HttpServletResponse response, Model model) {
        MerchantAccess.Member member = access.moneyMover(user, businessId);
        ConfirmationAction.RefundPayment refund = pending(request.getSession(), confirmationId, businessId, id);
        String ip = request.getRemoteAddr();
        Confirmations.Outcome outcome = confirmations.confirm(user.userId(), confirmationId, method, code, ip);
        if (outcome != Confirmations.Outcome.CONFIRMED) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("error", outcome == Confirmations.Outcome.WRONG_CODE
                    ? "That code is not right. Check it and try again." : "This confirmation can no longer be used. Start again.");
            return show(member, refund, confirmation(user, confirmationId), model);
        }
        forget(request.getSession(), confirmationId);
        // Consuming is single use and bound to exactly this refund, so a replayed form cannot refund twice.
        if (!confirmations.consume(user.userId(), confirmationId, refund, ip)) {
            return pages.refused(member, id, "The confirmation was already used or has expired. Start again.", response, model);
        }
        RefundOutcome made = intents.refund(businessId, id, refund.amountMinor(), "requested_by_customer");
        if (!made.ok()) {
            return pages.refused(member, id, MerchantDashboardController.message(made.rejection()), response, model);
        }
        return "redirect:/merchant/" + businessId + "/payments/" + id + "?refunded";
    }

    private String show(MerchantAccess.Member member, ConfirmationAction.RefundPayment refund, Confirmation confirmation,
                        Model model) {
        model.addAttribute("member", member);
        model.addAttribute("confirmation", confirmation);
        model.addAttribute("paymentId", refund.paymentIntentId());
        model.addAttribute("amount", MerchantMoney.format(refund.amountMinor(), refund.currency()));
        model.addAttribute("currency", refund.currency());
        model.addAttribute("open", confirmation.open(clock.instant()));
        model.addAttribute("totpEnabled", security.user(member.userId()).map(u -> u.totpEnabled()).orElse(false));
        return "merchant/refund-confirm";
    }

    private Confirmation confirmation(SignedInUser user, String confirmationId) {
        return confirmations.find(user.userId(), confirmationId).orElseThrow(MerchantAccess::notFound);
    }

    private static void remember(HttpSession session, String confirmationId, ConfirmationAction.RefundPayment refund) {
        LinkedHashMap<String, ConfirmationAction.RefundPayment> pending = current(session);
        pending.put(confirmationId, refund);
        while (pending.size() > PENDING_MAX) {
            pending.remove(pending.keySet().iterator().next());
        }
        session.setAttribute(PENDING_ATTRIBUTE, pending);
    }

    private static void forget(HttpSession session, String confirmationId) {
        LinkedHashMap<String, ConfirmationAction.RefundPayment> pending = current(session);
        pending.remove(confirmationId);
        session.setAttribute(PENDING_ATTRIBUTE, pending);
    }

    /** The refund this session asked to confirm under this id, for this business and payment; 404 otherwise. */
    private static ConfirmationAction.RefundPayment pending(HttpSession session, String confirmationId, String businessId,
                                                            String id) {
        return Optional.ofNullable(current(session).get(confirmationId))
                .filter(r -> r.businessId().equals(businessId) && r.paymentIntentId().equals(id))
                .orElseThrow(MerchantAccess::notFound);
    }

    @SuppressWarnings("unchecked")
    private static LinkedHashMap<String, ConfirmationAction.RefundPayment> current(HttpSession session) {
        Object stored = session.getAttribute(PENDING_ATTRIBUTE);
        return stored instanceof Map<?, ?> map
                ? new LinkedHashMap<>((Map<String, ConfirmationAction.RefundPayment>) map) : new LinkedHashMap<>();
    }
}
