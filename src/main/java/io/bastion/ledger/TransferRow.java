package io.bastion.ledger;

import java.time.Instant;

/** One row of {@code ledger_transfer}: a stored transfer and both accounts' balances right after it. */
record TransferRow(String id, TransferKind kind, String debitAccountId, String creditAccountId, String currency,
                   long amount, String pendingId, int timeoutSeconds, Instant expiresAt, boolean linked,
                   Balance debitAfter, Balance creditAfter) {

    /** The first field in which a resubmitted request differs from this stored transfer; EXISTS when none. */
    TransferOutcome compare(TransferRequest request) {
        if (kind != TransferKind.of(request) || linked != request.linked()) {
            return TransferOutcome.EXISTS_WITH_DIFFERENT_FLAGS;
        }
        if (!java.util.Objects.equals(pendingId, request.pendingId())) {
            return TransferOutcome.EXISTS_WITH_DIFFERENT_PENDING_ID;
        }
        // A post or void may leave accounts and amount out; then they were taken from the pending transfer.
        boolean optional = request.resolves();
        if ((!optional || request.debitAccountId() != null) && !debitAccountId.equals(request.debitAccountId())) {
            return TransferOutcome.EXISTS_WITH_DIFFERENT_DEBIT_ACCOUNT_ID;
        }
        if ((!optional || request.creditAccountId() != null) && !creditAccountId.equals(request.creditAccountId())) {
            return TransferOutcome.EXISTS_WITH_DIFFERENT_CREDIT_ACCOUNT_ID;
        }
        if ((!optional || request.amount() != 0) && amount != request.amount()) {
            return TransferOutcome.EXISTS_WITH_DIFFERENT_AMOUNT;
        }
        if (timeoutSeconds != request.timeoutSeconds()) {
            return TransferOutcome.EXISTS_WITH_DIFFERENT_TIMEOUT;
        }
        return TransferOutcome.EXISTS;
    }
}
