package io.bastion.ledger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A deliberately simple in-memory ledger: the reference the real one is checked against. No batching, no
 * database, no undo log: a linked chain is applied to a copy of the state that is kept or thrown away.
 */
final class LedgerModel {

    /** An account's flags and balances. */
    record Acc(String currency, boolean debitsLimited, boolean creditsLimited, long dp, long cp, long dq, long cq) {

        Acc plus(long debitsPosted, long creditsPosted, long debitsPending, long creditsPending) {
            return new Acc(currency, debitsLimited, creditsLimited, dp + debitsPosted, cp + creditsPosted,
                    dq + debitsPending, cq + creditsPending);
        }

        Balance balance() {
            return new Balance(dp, cp, dq, cq);
        }
    }

    /** A transfer as stored: the resolved accounts and amount. */
    record Stored(TransferKind kind, String dr, String cr, long amount, String pendingId, int timeout, boolean linked) {
    }

    private record State(Map<String, Acc> accounts, Map<String, Stored> transfers, Map<String, TransferKind> resolved) {

        State copy() {
            return new State(new HashMap<>(accounts), new HashMap<>(transfers), new HashMap<>(resolved));
        }
    }

    private State state = new State(new HashMap<>(), new HashMap<>(), new HashMap<>());

    void open(String id, String currency, boolean debitsLimited, boolean creditsLimited) {
        state.accounts().put(id, new Acc(currency, debitsLimited, creditsLimited, 0, 0, 0, 0));
    }

    Balance balance(String id) {
        return state.accounts().get(id).balance();
    }

    List<TransferOutcome> submit(List<TransferRequest> batch) {
        List<TransferOutcome> out = new ArrayList<>();
        int i = 0;
        while (i < batch.size()) {
            int j = i;
            while (j < batch.size() - 1 && batch.get(j).linked()) {
                j++;
            }
            out.addAll(chain(batch.subList(i, j + 1)));
            i = j + 1;
        }
        return out;
    }

    private List<TransferOutcome> chain(List<TransferRequest> chain) {
        List<TransferOutcome> out = new ArrayList<>();
        if (chain.getLast().linked()) {
            chain.forEach(r -> out.add(TransferOutcome.LINKED_EVENT_FAILED));
            out.set(chain.size() - 1, TransferOutcome.LINKED_EVENT_CHAIN_OPEN);
            return out;
        }
        State before = state.copy();
        for (TransferRequest request : chain) {
            TransferOutcome outcome = one(request);
            if (outcome != TransferOutcome.CREATED && outcome != TransferOutcome.EXISTS) {
                state = before;
                out.replaceAll(o -> TransferOutcome.LINKED_EVENT_FAILED);
                out.add(outcome);
                while (out.size() < chain.size()) {
                    out.add(TransferOutcome.LINKED_EVENT_FAILED);
                }
                return out;
            }
            out.add(outcome);
        }
        return out;
    }

    private TransferOutcome one(TransferRequest r) {
        if (r.id() == null || !r.id().matches("[A-Za-z0-9_-]{1,64}")) {
            return TransferOutcome.ID_MUST_BE_VALID;
        }
        if (r.timeoutSeconds() < 0 || r.timeoutSeconds() > TransferRequest.TIMEOUT_SECONDS_MAX) {
            return TransferOutcome.TIMEOUT_MUST_BE_IN_RANGE;
        }
        if (r.timeoutSeconds() != 0 && !r.pending()) {
            return TransferOutcome.TIMEOUT_REQUIRES_PENDING;
        }
        if (r.debitAccountId() != null && r.debitAccountId().equals(r.creditAccountId())) {
            return TransferOutcome.ACCOUNTS_MUST_BE_DIFFERENT;
        }
        boolean resolving = r.action() != null;
        if (!resolving && r.pendingId() != null) {
            return TransferOutcome.PENDING_ID_MUST_NOT_BE_SET;
        }
        if (!resolving && r.amount() <= 0) {
            return TransferOutcome.AMOUNT_MUST_BE_POSITIVE;
        }
        if (resolving && r.pending()) {
            return TransferOutcome.FLAGS_ARE_MUTUALLY_EXCLUSIVE;
        }
        if (resolving && r.pendingId() == null) {
            return TransferOutcome.PENDING_ID_MUST_BE_SET;
        }
        if (resolving && r.pendingId().equals(r.id())) {
            return TransferOutcome.PENDING_ID_MUST_BE_DIFFERENT;
        }
        if (resolving && r.amount() < 0) {
            return TransferOutcome.AMOUNT_MUST_BE_POSITIVE;
        }
        Stored existing = state.transfers().get(r.id());
        if (existing != null) {
            return compare(existing, r);
        }
        return resolving ? resolve(r) : create(r);
    }

    private static TransferOutcome compare(Stored s, TransferRequest r) {
        TransferKind kind = r.action() == PendingAction.POST ? TransferKind.POST
                : r.action() == PendingAction.VOID ? TransferKind.VOID
                : r.pending() ? TransferKind.PENDING : TransferKind.TRANSFER;
        boolean resolving = r.action() != null;
        if (s.kind() != kind || s.linked() != r.linked()) {
            return TransferOutcome.EXISTS_WITH_DIFFERENT_FLAGS;
        }
        if (!Objects.equals(s.pendingId(), r.pendingId())) {
            return TransferOutcome.EXISTS_WITH_DIFFERENT_PENDING_ID;
        }
        if ((!resolving || r.debitAccountId() != null) && !s.dr().equals(r.debitAccountId())) {
            return TransferOutcome.EXISTS_WITH_DIFFERENT_DEBIT_ACCOUNT_ID;
        }
        if ((!resolving || r.creditAccountId() != null) && !s.cr().equals(r.creditAccountId())) {
            return TransferOutcome.EXISTS_WITH_DIFFERENT_CREDIT_ACCOUNT_ID;
        }
        if ((!resolving || r.amount() != 0) && s.amount() != r.amount()) {
            return TransferOutcome.EXISTS_WITH_DIFFERENT_AMOUNT;
        }
        return s.timeout() != r.timeoutSeconds() ? TransferOutcome.EXISTS_WITH_DIFFERENT_TIMEOUT : TransferOutcome.EXISTS;
    }

    private TransferOutcome create(TransferRequest r) {
        Acc dr = r.debitAccountId() == null ? null : state.accounts().get(r.debitAccountId());
        Acc cr = r.creditAccountId() == null ? null : state.accounts().get(r.creditAccountId());
        if (dr == null) {
            return TransferOutcome.DEBIT_ACCOUNT_NOT_FOUND;
        }
        if (cr == null) {
            return TransferOutcome.CREDIT_ACCOUNT_NOT_FOUND;
        }
        if (!dr.currency().equals(cr.currency())) {
            return TransferOutcome.CURRENCIES_MUST_MATCH;
        }
        long amount = r.amount();
        try {
            Math.addExact(dr.dp() + dr.dq(), amount);
        } catch (ArithmeticException e) {
            return TransferOutcome.OVERFLOWS_DEBITS;
        }
        try {
            Math.addExact(cr.cp() + cr.cq(), amount);
        } catch (ArithmeticException e) {
            return TransferOutcome.OVERFLOWS_CREDITS;
        }
        if (dr.debitsLimited() && dr.dp() + dr.dq() + amount > dr.cp()) {
            return TransferOutcome.EXCEEDS_CREDITS;
        }
        if (cr.creditsLimited() && cr.cp() + cr.cq() + amount > cr.dp()) {
            return TransferOutcome.EXCEEDS_DEBITS;
        }
        if (r.pending()) {
            state.accounts().put(r.debitAccountId(), dr.plus(0, 0, amount, 0));
            state.accounts().put(r.creditAccountId(), cr.plus(0, 0, 0, amount));
        } else {
            state.accounts().put(r.debitAccountId(), dr.plus(amount, 0, 0, 0));
            state.accounts().put(r.creditAccountId(), cr.plus(0, amount, 0, 0));
        }
        state.transfers().put(r.id(), new Stored(r.pending() ? TransferKind.PENDING : TransferKind.TRANSFER,
                r.debitAccountId(), r.creditAccountId(), amount, null, r.timeoutSeconds(), r.linked()));
        return TransferOutcome.CREATED;
    }

    private TransferOutcome resolve(TransferRequest r) {
        Stored p = state.transfers().get(r.pendingId());
        if (p == null) {
            return TransferOutcome.PENDING_TRANSFER_NOT_FOUND;
        }
        if (p.kind() != TransferKind.PENDING) {
            return TransferOutcome.PENDING_TRANSFER_NOT_PENDING;
        }
        if (r.debitAccountId() != null && !r.debitAccountId().equals(p.dr())) {
            return TransferOutcome.PENDING_TRANSFER_HAS_DIFFERENT_DEBIT_ACCOUNT_ID;
        }
        if (r.creditAccountId() != null && !r.creditAccountId().equals(p.cr())) {
            return TransferOutcome.PENDING_TRANSFER_HAS_DIFFERENT_CREDIT_ACCOUNT_ID;
        }
        TransferKind done = state.resolved().get(r.pendingId());
        if (done == TransferKind.POST) {
            return TransferOutcome.PENDING_TRANSFER_ALREADY_POSTED;
        }
        if (done == TransferKind.VOID) {
            return TransferOutcome.PENDING_TRANSFER_ALREADY_VOIDED;
        }
        boolean post = r.action() == PendingAction.POST;
        long amount = r.amount() == 0 ? p.amount() : r.amount();
        if (post && amount > p.amount()) {
            return TransferOutcome.EXCEEDS_PENDING_TRANSFER_AMOUNT;
        }
        if (!post && amount != p.amount()) {
            return TransferOutcome.PENDING_TRANSFER_HAS_DIFFERENT_AMOUNT;
        }
        long posted = post ? amount : 0;
        state.accounts().put(p.dr(), state.accounts().get(p.dr()).plus(posted, 0, -p.amount(), 0));
        state.accounts().put(p.cr(), state.accounts().get(p.cr()).plus(0, posted, 0, -p.amount()));
        TransferKind kind = post ? TransferKind.POST : TransferKind.VOID;
        state.resolved().put(r.pendingId(), kind);
        state.transfers().put(r.id(), new Stored(kind, p.dr(), p.cr(), amount, r.pendingId(), 0, r.linked()));
        return TransferOutcome.CREATED;
    }
}
