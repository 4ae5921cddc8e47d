package io.bastion.acquiring.web;

import io.bastion.identity.AccountSecurity;
import io.bastion.identity.Confirmation;
import io.bastion.identity.Confirmations;
import io.bastion.identity.SecondFactors;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * The dashboard's confirmation step, shared by refunds and payouts: shows what is being confirmed (the
 * summary stored with the confirmation, and the details), texts a code on request, and checks a code.
 */
@Component
final class MerchantConfirmationPage {

    private final Confirmations confirmations;
    private final AccountSecurity security;
    private final Clock clock;

    MerchantConfirmationPage(Confirmations confirmations, AccountSecurity security, Clock clock) {
        this.confirmations = Objects.requireNonNull(confirmations, "confirmations");
        this.security = Objects.requireNonNull(security, "security");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** One labelled detail of what is confirmed; {@code id} is the element id tests and people find it by. */
    record Detail(String id, String label, String value) {
    }

    /** Where the page's forms post and where "back" leads. */
    record Links(String confirm, String sms, String back) {
    }

    /** The user's confirmation; 404 for one that is not theirs. */
    Confirmation confirmation(String userId, String confirmationId) {
        return confirmations.find(userId, confirmationId).orElseThrow(MerchantAccess::notFound);
    }

    String show(MerchantAccess.Member member, String heading, String confirmationId, List<Detail> details, Links links,
                Model model) {
        Confirmation confirmation = confirmation(member.userId(), confirmationId);
        model.addAttribute("member", member);
        model.addAttribute("heading", heading);
        model.addAttribute("confirmation", confirmation);
        model.addAttribute("details", details);
        model.addAttribute("links", links);
        model.addAttribute("open", confirmation.open(clock.instant()));
        model.addAttribute("totpEnabled", security.user(member.userId()).map(u -> u.totpEnabled()).orElse(false));
        return "merchant/confirm";
    }

    /** Texts a code for the confirmation and says how that went on the page. */
    void sendSms(MerchantAccess.Member member, String confirmationId, HttpServletRequest request,
                 HttpServletResponse response, Model model) {
        Confirmations.SmsOutcome sent = confirmations.sendSmsCode(member.userId(), confirmationId, request.getRemoteAddr());
        if (sent == Confirmations.SmsOutcome.SENT) {
            model.addAttribute("info", "We sent a code to your phone. The message names what you are confirming.");
        } else {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("error", "No code could be texted. Use your authenticator app.");
        }
    }

    /** Checks the code; false (with the error on the page and a 422) unless the confirmation is now confirmed. */
    boolean confirm(MerchantAccess.Member member, String confirmationId, SecondFactors.Method method, String code,
                    HttpServletRequest request, HttpServletResponse response, Model model) {
        Confirmations.Outcome outcome = confirmations.confirm(member.userId(), confirmationId, method, code,
                request.getRemoteAddr());
        if (outcome == Confirmations.Outcome.CONFIRMED) {
            return true;
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        model.addAttribute("error", outcome == Confirmations.Outcome.WRONG_CODE
                ? "That code is not right. Check it and try again." : "This confirmation can no longer be used. Start again.");
        return false;
    }
}
