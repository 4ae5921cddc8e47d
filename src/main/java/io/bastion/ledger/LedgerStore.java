package io.bastion.ledger;

import io.bastion.shared.DeferredCommit;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The SQL of the write path. Every statement takes whole arrays, so a batch costs a fixed number of round
 * trips: read the named transfers (a batch of new transfers only skips this), lock the accounts in id order, read
 * resolutions (only when the batch resolves pending transfers), and write everything in one statement.
 */
@Component
final class LedgerStore {

    private static final String TRANSFER_COLUMNS = """
            id, kind, debit_account_id, credit_account_id, currency, amount, pending_id, timeout_seconds, expires_at,
            linked, dr_debits_posted, dr_credits_posted, dr_debits_pending, dr_credits_pending,
            cr_debits_posted, cr_credits_posted, cr_debits_pending, cr_credits_pending""";

    private final JdbcClient jdbc;

    LedgerStore(JdbcClient jdbc) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
    }

    /** The stored transfers among the given ids, by id (a mutable map the batch adds to). */
    Map<String, TransferRow> transfers(Collection<String> ids) {
        Map<String, TransferRow> rows = new HashMap<>();
        if (!ids.isEmpty()) {
            jdbc.sql("SELECT " + TRANSFER_COLUMNS + " FROM ledger_transfer WHERE id = ANY(?::text[])")
                    .param(ids.toArray(String[]::new))
                    .query(LedgerStore::transfer).list().forEach(row -> rows.put(row.id(), row));
        }
        return rows;
    }

    /**
     * Locks the accounts among the given ids, always in id order so that concurrent batches (in this
     * process or another) wait for each other instead of deadlocking. With {@code commitLater} the statement also
     * makes its transaction's commit a deferred one ({@link DeferredCommit}).
     */
    Map<String, AccountState> lockAccounts(Collection<String> ids, boolean commitLater) {
        Map<String, AccountState> accounts = new HashMap<>();
        if (!ids.isEmpty()) {
            jdbc.sql("""
                    SELECT id, currency, debits_must_not_exceed_credits, credits_must_not_exceed_debits,
                           debits_posted, credits_posted, debits_pending, credits_pending, code
                    FROM ledger_account WHERE id = ANY(?::text[])\s"""
                    + (commitLater ? "AND " + DeferredCommit.CONDITION + " " : "") + "ORDER BY id FOR UPDATE")
                    .param(ids.toArray(String[]::new))
                    .query((rs, n) -> new AccountState(rs.getString(1), rs.getString(2), rs.getInt(9), rs.getBoolean(3),
                            rs.getBoolean(4), new Balance(rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8))))
                    .list().forEach(a -> accounts.put(a.id, a));
        }
        return accounts;
    }

    /** How each of the given pending transfers was resolved, for those that were (a mutable map). */
    Map<String, TransferKind> resolutions(Collection<String> pendingIds) {
        Map<String, TransferKind> resolved = new HashMap<>();
        if (!pendingIds.isEmpty()) {
            jdbc.sql("SELECT pending_id, kind FROM ledger_transfer WHERE pending_id = ANY(?::text[])")
                    .param(pendingIds.toArray(String[]::new))
                    .query((rs, n) -> Map.entry(rs.getString(1), TransferKind.ofColumn(rs.getString(2))))
                    .list().forEach(e -> resolved.put(e.getKey(), e.getValue()));
        }
        return resolved;
    }

    /**
     * Writes a batch in one statement, so in one round trip: its transfers in one insert, each changed account's
     * balances once, the timeouts of its resolved pending transfers gone and those of its new ones added (a pending
     * transfer resolved in the same batch gets none).
     */
    void write(List<TransferRow> rows, Collection<AccountState> accounts, Instant now) {
        if (rows.isEmpty()) {
            return;
        }
        OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        List<AccountState> changed = accounts.stream().filter(a -> a.changed).toList();
        String[] resolved = rows.stream().map(TransferRow::pendingId).filter(Objects::nonNull).toArray(String[]::new);
        jdbc.sql("""
                WITH inserted AS (
                    INSERT INTO ledger_transfer (id, kind, debit_account_id, credit_account_id, currency, amount,
                        pending_id, timeout_seconds, expires_at, linked, created_at,
                        dr_debits_posted, dr_credits_posted, dr_debits_pending, dr_credits_pending,
                        cr_debits_posted, cr_credits_posted, cr_debits_pending, cr_credits_pending)
                    SELECT t.id, t.kind, t.dr, t.cr, t.currency, t.amount, t.pending_id, NULLIF(t.timeout, 0),
                        CASE WHEN t.timeout > 0 THEN ?::timestamptz + make_interval(secs => t.timeout) END, t.linked,
                        ?::timestamptz, t.a, t.b, t.c, t.d, t.e, t.f, t.g, t.h
                    FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::text[], ?::int[],
                        ?::boolean[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[],
                        ?::bigint[], ?::bigint[]) WITH ORDINALITY
                        AS t(id, kind, dr, cr, currency, amount, pending_id, timeout, linked, a, b, c, d, e, f, g, h, n)
                    ORDER BY t.n
                    RETURNING id, expires_at),
                balances AS (
                    UPDATE ledger_account a
                    SET debits_posted = v.dp, credits_posted = v.cp, debits_pending = v.dq, credits_pending = v.cq
                    FROM unnest(?::text[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[]) AS v(id, dp, cp, dq, cq)
                    WHERE a.id = v.id),
                resolved AS (
                    DELETE FROM ledger_pending_timeout WHERE pending_id = ANY(?::text[]))
                INSERT INTO ledger_pending_timeout (pending_id, expires_at)
                SELECT id, expires_at FROM inserted WHERE expires_at IS NOT NULL AND id <> ALL(?::text[])""")
                .params(List.of(at, at,
                        column(rows, TransferRow::id), column(rows, r -> r.kind().column()),
                        column(rows, TransferRow::debitAccountId), column(rows, TransferRow::creditAccountId),
                        column(rows, TransferRow::currency), rows.stream().mapToLong(TransferRow::amount).toArray(),
                        column(rows, TransferRow::pendingId), rows.stream().mapToInt(TransferRow::timeoutSeconds).toArray(),
                        booleans(rows), balances(rows, true, 0), balances(rows, true, 1), balances(rows, true, 2),
                        balances(rows, true, 3), balances(rows, false, 0), balances(rows, false, 1),
                        balances(rows, false, 2), balances(rows, false, 3),
                        changed.stream().map(a -> a.id).toArray(String[]::new),
                        changed.stream().mapToLong(a -> a.debitsPosted).toArray(),
                        changed.stream().mapToLong(a -> a.creditsPosted).toArray(),
                        changed.stream().mapToLong(a -> a.debitsPending).toArray(),
                        changed.stream().mapToLong(a -> a.creditsPending).toArray(),
                        resolved, resolved))
                .update();
    }

    /** Unresolved pending transfers whose timeout has passed, oldest first, at most {@code limit}. */
    List<String> expired(Instant now, int limit) {
        return jdbc.sql("SELECT pending_id FROM ledger_pending_timeout WHERE expires_at <= ? ORDER BY expires_at LIMIT ?")
                .params(OffsetDateTime.ofInstant(now, ZoneOffset.UTC), limit).query(String.class).list();
    }

    private static String[] column(List<TransferRow> rows, java.util.function.Function<TransferRow, String> field) {
        return rows.stream().map(field).toArray(String[]::new);
    }

    private static boolean[] booleans(List<TransferRow> rows) {
        boolean[] linked = new boolean[rows.size()];
        for (int i = 0; i < linked.length; i++) {
            linked[i] = rows.get(i).linked();
        }
        return linked;
    }

    private static long[] balances(List<TransferRow> rows, boolean debitSide, int field) {
        return rows.stream().map(r -> debitSide ? r.debitAfter() : r.creditAfter()).mapToLong(b -> switch (field) {
            case 0 -> b.debitsPosted();
            case 1 -> b.creditsPosted();
            case 2 -> b.debitsPending();
            default -> b.creditsPending();
        }).toArray();
    }

    static TransferRow transfer(ResultSet rs, int row) throws SQLException {
        Timestamp expires = rs.getTimestamp("expires_at");
        return new TransferRow(rs.getString("id"), TransferKind.ofColumn(rs.getString("kind")),
                rs.getString("debit_account_id"), rs.getString("credit_account_id"), rs.getString("currency"),
                rs.getLong("amount"), rs.getString("pending_id"), rs.getInt("timeout_seconds"),
                expires == null ? null : expires.toInstant(), rs.getBoolean("linked"),
                new Balance(rs.getLong("dr_debits_posted"), rs.getLong("dr_credits_posted"),
                        rs.getLong("dr_debits_pending"), rs.getLong("dr_credits_pending")),
                new Balance(rs.getLong("cr_debits_posted"), rs.getLong("cr_credits_posted"),
                        rs.getLong("cr_debits_pending"), rs.getLong("cr_credits_pending")));
    }
}
