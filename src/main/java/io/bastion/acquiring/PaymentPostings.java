package io.bastion.acquiring;

import io.bastion.ledger.Ledger;
import io.bastion.ledger.TransferOutcome;
import io.bastion.ledger.TransferRequest;
import io.bastion.ledger.TransferResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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

    /**
     * Places the authorization hold: card settlement to the merchant's balance, pending. Its commit is deferred: the
     * network has answered already, and the intent's move to requires_capture, a synchronous commit, follows
     * before anything leaves Bastion (when the hold fails, nothing was written).
     */
    TransferOutcome authorize(PaymentIntent intent) {
        if (!accounts.ensureCurrency(intent.currency())) {
            throw new IllegalStateException("the ledger refuses currency " + intent.currency());
        }
        String merchant = accounts.merchantBalance(intent.merchantId(), intent.currency());
        TransferRequest hold = TransferRequest.pending(hold(intent.id()), AcquiringAccounts.settlement(intent.currency()),
                merchant, intent.amount(), (int) AUTHORIZATION_HOLD_MAX.toSeconds());
        return ledger.submitCommittingLater(List.of(hold)).getFirst().outcome();
    }

    /**
     * An automatic capture right after approval: the whole amount straight from card settlement to the
     * merchant, the fee, and for an on-us payment the netting against the issuer's settlement, as one linked
     * chain in one ledger submission (no hold, since nothing waits between authorization and capture).
     */
    TransferOutcome captureNow(PaymentIntent intent, Optional<String> issuerSettlement) {
        if (!accounts.ensureCurrency(intent.currency())) {
            throw new IllegalStateException("the ledger refuses currency " + intent.currency());
        }
        String merchant = accounts.merchantBalance(intent.merchantId(), intent.currency());
        List<TransferRequest> chain = new ArrayList<>();
        chain.add(TransferRequest.of(intent.id() + "_capture", AcquiringAccounts.settlement(intent.currency()), merchant,
                intent.amount()));
        return worst(ledger.submit(withFeeAndNetting(chain, intent, merchant, intent.amount(), issuerSettlement)));
    }

    /**
     * Posts the hold for {@code amount} (at most the authorized amount) with the fee and, on-us, the netting
     * as linked transfers.
     */
    TransferOutcome capture(PaymentIntent intent, long amount, Optional<String> issuerSettlement) {
        String merchant = accounts.merchantBalance(intent.merchantId(), intent.currency());
        List<TransferRequest> chain = new ArrayList<>();
        chain.add(TransferRequest.post(intent.id() + "_capture", hold(intent.id()), amount));
        return worst(ledger.submit(withFeeAndNetting(chain, intent, merchant, amount, issuerSettlement)));
    }

    /**
     * Adds the fee (merchant to fee revenue) and, on-us, the netting of what the issuer owes against what the
     * acquirer is owed (issuer's card settlement to card receivable), every transfer linked to the next.
     */
    private List<TransferRequest> withFeeAndNetting(List<TransferRequest> chain, PaymentIntent intent, String merchant,
                                                    long amount, Optional<String> issuerSettlement) {
        long fee = fee(amount);
        if (fee > 0) {
            chain.add(TransferRequest.of(intent.id() + "_fee", merchant, AcquiringAccounts.feeRevenue(intent.currency()), fee));
        }
        issuerSettlement.ifPresent(issuer -> chain.add(TransferRequest.of(intent.id() + "_onus_settle", issuer,
                AcquiringAccounts.settlement(intent.currency()), amount)));
        List<TransferRequest> linked = new ArrayList<>();
        for (int i = 0; i < chain.size(); i++) {
            linked.add(i < chain.size() - 1 ? chain.get(i).linkedToNext() : chain.get(i));
        }
        return linked;
    }

    /** Voids the hold of an authorization that is not captured. */
    TransferOutcome release(PaymentIntent intent) {
        return one(TransferRequest.voidPending(intent.id() + "_void", hold(intent.id())));
    }

    /**
     * Moves a refund from the merchant's balance back to card settlement (refused if the balance cannot cover
     * it); on-us, linked with the netting back to the issuer's settlement, from which the issuer pays the
     * cardholder.
     */
    TransferOutcome refund(PaymentIntent intent, String refundId, long amount, Optional<String> issuerSettlement) {
        String merchant = accounts.merchantBalance(intent.merchantId(), intent.currency());
        String settlement = AcquiringAccounts.settlement(intent.currency());
        if (issuerSettlement.isEmpty()) {
            return one(TransferRequest.of(refundId, merchant, settlement, amount));
        }
        return worst(ledger.submit(List.of(TransferRequest.of(refundId, merchant, settlement, amount).linkedToNext(),
                TransferRequest.of(refundId + "_onus_settle", settlement, issuerSettlement.get(), amount))));
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
