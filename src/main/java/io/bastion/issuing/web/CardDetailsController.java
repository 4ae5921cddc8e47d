package io.bastion.issuing.web;

import io.bastion.identity.SecondFactors;
import io.bastion.identity.SignedInUser;
import io.bastion.identity.web.BrowserSession;
import io.bastion.issuing.Card;
import io.bastion.issuing.Cards;
import io.bastion.issuing.RevealedCard;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.time.Duration;
import java.util.Objects;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/**
 * Shows a card's full number, expiry and CVV2 to its cardholder, only within five minutes of a second
 * factor (asked for here when it is not fresh). Reached by POST only, so the details never sit in a URL or
 * the browser's history; the response forbids every cache and no script touches it.
 */
@Controller
class CardDetailsController {

    static final Duration STEP_UP_FRESH_MAX = Duration.ofMinutes(5);
    static final int STEP_UP_FAILURES_MAX = 5;
    static final String FAILURES_ATTRIBUTE = "bastion.cardDetailsFailures";

    private final Cards cards;
    private final SecondFactors factors;
    private final BrowserSession browserSession;

    CardDetailsController(Cards cards, SecondFactors factors, BrowserSession browserSession) {
        this.cards = Objects.requireNonNull(cards, "cards");
        this.factors = Objects.requireNonNull(factors, "factors");
        this.browserSession = Objects.requireNonNull(browserSession, "browserSession");
    }

    @PostMapping("/cards/{cardId}/details")
    String details(@AuthenticationPrincipal SignedInUser user, @PathVariable String cardId,
                   @RequestParam(defaultValue = "") String code,
                   @RequestParam(defaultValue = "TOTP") SecondFactors.Method method,
                   HttpServletRequest request, HttpServletResponse response, Model model) {
        noStore(response);
        Card card = owned(user, cardId);
        if (!browserSession.steppedUpWithin(request, STEP_UP_FRESH_MAX)) {
            if (code.isEmpty()) {
                return stepUp(card, model);
            }
            if (method == SecondFactors.Method.RECOVERY
                    || !factors.verify(user.userId(), method, code, true, request.getRemoteAddr())) {
                return failed(card, request, response, model);
            }
            request.getSession().removeAttribute(FAILURES_ATTRIBUTE);
            browserSession.steppedUp(request);
        }
        RevealedCard revealed = cards.reveal(user.userId(), cardId, request.getRemoteAddr())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("card", card);
        model.addAttribute("revealed", revealed);
        return "issuing/details";
    }

    @PostMapping("/cards/{cardId}/details/sms")
    String sms(@AuthenticationPrincipal SignedInUser user, @PathVariable String cardId, HttpServletRequest request,
               HttpServletResponse response, Model model) {
        noStore(response);
        Card card = owned(user, cardId);
        boolean sent = factors.sendSmsCode(user.userId(), true, request.getRemoteAddr());
        model.addAttribute(sent ? "info" : "error", sent ? "We sent a code to your phone." : "Too many codes sent. Try again later.");
        model.addAttribute("sms", sent);
        return stepUp(card, model);
    }

    private String failed(Card card, HttpServletRequest request, HttpServletResponse response, Model model) {
        HttpSession session = request.getSession();
        int failures = (Integer) Objects.requireNonNullElse(session.getAttribute(FAILURES_ATTRIBUTE), 0) + 1;
        if (failures >= STEP_UP_FAILURES_MAX) {
            // Someone guessing codes in a signed-in session loses the session, as at the step-up page.
            session.invalidate();
            SecurityContextHolder.clearContext();
            return "redirect:/login?ended";
        }
        session.setAttribute(FAILURES_ATTRIBUTE, failures);
        response.setStatus(422);
        model.addAttribute("error", "That code is not right. " + (STEP_UP_FAILURES_MAX - failures) + " tries left.");
        return stepUp(card, model);
    }

    private static String stepUp(Card card, Model model) {
        model.addAttribute("card", card);
        return "issuing/details-step-up";
    }

    private Card owned(SignedInUser user, String cardId) {
        return cards.card(CardController.customer(user), cardId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private static void noStore(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store, max-age=0");
        response.setHeader("Pragma", "no-cache");
        response.setHeader("Expires", "0");
    }
}
