package io.bastion.acquiring.web;

import io.bastion.acquiring.PaymentIntents;
import io.bastion.identity.Confirmation;
import io.bastion.identity.ConfirmationAction;
import io.bastion.identity.Confirmations;
import io.bastion.identity.SecondFactors;
import io.bastion.identity.SignedInUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
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
 * Payouts of the merchant balance, for owners and admins, through a confirmation bound to the payout's id,
 * amount and currency: once it is confirmed and consumed, one idempotent ledger transfer moves the money
 * from the merchant balance to payouts in transit.
 */
@Controller
final class MerchantPayoutController {

    private final MerchantAccess access;
    private final PaymentIntents intents;
    private final Confirmations confirmations;
    private final MerchantConfirmationPage confirmationPage;
    private final MerchantDashboardController pages;

    MerchantPayoutController(MerchantAccess access, PaymentIntents intents, Confirmations confirmations,
                             MerchantConfirmationPage confirmationPage, MerchantDashboardController pages) {
        this.access = Objects.requireNonNull(access, "access");
        this.intents = Objects.requireNonNull(intents, "intents");
        this.confirmations = Objects.requireNonNull(confirmations, "confirmations");
        this.confirmationPage = Objects.requireNonNull(confirmationPage, "confirmationPage");
        this.pages = Objects.requireNonNull(pages, "pages");
    }

    @PostMapping("/merchant/{businessId}/payouts")
    String request(@AuthenticationPrincipal SignedInUser user, @PathVariable String businessId,
                   @RequestParam(defaultValue = "") String currency, @RequestParam(defaultValue = "") String amount,
                   HttpServletRequest request, HttpServletResponse response, Model model) {
        MerchantAccess.Member member = access.moneyMover(user, businessId);
        Optional<PaymentIntents.MerchantBalance> balance = intents.balances(businessId).stream()
                .filter(b -> b.currency().equals(currency)).findFirst();
        OptionalLong minor = balance.map(b -> MerchantMoney.parse(amount, b.currency())).orElse(OptionalLong.empty());
        if (balance.isEmpty() || minor.isEmpty() || minor.getAsLong() > balance.get().balance()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("error", "Choose a currency you hold and an amount up to its balance, like 12.34.");
            return pages.showBalance(member, model);
        }
        ConfirmationAction.MerchantPayout payout = new ConfirmationAction.MerchantPayout(businessId,
                PaymentIntents.newPayoutId(), minor.getAsLong(), currency);
        Confirmation confirmation = confirmations.request(user.userId(), payout, request.getRemoteAddr());
        PendingMerchantActions.put(request.getSession(), confirmation.id(), payout);
        return "redirect:/merchant/" + businessId + "/payouts/" + confirmation.id();
    }

    @GetMapping("/merchant/{businessId}/payouts/{confirmationId}")
    String page(@AuthenticationPrincipal SignedInUser user, @PathVariable String businessId,
                @PathVariable String confirmationId, HttpServletRequest request, Model model) {
        MerchantAccess.Member member = access.moneyMover(user, businessId);
        return show(member, pending(request, confirmationId, businessId), confirmationId, model);
    }

    @PostMapping("/merchant/{businessId}/payouts/{confirmationId}/sms")
    String sendSms(@AuthenticationPrincipal SignedInUser user, @PathVariable String businessId,
                   @PathVariable String confirmationId, HttpServletRequest request, HttpServletResponse response,
                   Model model) {
        MerchantAccess.Member member = access.moneyMover(user, businessId);
        ConfirmationAction.MerchantPayout payout = pending(request, confirmationId, businessId);
        confirmationPage.sendSms(member, confirmationId, request, response, model);
        return show(member, payout, confirmationId, model);
    }

    @PostMapping("/merchant/{businessId}/payouts/{confirmationId}")
    String confirmAndPayOut(@AuthenticationPrincipal SignedInUser user, @PathVariable String businessId,
                            @PathVariable String confirmationId,
                            @RequestParam(defaultValue = "TOTP") SecondFactors.Method method,
                            @RequestParam(defaultValue = "") String code, HttpServletRequest request,
                            HttpServletResponse response, Model model) {
        MerchantAccess.Member member = access.moneyMover(user, businessId);
        ConfirmationAction.MerchantPayout payout = pending(request, confirmationId, businessId);
        if (!confirmationPage.confirm(member, confirmationId, method, code, request, response, model)) {
            return show(member, payout, confirmationId, model);
        }
        PendingMerchantActions.remove(request.getSession(), confirmationId);
        if (!confirmations.consume(user.userId(), confirmationId, payout, request.getRemoteAddr())) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("error", "The confirmation was already used or has expired. Start again.");
            return pages.showBalance(member, model);
        }
        Optional<PaymentIntents.Payout> made = intents.payout(businessId, payout.payoutId(), payout.currency(),
                payout.amountMinor(), user.userId());
        if (made.isEmpty() || made.get().status() != PaymentIntents.PayoutStatus.IN_TRANSIT) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("error", "The payout was refused: your balance does not cover it.");
            return pages.showBalance(member, model);
        }
        return "redirect:/merchant/" + businessId + "/balance?paidOut";
    }

    private String show(MerchantAccess.Member member, ConfirmationAction.MerchantPayout payout, String confirmationId,
                        Model model) {
        String base = "/merchant/" + member.businessId() + "/payouts/" + confirmationId;
        return confirmationPage.show(member, "Confirm the payout", confirmationId, List.of(
                        new MerchantConfirmationPage.Detail("payout", "Payout", payout.payoutId()),
                        new MerchantConfirmationPage.Detail("amount", "Amount",
                                MerchantMoney.format(payout.amountMinor(), payout.currency())),
                        new MerchantConfirmationPage.Detail("currency", "Currency", payout.currency())),
                new MerchantConfirmationPage.Links(base, base + "/sms", "/merchant/" + member.businessId() + "/balance"),
                model);
    }

    /** The payout this session asked to confirm under this id, for this business; 404 otherwise. */
    private static ConfirmationAction.MerchantPayout pending(HttpServletRequest request, String confirmationId,
                                                             String businessId) {
        return PendingMerchantActions.get(request.getSession(), confirmationId, ConfirmationAction.MerchantPayout.class)
                .filter(p -> p.businessId().equals(businessId))
                .orElseThrow(MerchantAccess::notFound);
    }
}
