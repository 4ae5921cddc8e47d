package io.bastion.ledger;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Applies the transfers of one batch, in order, to accounts the batch has locked. Pure computation: it
 * decides each outcome, keeps balances in memory and collects the rows to insert, so that the database
 * sees one multi-row insert and one update per account however many transfers the batch holds.
 */
final class TransferBatch {

    private final Instant now;
    private final Map<String, AccountState> accounts;
    private final Map<String, TransferRow> transfers;
    private final Map<String, TransferKind> resolutions;
    private final Supplier<String> expiryIds;
    private final List<TransferRow> created = new ArrayList<>();
    // Inverse actions of the changes made by the chain being applied, so a failed linked chain leaves no trace.
    private final Deque<Runnable> undo = new ArrayDeque<>();

    /**
     * @param transfers   stored transfers by id: every requested id and every named pending id that exists
     * @param resolutions how each stored pending transfer among those was resolved, by its id
     */
    TransferBatch(Instant now, Map<String, AccountState> accounts, Map<String, TransferRow> transfers,
                  Map<String, TransferKind> resolutions, Supplier<String> expiryIds) {
        this.now = Objects.requireNonNull(now, "now");
        this.accounts = accounts;
        this.transfers = transfers;
        this.resolutions = resolutions;
        this.expiryIds = expiryIds;
    }

    /** The transfers this batch created, in order. */
    List<TransferRow> created() {
        return created;
    }

    /** Applies one caller's transfers and answers their results in the same order. */
    List<TransferResult> apply(List<TransferRequest> requests) {
        TransferOutcome[] outcomes = new TransferOutcome[requests.size()];
        int start = 0;
        while (start < requests.size()) {
            int end = start;
            while (end < requests.size() - 1 && requests.get(end).linked()) {
                end++;
            }
            applyChain(requests, start, end, outcomes);
            start = end + 1;
        }
        List<TransferResult> results = new ArrayList<>(requests.size());
        for (int i = 0; i < outcomes.length; i++) {
            results.add(new TransferResult(requests.get(i).id(), outcomes[i]));
        }
        return results;
    }

    /** Voids the given pending transfers because their timeout has passed; answers how many it voided. */
    int expire(List<String> pendingIds) {
        int expired = 0;
        for (String pendingId : pendingIds) {
            TransferRequest request = TransferRequest.voidPending(expiryIds.get(), pendingId);
            if (resolve(request, TransferKind.EXPIRE) == TransferOutcome.CREATED) {
                expired++;
            }
            undo.clear();
        }
        return expired;
    }

    /** Applies requests start..end (inclusive), a linked chain or a single transfer, all or nothing. */
    private void applyChain(List<TransferRequest> requests, int start, int end, TransferOutcome[] outcomes) {
        if (requests.get(end).linked()) {
            Arrays.fill(outcomes, start, end + 1, TransferOutcome.LINKED_EVENT_FAILED);
            outcomes[end] = TransferOutcome.LINKED_EVENT_CHAIN_OPEN;
            return;
        }
        int createdMark = created.size();
        for (int i = start; i <= end; i++) {
            TransferOutcome outcome = applyOne(requests.get(i));
            if (!outcome.ok()) {
                rollback(createdMark);
                Arrays.fill(outcomes, start, end + 1, TransferOutcome.LINKED_EVENT_FAILED);
                outcomes[i] = outcome;
                return;
            }
            outcomes[i] = outcome;
        }
        undo.clear();
    }

    private void rollback(int createdMark) {
        while (!undo.isEmpty()) {
            undo.pop().run();
        }
        created.subList(createdMark, created.size()).clear();
    }

    private TransferOutcome applyOne(TransferRequest request) {
        TransferOutcome invalid = request.invalidity();
        if (invalid != null) {
            return invalid;
        }
        TransferRow existing = transfers.get(request.id());
        if (existing != null) {
            return existing.compare(request);
        }
        return request.resolves() ? resolve(request, TransferKind.of(request)) : create(request);
    }

    private TransferOutcome create(TransferRequest request) {
        AccountState debit = request.debitAccountId() == null ? null : accounts.get(request.debitAccountId());
        if (debit == null) {
            return TransferOutcome.DEBIT_ACCOUNT_NOT_FOUND;
        }
        AccountState credit = request.creditAccountId() == null ? null : accounts.get(request.creditAccountId());
        if (credit == null) {
            return TransferOutcome.CREDIT_ACCOUNT_NOT_FOUND;
        }
        if (!debit.currency.equals(credit.currency)) {
            return TransferOutcome.CURRENCIES_MUST_MATCH;
        }
        TransferOutcome segregation = AccountCode.segregation(debit.code, credit.code);
        if (segregation != null) {
            return segregation;
        }
        long amount = request.amount();
        // Both sums are kept below Long.MAX_VALUE, so the database's CHECK arithmetic cannot overflow either.
        long debits = debit.debitsPosted + debit.debitsPending;
        long credits = credit.creditsPosted + credit.creditsPending;
        if (debits > Long.MAX_VALUE - amount) {
            return TransferOutcome.OVERFLOWS_DEBITS;
        }
        if (credits > Long.MAX_VALUE - amount) {
            return TransferOutcome.OVERFLOWS_CREDITS;
        }
        if (debit.debitsMustNotExceedCredits && debits + amount > debit.creditsPosted) {
            return TransferOutcome.EXCEEDS_CREDITS;
        }
        if (credit.creditsMustNotExceedDebits && credits + amount > credit.debitsPosted) {
            return TransferOutcome.EXCEEDS_DEBITS;
        }
        boolean pending = request.pending();
        change(debit, pending ? 0 : amount, 0, pending ? amount : 0, 0);
        change(credit, 0, pending ? 0 : amount, 0, pending ? amount : 0);
        Instant expiresAt = request.timeoutSeconds() == 0 ? null : now.plusSeconds(request.timeoutSeconds());
        record(new TransferRow(request.id(), TransferKind.of(request), debit.id, credit.id, debit.currency, amount,
                null, request.timeoutSeconds(), expiresAt, request.linked(), debit.balance(), credit.balance()));
        return TransferOutcome.CREATED;
    }

    private TransferOutcome resolve(TransferRequest request, TransferKind kind) {
        TransferRow pending = transfers.get(request.pendingId());
        if (pending == null) {
            return TransferOutcome.PENDING_TRANSFER_NOT_FOUND;
        }
        if (pending.kind() != TransferKind.PENDING) {
            return TransferOutcome.PENDING_TRANSFER_NOT_PENDING;
        }
        if (request.debitAccountId() != null && !request.debitAccountId().equals(pending.debitAccountId())) {
            return TransferOutcome.PENDING_TRANSFER_HAS_DIFFERENT_DEBIT_ACCOUNT_ID;
        }
        if (request.creditAccountId() != null && !request.creditAccountId().equals(pending.creditAccountId())) {
            return TransferOutcome.PENDING_TRANSFER_HAS_DIFFERENT_CREDIT_ACCOUNT_ID;
        }
        TransferKind resolved = resolutions.get(pending.id());
        if (resolved != null) {
            return switch (resolved) {
                case POST -> TransferOutcome.PENDING_TRANSFER_ALREADY_POSTED;
                case VOID -> TransferOutcome.PENDING_TRANSFER_ALREADY_VOIDED;
                default -> TransferOutcome.PENDING_TRANSFER_EXPIRED;
            };
        }
        if (kind != TransferKind.EXPIRE && pending.expiresAt() != null && !now.isBefore(pending.expiresAt())) {
            return TransferOutcome.PENDING_TRANSFER_EXPIRED;
        }
        long amount = request.amount() == 0 ? pending.amount() : request.amount();
        if (kind == TransferKind.POST && amount > pending.amount()) {
            return TransferOutcome.EXCEEDS_PENDING_TRANSFER_AMOUNT;
        }
        if (kind != TransferKind.POST && amount != pending.amount()) {
            return TransferOutcome.PENDING_TRANSFER_HAS_DIFFERENT_AMOUNT;
        }
        AccountState debit = Objects.requireNonNull(accounts.get(pending.debitAccountId()), "locked debit account");
        AccountState credit = Objects.requireNonNull(accounts.get(pending.creditAccountId()), "locked credit account");
        // Posting moves at most the reserved amount from pending to posted, so no limit or sum can be crossed.
        long posted = kind == TransferKind.POST ? amount : 0;
        change(debit, posted, 0, -pending.amount(), 0);
        change(credit, 0, posted, 0, -pending.amount());
        resolutions.put(pending.id(), kind);
        undo.push(() -> resolutions.remove(pending.id()));
        record(new TransferRow(request.id(), kind, debit.id, credit.id, debit.currency, amount, pending.id(), 0, null,
                request.linked(), debit.balance(), credit.balance()));
        return TransferOutcome.CREATED;
    }

    private void change(AccountState account, long debitsPosted, long creditsPosted, long debitsPending,
                        long creditsPending) {
        Balance before = account.balance();
        undo.push(() -> account.restore(before));
        account.debitsPosted += debitsPosted;
        account.creditsPosted += creditsPosted;
        account.debitsPending += debitsPending;
        account.creditsPending += creditsPending;
        account.changed = true;
    }

    private void record(TransferRow row) {
        transfers.put(row.id(), row);
        undo.push(() -> transfers.remove(row.id()));
        created.add(row);
    }
}
