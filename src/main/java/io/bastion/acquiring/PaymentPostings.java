package io.bastion.acquiring;

import io.bastion.ledger.Ledger;
import io.bastion.ledger.TransferOutcome;
import io.bastion.ledger.TransferRequest;
import io.bastion.ledger.TransferResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The ledger side of a card payment (see docs/acquiring.md). Transfer ids derive from the intent or refund
 * id, so every call is idempotent: repeating it after a crash answers EXISTS instead of moving money twice.
 */
@Component
final class PaymentPostings {

    /** An uncaptured authorization hold expires after this long, like a network authorization. */
    static final Duration AUTHORIZATION_HOLD_MAX = Duration.ofDays(7);
    static final int BASIS_POINTS_MAX = 10_000;

    private final Ledger ledger;
    private final AcquiringAccounts accounts;
    private final int feeBasisPoints;

    PaymentPostings(Ledger ledger, AcquiringAccounts accounts,
                    @Value("${bastion.acquiring.fee-basis-points:150}") int feeBasisPoints) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        if (feeBasisPoints < 0 || feeBasisPoints > BASIS_POINTS_MAX) {
            throw new IllegalArgumentException("bastion.acquiring.fee-basis-points must be 0 to " + BASIS_POINTS_MAX);
        }
        this.feeBasisPoints = feeBasisPoints;
    }

    /** The platform fee on a captured amount, rounded down to the minor unit. */
    long fee(long captured) {
        return Math.multiplyExact(captured, (long) feeBasisPoints) / BASIS_POINTS_MAX;
    }

    private static String hold(String intentId) {
        return intentId + "_auth";
    }

    /** Places the authorization hold: card settlement to the merchant's balance, pending. */
    TransferOutcome authorize(PaymentIntent intent) {
        if (!accounts.ensureCurrency(intent.currency())) {
            throw new IllegalStateException("the ledger refuses currency " + intent.currency());
        }
        String merchant = accounts.merchantBalance(intent.merchantId(), intent.currency());
        return one(TransferRequest.pending(hold(intent.id()), AcquiringAccounts.settlement(intent.currency()), merchant,
                intent.amount(), (int) AUTHORIZATION_HOLD_MAX.toSeconds()));
    }

    /** Posts the hold for {@code amount} (at most the authorized amount) with the fee as a linked transfer. */
    TransferOutcome capture(PaymentIntent intent, long amount) {
        String merchant = accounts.merchantBalance(intent.merchantId(), intent.currency());
        long fee = fee(amount);
        List<TransferRequest> chain = new ArrayList<>();
        TransferRequest post = TransferRequest.post(intent.id() + "_capture", hold(intent.id()), amount);
        chain.add(fee > 0 ? post.linkedToNext() : post);
        if (fee > 0) {
            chain.add(TransferRequest.of(intent.id() + "_fee", merchant, AcquiringAccounts.feeRevenue(intent.currency()), fee));
        }
        return worst(ledger.submit(chain));
    }

    /** Voids the hold of an authorization that is not captured. */
    TransferOutcome release(PaymentIntent intent) {
        return one(TransferRequest.voidPending(intent.id() + "_void", hold(intent.id())));
    }

    /** Moves a refund from the merchant's balance back to card settlement; refused if the balance cannot cover it. */
    TransferOutcome refund(PaymentIntent intent, String refundId, long amount) {
        String merchant = accounts.merchantBalance(intent.merchantId(), intent.currency());
        return one(TransferRequest.of(refundId, merchant, AcquiringAccounts.settlement(intent.currency()), amount));
    }

    /** The merchant's balance accounts, by currency (read-only, for the dashboard). */
    java.util.Map<String, io.bastion.ledger.Account> merchantAccounts(String merchantId) {
        return accounts.merchantAccounts(merchantId);
    }

    /**
     * Moves a payout from the merchant's balance to payouts in transit, under the payout's id: repeating it
     * answers EXISTS; refused (EXCEEDS_CREDITS) when the balance cannot cover it.
     */
    TransferOutcome payout(String merchantAccountId, String payoutId, String currency, long amount) {
        if (!accounts.ensurePayoutsInTransit(currency)) {
            throw new IllegalStateException("the ledger refuses a payouts-in-transit account in " + currency);
        }
        return one(TransferRequest.of(payoutId, merchantAccountId, AcquiringAccounts.payoutsInTransit(currency), amount));
    }

    private TransferOutcome one(TransferRequest request) {
        return ledger.submit(List.of(request)).getFirst().outcome();
    }

    private static TransferOutcome worst(List<TransferResult> results) {
        return results.stream().map(TransferResult::outcome).filter(o -> !o.ok()).findFirst()
                .orElse(results.getFirst().outcome());
    }
}
