package io.bastion.acquiring.web;

import io.bastion.acquiring.PaymentIntent;
import io.bastion.acquiring.PaymentIntents;
import io.bastion.acquiring.PaymentStatus;
import io.bastion.acquiring.RefundOutcome;
import io.bastion.identity.Confirmation;
import io.bastion.identity.ConfirmationAction;
import io.bastion.identity.Confirmations;
import io.bastion.identity.SecondFactors;
import io.bastion.identity.SignedInUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
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
 * for exactly that refund does the money move.
 */
@Controller
final class MerchantRefundController {

    private final MerchantAccess access;
    private final PaymentIntents intents;
    private final Confirmations confirmations;
    private final MerchantConfirmationPage confirmationPage;
    private final MerchantDashboardController pages;

    MerchantRefundController(MerchantAccess access, PaymentIntents intents, Confirmations confirmations,
                             MerchantConfirmationPage confirmationPage, MerchantDashboardController pages) {
        this.access = Objects.requireNonNull(access, "access");
        this.intents = Objects.requireNonNull(intents, "intents");
        this.confirmations = Objects.requireNonNull(confirmations, "confirmations");
        this.confirmationPage = Objects.requireNonNull(confirmationPage, "confirmationPage");
        this.pages = Objects.requireNonNull(pages, "pages");
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
        PendingMerchantActions.put(request.getSession(), confirmation.id(), refund);
        return "redirect:/merchant/" + businessId + "/payments/" + id + "/refunds/" + confirmation.id();
    }

    @GetMapping("/merchant/{businessId}/payments/{id}/refunds/{confirmationId}")
    String page(@AuthenticationPrincipal SignedInUser user, @PathVariable String businessId, @PathVariable String id,
                @PathVariable String confirmationId, HttpServletRequest request, Model model) {
        MerchantAccess.Member member = access.moneyMover(user, businessId);
        return show(member, pending(request, confirmationId, businessId, id), confirmationId, model);
    }

    @PostMapping("/merchant/{businessId}/payments/{id}/refunds/{confirmationId}/sms")
    String sendSms(@AuthenticationPrincipal SignedInUser user, @PathVariable String businessId, @PathVariable String id,
                   @PathVariable String confirmationId, HttpServletRequest request, HttpServletResponse response,
                   Model model) {
        MerchantAccess.Member member = access.moneyMover(user, businessId);
        ConfirmationAction.RefundPayment refund = pending(request, confirmationId, businessId, id);
        confirmationPage.sendSms(member, confirmationId, request, response, model);
        return show(member, refund, confirmationId, model);
    }

    @PostMapping("/merchant/{businessId}/payments/{id}/refunds/{confirmationId}")
    String confirmAndRefund(@AuthenticationPrincipal SignedInUser user, @PathVariable String businessId,
                            @PathVariable String id, @PathVariable String confirmationId,
                            @RequestParam(defaultValue = "TOTP") SecondFactors.Method method,
                            @RequestParam(defaultValue = "") String code, HttpServletRequest request,
                            HttpServletResponse response, Model model) {
        MerchantAccess.Member member = access.moneyMover(user, businessId);
        ConfirmationAction.RefundPayment refund = pending(request, confirmationId, businessId, id);
        if (!confirmationPage.confirm(member, confirmationId, method, code, request, response, model)) {
            return show(member, refund, confirmationId, model);
        }
        PendingMerchantActions.remove(request.getSession(), confirmationId);
        // Consuming is single use and bound to exactly this refund, so a replayed form cannot refund twice.
        if (!confirmations.consume(user.userId(), confirmationId, refund, request.getRemoteAddr())) {
            return pages.refused(member, id, "The confirmation was already used or has expired. Start again.", response, model);
        }
        RefundOutcome made = intents.refund(businessId, id, refund.amountMinor(), "requested_by_customer");
        if (!made.ok()) {
            return pages.refused(member, id, MerchantDashboardController.message(made.rejection()), response, model);
        }
        return "redirect:/merchant/" + businessId + "/payments/" + id + "?refunded";
    }

    private String show(MerchantAccess.Member member, ConfirmationAction.RefundPayment refund, String confirmationId,
                        Model model) {
        String base = "/merchant/" + member.businessId() + "/payments/" + refund.paymentIntentId();
        return confirmationPage.show(member, "Confirm the refund", confirmationId, List.of(
                        new MerchantConfirmationPage.Detail("payment", "Payment", refund.paymentIntentId()),
                        new MerchantConfirmationPage.Detail("amount", "Amount",
                                MerchantMoney.format(refund.amountMinor(), refund.currency())),
                        new MerchantConfirmationPage.Detail("currency", "Currency", refund.currency())),
                new MerchantConfirmationPage.Links(base + "/refunds/" + confirmationId, base + "/refunds/" + confirmationId + "/sms",
                        base), model);
    }

    /** The refund this session asked to confirm under this id, for this business and payment; 404 otherwise. */
    private static ConfirmationAction.RefundPayment pending(HttpServletRequest request, String confirmationId,
                                                            String businessId, String id) {
        return PendingMerchantActions.get(request.getSession(), confirmationId, ConfirmationAction.RefundPayment.class)
                .filter(r -> r.businessId().equals(businessId) && r.paymentIntentId().equals(id))
                .orElseThrow(MerchantAccess::notFound);
    }
}
