package io.bastion.safeguarding;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** The SQL of the reconciliation history and its alerts; both tables are append-only. */
@Component
final class ReconciliationStore {

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    ReconciliationStore(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    /** Stores one run's records and alerts together. */
    void insert(List<ReconciliationRecord> records, List<SafeguardingAlert> alerts) {
        transactions.executeWithoutResult(status -> {
            records.forEach(this::insert);
            alerts.forEach(this::insert);
        });
    }

    private void insert(ReconciliationRecord r) {
        jdbc.sql("""
                INSERT INTO safeguarding_reconciliation (id, run_id, business_date, currency, customer_liabilities_minor,
                    safeguarded_ledger_minor, bank_closing_minor, statement_date, status, ledger_difference_minor,
                    bank_difference_minor, trigger, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(r.id(), r.runId(), r.businessDate(), r.currency(), r.customerLiabilitiesMinor(),
                        r.safeguardedLedgerMinor(), r.bankClosingMinor(), r.statementDate(), r.status().name(),
                        r.ledgerDifferenceMinor(), r.bankDifferenceMinor(), r.trigger(), utc(r))
                .update();
    }

    private void insert(SafeguardingAlert a) {
        jdbc.sql("""
                INSERT INTO safeguarding_alert (id, reconciliation_id, business_date, currency, status, message,
                    emailed_to, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(a.id(), a.reconciliationId(), a.businessDate(), a.currency(), a.status().name(), a.message(),
                        a.emailedTo(), OffsetDateTime.ofInstant(a.createdAt(), ZoneOffset.UTC))
                .update();
    }

    /** Records with business dates from {@code from} to {@code to}, newest first, before sequence {@code before}. */
    ReconciliationPage history(LocalDate from, LocalDate to, long before, int limit) {
        List<Row> rows = jdbc.sql("""
                SELECT * FROM safeguarding_reconciliation
                WHERE business_date BETWEEN ? AND ? AND seq < ?
                ORDER BY seq DESC LIMIT ?""")
                .params(from, to, before, limit)
                .query((rs, n) -> new Row(rs.getLong("seq"), record(rs))).list();
        Long next = rows.size() == limit ? rows.getLast().seq() : null;
        return new ReconciliationPage(rows.stream().map(Row::record).toList(), next);
    }

    /** Records with business dates from {@code from} to {@code to}, oldest first, at most {@code limit}. */
    List<ReconciliationRecord> export(LocalDate from, LocalDate to, int limit) {
        return jdbc.sql("""
                SELECT * FROM safeguarding_reconciliation WHERE business_date BETWEEN ? AND ?
                ORDER BY business_date, seq LIMIT ?""")
                .params(from, to, limit)
                .query((rs, n) -> record(rs)).list();
    }

    /** The newest alerts, at most {@code limit}. */
    List<SafeguardingAlert> alerts(int limit) {
        return jdbc.sql("SELECT * FROM safeguarding_alert ORDER BY seq DESC LIMIT ?")
                .param(limit)
                .query((rs, n) -> new SafeguardingAlert(rs.getString("id"), rs.getString("reconciliation_id"),
                        rs.getObject("business_date", LocalDate.class), rs.getString("currency"),
                        ReconciliationStatus.valueOf(rs.getString("status")), rs.getString("message"),
                        rs.getString("emailed_to"), rs.getObject("created_at", OffsetDateTime.class).toInstant()))
                .list();
    }

    private record Row(long seq, ReconciliationRecord record) {
    }

    private static ReconciliationRecord record(ResultSet rs) throws SQLException {
        return new ReconciliationRecord(rs.getString("id"), rs.getString("run_id"), rs.getString("currency"),
                rs.getObject("business_date", LocalDate.class), rs.getLong("customer_liabilities_minor"),
                rs.getLong("safeguarded_ledger_minor"), rs.getObject("bank_closing_minor", Long.class),
                rs.getObject("statement_date", LocalDate.class), ReconciliationStatus.valueOf(rs.getString("status")),
                rs.getLong("ledger_difference_minor"), rs.getObject("bank_difference_minor", Long.class),
                rs.getString("trigger"), rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }

    private static OffsetDateTime utc(ReconciliationRecord r) {
        return OffsetDateTime.ofInstant(r.createdAt(), ZoneOffset.UTC);
    }
}
