package io.bastion.acquiring.web;

import io.bastion.acquiring.IntentFilter;
import io.bastion.acquiring.IntentPage;
import io.bastion.acquiring.PaymentIntent;
import io.bastion.acquiring.PaymentIntents;
import io.bastion.acquiring.PaymentOutcome;
import io.bastion.acquiring.PaymentRejection;
import io.bastion.acquiring.PaymentStatus;
import io.bastion.identity.BusinessApiKeys;
import io.bastion.identity.SignedInUser;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
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

/**
 * The merchant dashboard for members of a business: its payments (newest first, by status, paged by
 * cursor), one payment's detail with its timeline, capture and cancel for owners and admins, and the
 * balance per currency. Every query is scoped to the business in the address, after checking that the
 * signed-in user is a member of it: anything else is a 404.
 */
@Controller
final class MerchantDashboardController {

    /** Payments per page of the list. */
    static final int PAYMENTS_PAGE_MAX = 25;
    private static final Pattern INTENT_ID = Pattern.compile("pi_[a-z0-9]{1,40}");

    private final MerchantAccess access;
    private final PaymentIntents intents;

    MerchantDashboardController(MerchantAccess access, PaymentIntents intents) {
        this.access = Objects.requireNonNull(access, "access");
        this.intents = Objects.requireNonNull(intents, "intents");
    }

    @GetMapping("/merchant")
    String businesses(@AuthenticationPrincipal SignedInUser user, Model model) {
        List<BusinessApiKeys.Membership> memberships = access.memberships(user);
        if (memberships.size() == 1) {
            return "redirect:/merchant/" + memberships.getFirst().businessId() + "/payments";
        }
        model.addAttribute("memberships", memberships);
        return "merchant/businesses";
    }

    @GetMapping("/merchant/{businessId}")
    String business(@AuthenticationPrincipal SignedInUser user, @PathVariable String businessId) {
        access.member(user, businessId);
        return "redirect:/merchant/" + businessId + "/payments";
    }

    @GetMapping("/merchant/{businessId}/payments")
    String payments(@AuthenticationPrincipal SignedInUser user, @PathVariable String businessId,
                    @RequestParam(defaultValue = "") String status, @RequestParam(defaultValue = "") String after,
                    Model model) {
        MerchantAccess.Member member = access.member(user, businessId);
        PaymentStatus filter = status.isBlank() ? null : Arrays.stream(PaymentStatus.values())
                .filter(s -> s.wire().equals(status)).findFirst()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST, "status is not a payment status"));
        if (!after.isBlank() && !INTENT_ID.matcher(after).matches()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "after must be a payment id");
        }
        IntentPage page = intents.list(businessId, new IntentFilter(filter, null, null, after.isBlank() ? null : after,
                PAYMENTS_PAGE_MAX));
        model.addAttribute("member", member);
        model.addAttribute("payments", page.intents().stream().map(MerchantPaymentView::of).toList());
        model.addAttribute("next", page.hasMore() ? page.intents().getLast().id() : null);
        model.addAttribute("status", status);
        model.addAttribute("statuses", Arrays.stream(PaymentStatus.values()).map(PaymentStatus::wire).toList());
        return "merchant/payments";
    }

    @GetMapping("/merchant/{businessId}/payments/{id}")
    String payment(@AuthenticationPrincipal SignedInUser user, @PathVariable String businessId, @PathVariable String id,
                   Model model) {
        return show(access.member(user, businessId), id, model);
    }

    /** The detail page of one of the member's business's payments; 404 for any other id. */
    String show(MerchantAccess.Member member, String id, Model model) {
        PaymentIntent intent = intents.find(member.businessId(), id).orElseThrow(MerchantAccess::notFound);
        model.addAttribute("member", member);
        model.addAttribute("payment", MerchantPaymentView.of(intent));
        model.addAttribute("timeline", intents.timeline(member.businessId(), id).stream()
                .map(e -> new TimelineRow(e.at(), e.type(), e.refundId(),
                        e.refundAmount() == null ? null : MerchantMoney.format(e.refundAmount(), intent.currency())))
                .toList());
        model.addAttribute("refunds", intents.refunds(member.businessId(), id).stream()
                .map(r -> new RefundRow(r.id(), r.createdAt(), MerchantMoney.format(r.amount(), r.currency()),
                        r.status()))
                .toList());
        model.addAttribute("created", intent.createdAt());
        return "merchant/payment";
    }

    /** One line of a payment's timeline. */
    record TimelineRow(Instant at, String type, String refundId, String refundAmount) {
    }

    /** One refund of a payment. */
    record RefundRow(String id, Instant created, String amount, String status) {
    }

    @PostMapping("/merchant/{businessId}/payments/{id}/capture")
    String capture(@AuthenticationPrincipal SignedInUser user, @PathVariable String businessId, @PathVariable String id,
                   @RequestParam(defaultValue = "") String amount, HttpServletResponse response, Model model) {
        MerchantAccess.Member member = access.moneyMover(user, businessId);
        PaymentIntent intent = intents.find(businessId, id).orElseThrow(MerchantAccess::notFound);
        Long minor = null;
        if (!amount.isBlank()) {
            OptionalLong parsed = MerchantMoney.parse(amount, intent.currency());
            if (parsed.isEmpty()) {
                return refused(member, id, "Enter the amount to capture like 12.34, or leave it empty for all.", response, model);
            }
            minor = parsed.getAsLong();
        }
        PaymentOutcome outcome = intents.capture(businessId, id, minor);
        if (outcome.rejection() != null) {
            return refused(member, id, message(outcome.rejection()), response, model);
        }
        return "redirect:/merchant/" + businessId + "/payments/" + id + "?captured";
    }

    @PostMapping("/merchant/{businessId}/payments/{id}/cancel")
    String cancel(@AuthenticationPrincipal SignedInUser user, @PathVariable String businessId, @PathVariable String id,
                  HttpServletResponse response, Model model) {
        MerchantAccess.Member member = access.moneyMover(user, businessId);
        intents.find(businessId, id).orElseThrow(MerchantAccess::notFound);
        PaymentOutcome outcome = intents.cancel(businessId, id);
        if (outcome.rejection() != null) {
            return refused(member, id, message(outcome.rejection()), response, model);
        }
        return "redirect:/merchant/" + businessId + "/payments/" + id + "?canceled";
    }

    /** The detail page again, with the reason the action was refused and a 422. */
    String refused(MerchantAccess.Member member, String id, String error, HttpServletResponse response, Model model) {
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        model.addAttribute("error", error);
        return show(member, id, model);
    }

    static String message(PaymentRejection rejection) {
        return switch (rejection) {
            case NOT_FOUND -> "This payment does not exist.";
            case STATUS_MUST_ALLOW_OPERATION -> "The payment's status does not allow this any more.";
            case AMOUNT_MUST_NOT_EXCEED_AUTHORIZED -> "You cannot capture more than was authorized.";
            case AMOUNT_MUST_NOT_EXCEED_REFUNDABLE -> "You cannot refund more than was captured and not yet refunded.";
            case MERCHANT_BALANCE_MUST_COVER_REFUND -> "Your balance does not cover this refund.";
            default -> "The payment could not be changed (" + rejection.name().toLowerCase(java.util.Locale.ROOT) + ").";
        };
    }

    @GetMapping("/merchant/{businessId}/balance")
    String balance(@AuthenticationPrincipal SignedInUser user, @PathVariable String businessId, Model model) {
        return showBalance(access.member(user, businessId), model);
    }

    /** The balance page: per currency the ledger balance, pending authorizations and fees; then the payouts. */
    String showBalance(MerchantAccess.Member member, Model model) {
        model.addAttribute("member", member);
        model.addAttribute("balances", intents.balances(member.businessId()).stream()
                .map(b -> new BalanceRow(b.currency(), MerchantMoney.format(b.balance(), b.currency()),
                        MerchantMoney.format(b.pending(), b.currency()), MerchantMoney.format(b.fees(), b.currency())))
                .toList());
        model.addAttribute("payouts", intents.payouts(member.businessId()).stream()
                .map(p -> new PayoutRow(p.id(), p.createdAt(), MerchantMoney.format(p.amount(), p.currency()),
                        p.status().wire(), p.failureReason()))
                .toList());
        return "merchant/balance";
    }

    /** One payout of the balance page. */
    record PayoutRow(String id, Instant created, String amount, String status, String failureReason) {
    }

    /** One currency of the balance page. */
    record BalanceRow(String currency, String balance, String pending, String fees) {
    }
}
