package io.bastion.issuing;

import io.bastion.ledger.AccountCode;
import io.bastion.ledger.AccountRequest;
import io.bastion.ledger.Ledger;
import io.bastion.ledger.TransferOutcome;
import io.bastion.ledger.TransferRequest;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * Card holds on the ledger: a pending transfer from the wallet's e-money account to the card-settlement
 * clearing account of the currency (both client funds), posted at capture, voided at reversal, and voided
 * by the ledger's expiry sweep when it times out. A refund moves captured money back the other way.
 */
@Component
final class Holds {

    static final Duration HOLD_TIMEOUT = Duration.ofDays(7);
    private final Ledger ledger;

    Holds(Ledger ledger) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
    }

    static String settlementAccount(String currency) {
        return "sys-card-settlement-" + currency;
    }

    static String holdId(String authorizationId) {
        return "iss-hold-" + authorizationId;
    }

    static String captureId(String authorizationId) {
        return "iss-capture-" + authorizationId;
    }

    static String refundTransferId(String refundId) {
        return "iss-refund-" + refundId;
    }

    static String reversalId(String authorizationId) {
        return "iss-reverse-" + authorizationId;
    }

    /**
     * Places the hold; answers the ledger's outcome (EXCEEDS_CREDITS when the wallet lacks the funds). Its commit is
     * deferred: the authorization's closing write follows it, synchronously or by a caller that commits last.
     */
    TransferOutcome place(String authorizationId, String walletAccountId, String currency, long amountMinor) {
        ensureSettlementAccount(currency);
        return ledger.submitCommittingLater(List.of(TransferRequest.pending(holdId(authorizationId), walletAccountId,
                settlementAccount(currency), amountMinor, (int) HOLD_TIMEOUT.toSeconds()))).getFirst().outcome();
    }

    TransferOutcome post(String authorizationId, long amountMinor) {
        return ledger.submit(List.of(TransferRequest.post(captureId(authorizationId), holdId(authorizationId), amountMinor)))
                .getFirst().outcome();
    }

    TransferOutcome cancel(String authorizationId) {
        return ledger.submit(List.of(TransferRequest.voidPending(reversalId(authorizationId), holdId(authorizationId))))
                .getFirst().outcome();
    }

    /** Gives captured money back: the capture's direction reversed, from card settlement to the wallet. */
    TransferOutcome refund(String refundId, String walletAccountId, String currency, long amountMinor) {
        ensureSettlementAccount(currency);
        return ledger.submit(List.of(TransferRequest.of(refundTransferId(refundId), settlementAccount(currency),
                walletAccountId, amountMinor))).getFirst().outcome();
    }

    private void ensureSettlementAccount(String currency) {
        if (!ledger.ensureAccounts(List.of(AccountRequest.of(settlementAccount(currency), currency,
                AccountCode.CARD_SETTLEMENT.code())))) {
            throw new IllegalStateException("the ledger refuses the card settlement account in " + currency);
        }
    }
}
