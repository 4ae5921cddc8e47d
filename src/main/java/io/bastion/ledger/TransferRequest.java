package io.bastion.ledger;

import java.util.regex.Pattern;

/**
 * A transfer to submit. Its id is chosen by the client and unique forever, so resubmitting answers
 * {@code EXISTS}. To post or void a pending transfer, name it in {@code pendingId} and set {@code action};
 * then the accounts may be left null and an amount of 0 means the pending transfer's full amount.
 * {@code linked} ties this transfer to the next one: the chain succeeds or fails as a whole. In a chain,
 * {@code EXISTS} counts as success, so resubmitting a committed chain answers {@code EXISTS} throughout; a
 * chain whose last transfer is still linked is refused whole ({@code LINKED_EVENT_CHAIN_OPEN}).
 */
public record TransferRequest(String id, String debitAccountId, String creditAccountId, long amount, boolean pending,
                              int timeoutSeconds, String pendingId, PendingAction action, boolean linked) {

    /** Ids are 1 to 64 characters of letters, digits, '_' and '-'. */
    public static final Pattern ID_PATTERN = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** Pending transfers time out after at most 30 days. */
    public static final int TIMEOUT_SECONDS_MAX = 30 * 24 * 60 * 60;

    /** A transfer that posts at once. */
    public static TransferRequest of(String id, String debitAccountId, String creditAccountId, long amount) {
        return new TransferRequest(id, debitAccountId, creditAccountId, amount, false, 0, null, null, false);
    }

    /** A pending transfer that reserves the amount; a timeout of 0 means it never expires. */
    public static TransferRequest pending(String id, String debitAccountId, String creditAccountId, long amount,
                                          int timeoutSeconds) {
        return new TransferRequest(id, debitAccountId, creditAccountId, amount, true, timeoutSeconds, null, null, false);
    }

    /** Posts a pending transfer; an amount of 0 posts its full amount. */
    public static TransferRequest post(String id, String pendingId, long amount) {
        return new TransferRequest(id, null, null, amount, false, 0, pendingId, PendingAction.POST, false);
    }

    /** Voids a pending transfer. */
    public static TransferRequest voidPending(String id, String pendingId) {
        return new TransferRequest(id, null, null, 0, false, 0, pendingId, PendingAction.VOID, false);
    }

    /** The same transfer, linked to the one after it. */
    public TransferRequest linkedToNext() {
        return new TransferRequest(id, debitAccountId, creditAccountId, amount, pending, timeoutSeconds, pendingId,
                action, true);
    }

    /** True for a post or void of a pending transfer. */
    public boolean resolves() {
        return action != null;
    }

    /** The first rule this request breaks on its own, before any state is consulted; null when none. */
    TransferOutcome invalidity() {
        if (id == null || !ID_PATTERN.matcher(id).matches()) {
            return TransferOutcome.ID_MUST_BE_VALID;
        }
        if (timeoutSeconds < 0 || timeoutSeconds > TIMEOUT_SECONDS_MAX) {
            return TransferOutcome.TIMEOUT_MUST_BE_IN_RANGE;
        }
        if (timeoutSeconds != 0 && !pending) {
            return TransferOutcome.TIMEOUT_REQUIRES_PENDING;
        }
        if (debitAccountId != null && debitAccountId.equals(creditAccountId)) {
            return TransferOutcome.ACCOUNTS_MUST_BE_DIFFERENT;
        }
        return resolves() ? resolutionInvalidity() : plainInvalidity();
    }

    private TransferOutcome plainInvalidity() {
        if (pendingId != null) {
            return TransferOutcome.PENDING_ID_MUST_NOT_BE_SET;
        }
        return amount <= 0 ? TransferOutcome.AMOUNT_MUST_BE_POSITIVE : null;
    }

    private TransferOutcome resolutionInvalidity() {
        if (pending) {
            return TransferOutcome.FLAGS_ARE_MUTUALLY_EXCLUSIVE;
        }
        if (pendingId == null) {
            return TransferOutcome.PENDING_ID_MUST_BE_SET;
        }
        if (pendingId.equals(id)) {
            return TransferOutcome.PENDING_ID_MUST_BE_DIFFERENT;
        }
        return amount < 0 ? TransferOutcome.AMOUNT_MUST_BE_POSITIVE : null;
    }
}
