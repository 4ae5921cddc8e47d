package io.bastion.issuing.web;

import io.bastion.identity.SignedInUser;
import io.bastion.issuing.Authorization;
import io.bastion.issuing.AuthorizationStatus;
import io.bastion.issuing.Cards;
import io.bastion.issuing.DeclineReason;
import io.bastion.shared.TimeText;
import java.util.List;
import java.util.Objects;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The signed-in customer's card payments across all their cards, newest first: when, where, how much, what
 * became of it and how 3-D Secure verified it, in words. Only the customer's own cards' payments appear.
 */
@Controller
class CardPaymentsController {

    private final Cards cards;

    CardPaymentsController(Cards cards) {
        this.cards = Objects.requireNonNull(cards, "cards");
    }

    /** One line of the page, as text. */
    record PaymentLine(String id, String when, String merchant, String card, String amount, String status,
                       String verification, String eci) {
    }

    @GetMapping("/cards/payments")
    String payments(@AuthenticationPrincipal SignedInUser user, @RequestParam(defaultValue = "0") String page,
                    Model model) {
        String userId = CardController.customer(user);
        int number = page.matches("[0-9]{1,4}") ? Integer.parseInt(page) : -1;
        if (number < 0 || number > Cards.PAYMENT_PAGES_MAX) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "page must be 0 to " + Cards.PAYMENT_PAGES_MAX);
        }
        Cards.PaymentsPage payments = cards.payments(userId, number);
        List<PaymentLine> lines = payments.payments().stream().map(CardPaymentsController::line).toList();
        model.addAttribute("payments", lines);
        model.addAttribute("page", number);
        model.addAttribute("more", payments.more());
        return "issuing/payments";
    }

    static PaymentLine line(Authorization a) {
        return new PaymentLine(a.id(), TimeText.minute(a.createdAt()), a.merchantName(), a.masked(),
                amount(a.amountMinor(), a.currency()) + " " + a.currency(), status(a), verification(a),
                a.eci() == null ? "" : a.eci());
    }

    static String status(Authorization a) {
        if (a.refundedMinor() > 0) {
            return a.refundedMinor() >= a.capturedMinor() ? "Refunded"
                    : "Partly refunded (" + amount(a.refundedMinor(), a.currency()) + ")";
        }
        return switch (a.status()) {
            case PENDING -> "Pending";
            case APPROVED -> "Authorized";
            case CAPTURED -> a.capturedMinor() < a.amountMinor()
                    ? "Paid " + amount(a.capturedMinor(), a.currency()) : "Paid";
            case DECLINED -> "Declined";
            case REVERSED -> "Cancelled";
            case EXPIRED -> "Expired";
        };
    }

    /** A declined payment may carry a currency code ISO 4217 does not know; it shows in minor units then. */
    private static String amount(long minor, String currency) {
        try {
            return Amounts.format(minor, currency);
        } catch (IllegalArgumentException e) {
            return Long.toString(minor);
        }
    }

    /** How 3-D Secure verified the payment, as the cardholder would say it. */
    static String verification(Authorization a) {
        if (a.threeDsTransStatus() == null) {
            return a.online() ? "Not verified" : "Not needed (in person)";
        }
        boolean failed = a.status() == AuthorizationStatus.DECLINED
                && a.declineReason() == DeclineReason.AUTHENTICATION_FAILED;
        return switch (a.threeDsTransStatus()) {
            case "Y" -> failed ? "Verification could not be confirmed"
                    : "challenge".equals(a.threeDsFlow()) ? "Verified with a code sent to your phone"
                    : "frictionless".equals(a.threeDsFlow()) ? "Verified automatically (low risk)" : "Verified";
            case "A" -> "Verification attempted";
            case "R" -> "Refused by your bank's check";
            default -> "Not verified";
        };
    }
}
