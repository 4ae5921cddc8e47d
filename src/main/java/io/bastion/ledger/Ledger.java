package io.bastion.ledger;

import io.bastion.shared.DeferredCommit;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** The ledger's facade: open accounts, submit transfers, read balances and statements. */
@Service
public final class Ledger {

    public static final int BATCH_TRANSFERS_MAX = TransferWriter.BATCH_TRANSFERS_MAX;
    public static final int BATCH_ACCOUNTS_MAX = 8190;
    public static final int STATEMENT_PAGE_MAX = 200;
    private static final Set<String> CURRENCIES = Currency.getAvailableCurrencies().stream()
            .map(Currency::getCurrencyCode).collect(Collectors.toUnmodifiableSet());

    private final Set<String> ensured = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final TransferWriter writer;
    private final Clock clock;

    Ledger(JdbcClient jdbc, TransactionTemplate transactions, TransferWriter writer, Clock clock) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.writer = Objects.requireNonNull(writer, "writer");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Submits transfers and answers their results in the same order, once they are durable. Concurrent
     * callers share batches; a rejected transfer fails only itself and its linked chain.
     */
    public List<TransferResult> submit(List<TransferRequest> transfers) {
        Objects.requireNonNull(transfers, "transfers");
        return transfers.isEmpty() ? List.of() : writer.submit(transfers, List.of(), false);
    }

    /**
     * As {@link #submit}, but the batch's commit does not wait for the disk ({@link DeferredCommit}) when every
     * submission in it asked for that: the transfers are committed and visible when this answers. For a flow whose
     * last write, before anything leaves Bastion, is a synchronous commit of its own: that commit puts these
     * transfers on disk too, and a crash before it loses them only as if the flow had stopped before submitting.
     */
    public List<TransferResult> submitCommittingLater(List<TransferRequest> transfers) {
        Objects.requireNonNull(transfers, "transfers");
        return transfers.isEmpty() ? List.of() : writer.submit(transfers, List.of(), true);
    }

    /**
     * Opens the named accounts that do not exist yet and answers whether every one now exists as requested.
     * Accounts found in order are remembered, so the company's fixed accounts (fee revenue, card settlement, ...)
     * cost a database round trip only the first time a module asks for them.
     */
    public boolean ensureAccounts(List<AccountRequest> requests) {
        List<AccountRequest> unknown = requests.stream().filter(r -> !ensured.contains(Objects.requireNonNull(r.id(), "id")))
                .toList();
        if (unknown.isEmpty()) {
            return true;
        }
        boolean ok = true;
        for (AccountResult result : createAccounts(unknown)) {
            if (result.outcome().ok()) {
                ensured.add(result.id());
            } else {
                ok = false;
            }
        }
        return ok;
    }

    /** Opens accounts (a missing id gets a random {@code acct_} id) and answers each outcome in order. */
    public List<AccountResult> createAccounts(List<AccountRequest> requests) {
        if (requests.size() > BATCH_ACCOUNTS_MAX) {
            throw new IllegalArgumentException("at most " + BATCH_ACCOUNTS_MAX + " accounts at once");
        }
        List<AccountRequest> named = requests.stream().map(r -> r.id() == null
                ? new AccountRequest(RandomIds.next("acct"), r.currency(), r.code(), r.debitsMustNotExceedCredits(),
                        r.creditsMustNotExceedDebits())
                : r).toList();
        List<AccountRequest> valid = named.stream().filter(r -> invalidity(r) == null).toList();
        return transactions.execute(status -> {
            Set<String> created = insertAccounts(valid);
            Map<String, Account> stored = new HashMap<>();
            accounts(valid.stream().map(AccountRequest::id).toList()).forEach(a -> stored.put(a.id(), a));
            List<AccountResult> results = new ArrayList<>(named.size());
            for (AccountRequest request : named) {
                AccountOutcome invalid = invalidity(request);
                // The first request for a new id created it; any later one in the call compares with it.
                AccountOutcome outcome = invalid != null ? invalid
                        : created.remove(request.id()) ? AccountOutcome.CREATED
                        : compare(stored.get(request.id()), request);
                results.add(new AccountResult(request.id(), outcome));
            }
            return results;
        });
    }

    /**
     * Inserts the accounts not stored yet; answers the ids it inserted. No conflict target: an account another
     * transaction is inserting at the same moment collides on the primary key and on the (id, currency) key the
     * transfers' foreign keys use, and either collision means the account exists.
     */
    private Set<String> insertAccounts(List<AccountRequest> valid) {
        if (valid.isEmpty()) {
            return Set.of();
        }
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
        boolean[] debitsLimited = new boolean[valid.size()];
        boolean[] creditsLimited = new boolean[valid.size()];
        for (int i = 0; i < valid.size(); i++) {
            debitsLimited[i] = valid.get(i).debitsMustNotExceedCredits();
            creditsLimited[i] = valid.get(i).creditsMustNotExceedDebits();
        }
        return new HashSet<>(jdbc.sql("""
                INSERT INTO ledger_account (id, currency, code, debits_must_not_exceed_credits,
                    credits_must_not_exceed_debits, created_at)
                SELECT t.id, t.currency, t.code, t.dl, t.cl, ?::timestamptz
                FROM unnest(?::text[], ?::text[], ?::int[], ?::boolean[], ?::boolean[]) WITH ORDINALITY
                    AS t(id, currency, code, dl, cl, n)
                ORDER BY t.n
                ON CONFLICT DO NOTHING
                RETURNING id""")
                .params(List.of(now, valid.stream().map(AccountRequest::id).toArray(String[]::new),
                        valid.stream().map(AccountRequest::currency).toArray(String[]::new),
                        valid.stream().mapToInt(AccountRequest::code).toArray(), debitsLimited, creditsLimited))
                .query(String.class).list());
    }

    private static AccountOutcome compare(Account stored, AccountRequest request) {
        if (!stored.currency().equals(request.currency())) {
            return AccountOutcome.EXISTS_WITH_DIFFERENT_CURRENCY;
        }
        if (stored.code() != request.code()) {
            return AccountOutcome.EXISTS_WITH_DIFFERENT_CODE;
        }
        if (stored.debitsMustNotExceedCredits() != request.debitsMustNotExceedCredits()
                || stored.creditsMustNotExceedDebits() != request.creditsMustNotExceedDebits()) {
            return AccountOutcome.EXISTS_WITH_DIFFERENT_FLAGS;
        }
        return AccountOutcome.EXISTS;
    }

    private static AccountOutcome invalidity(AccountRequest request) {
        if (request.id() == null || !TransferRequest.ID_PATTERN.matcher(request.id()).matches()) {
            return AccountOutcome.ID_MUST_BE_VALID;
        }
        if (request.currency() == null || !request.currency().matches("[A-Z]{3}")
                || !CURRENCIES.contains(request.currency())) {
            return AccountOutcome.CURRENCY_MUST_BE_ISO_4217;
        }
        if (request.code() <= 0) {
            return AccountOutcome.CODE_MUST_BE_POSITIVE;
        }
        if (request.debitsMustNotExceedCredits() && request.creditsMustNotExceedDebits()) {
            return AccountOutcome.FLAGS_ARE_MUTUALLY_EXCLUSIVE;
        }
        return null;
    }

    /** The account now, if it exists. */
    public Optional<Account> account(String id) {
        return accounts(List.of(id)).stream().findFirst();
    }

    /** The accounts among the ids, read in one statement so their balances are one consistent snapshot. */
    public List<Account> accounts(Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                SELECT id, currency, code, debits_must_not_exceed_credits, credits_must_not_exceed_debits,
                       debits_posted, credits_posted, debits_pending, credits_pending, created_at
                FROM ledger_account WHERE id = ANY(?::text[]) ORDER BY id""")
                .param(ids.toArray(String[]::new))
                .query((rs, n) -> new Account(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getBoolean(4),
                        rs.getBoolean(5), new Balance(rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9)),
                        rs.getTimestamp(10).toInstant()))
                .list();
    }

    /**
     * The balances of all accounts with the given codes, summed per currency and code, as one consistent
     * snapshot (for reconciliation). Currencies and codes without accounts are absent.
     */
    public List<CodeTotal> totalsByCode(Collection<AccountCode> codes) {
        if (codes.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                SELECT currency, code, sum(debits_posted)::bigint, sum(credits_posted)::bigint,
                       sum(debits_pending)::bigint, sum(credits_pending)::bigint
                FROM ledger_account WHERE code = ANY(?::int[]) GROUP BY currency, code ORDER BY currency, code""")
                .param(codes.stream().mapToInt(AccountCode::code).toArray())
                .query((rs, n) -> new CodeTotal(rs.getString(1), rs.getInt(2),
                        new Balance(rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6))))
                .list();
    }

    /** A stored transfer and, for a pending one, how it was resolved; empty when no transfer has this id. */
    public Optional<Transfer> transfer(String id) {
        return jdbc.sql("""
                SELECT t.*, r.kind AS resolution, r.id AS resolved_by
                FROM ledger_transfer t LEFT JOIN ledger_transfer r ON r.pending_id = t.id
                WHERE t.id = ?""")
                .param(id)
                .query((rs, n) -> {
                    TransferRow row = LedgerStore.transfer(rs, n);
                    return new Transfer(row.id(), row.kind().column(), row.debitAccountId(), row.creditAccountId(),
                            row.currency(), row.amount(), row.pendingId(), row.timeoutSeconds(), row.expiresAt(),
                            row.linked(), rs.getTimestamp("created_at").toInstant(), rs.getString("resolution"),
                            rs.getString("resolved_by"));
                }).optional();
    }

    /** An account's statement, oldest first, after the entry with sequence {@code after} (0 from the start). */
    public StatementPage statement(String accountId, long after, int limit) {
        if (limit < 1 || limit > STATEMENT_PAGE_MAX) {
            throw new IllegalArgumentException("limit must be 1 to " + STATEMENT_PAGE_MAX);
        }
        // Two index range scans (one per side) instead of an OR, so a page costs the same however long the history.
        List<StatementEntry> entries = jdbc.sql("""
                SELECT * FROM (
                    (SELECT * FROM ledger_transfer WHERE debit_account_id = ? AND seq > ? ORDER BY seq LIMIT ?)
                    UNION ALL
                    (SELECT * FROM ledger_transfer WHERE credit_account_id = ? AND seq > ? ORDER BY seq LIMIT ?)
                ) page ORDER BY seq LIMIT ?""")
                .params(accountId, after, limit, accountId, after, limit, limit)
                .query((rs, n) -> entry(rs, accountId)).list();
        Long next = entries.size() == limit ? entries.getLast().sequence() : null;
        return new StatementPage(entries, next);
    }

    /** The account's balances as they stood at an instant: zero before its first transfer. */
    public Optional<Balance> balanceAt(String accountId, Instant at) {
        if (account(accountId).isEmpty()) {
            return Optional.empty();
        }
        OffsetDateTime when = OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
        return Optional.of(jdbc.sql("""
                SELECT * FROM (
                    (SELECT * FROM ledger_transfer WHERE debit_account_id = ? AND created_at <= ? ORDER BY seq DESC LIMIT 1)
                    UNION ALL
                    (SELECT * FROM ledger_transfer WHERE credit_account_id = ? AND created_at <= ? ORDER BY seq DESC LIMIT 1)
                ) last ORDER BY seq DESC LIMIT 1""")
                .params(accountId, when, accountId, when)
                .query((rs, n) -> entry(rs, accountId).balanceAfter()).optional().orElse(Balance.ZERO));
    }

    private static StatementEntry entry(ResultSet rs, String accountId) throws SQLException {
        TransferRow row = LedgerStore.transfer(rs, 0);
        boolean debit = row.debitAccountId().equals(accountId);
        return new StatementEntry(rs.getLong("seq"), row.id(), row.kind().column(), debit ? "debit" : "credit",
                debit ? row.creditAccountId() : row.debitAccountId(), row.amount(),
                debit ? row.debitAfter() : row.creditAfter(), rs.getTimestamp("created_at").toInstant());
    }
}
