package io.bastion.safeguarding;

import io.bastion.audit.AuditLog;
import io.bastion.audit.AuditRecord;
import io.bastion.ledger.AccountCode;
import io.bastion.ledger.CodeTotal;
import io.bastion.ledger.Ledger;
import io.bastion.notification.Notifications;
import io.bastion.wallet.BankStatements;
import io.bastion.wallet.ClosingBalance;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * The daily safeguarding reconciliation. For each currency it compares three figures, in minor units:
 * <ul>
 * <li><b>customer liabilities</b>: what Bastion owes its clients, the credit balance (credits posted minus
 * debits posted) of every CUSTOMER_EMONEY, MERCHANT_BALANCE, SUSPENSE and PAYOUTS_IN_TRANSIT account
 * (unmatched money and payouts not yet confirmed by the bank are still owed);</li>
 * <li><b>safeguarded (ledger)</b>: the debit balance (debits posted minus credits posted) of every
 * SAFEGUARDING_BANK account, the client money the ledger says is at the bank;</li>
 * <li><b>bank closing</b>: the sum of the latest closing balances the safeguarding banks reported for the
 * currency in imported statements, dated by the oldest of them.</li>
 * </ul>
 * Pending (reserved) amounts are not counted: they have not moved yet. Transfers between client accounts
 * keep the first two figures equal, so a ledger difference is money that crossed between client and own
 * funds. Every run stores a record per currency, audits it, and alerts operations about any verdict other
 * than {@link ReconciliationStatus#BALANCED}.
 */
@Service
public final class Reconciliation {

    public static final int HISTORY_PAGE_MAX = 100;
    public static final int EXPORT_ROWS_MAX = 50_000;
    public static final int EXPORT_DAYS_MAX = 366;
    static final int ALERT_EMAIL_LINES_MAX = 50;
    static final Set<AccountCode> LIABILITY_CODES = EnumSet.of(AccountCode.CUSTOMER_EMONEY,
            AccountCode.MERCHANT_BALANCE, AccountCode.SUSPENSE, AccountCode.PAYOUTS_IN_TRANSIT,
            AccountCode.CARD_SETTLEMENT);
    static final Set<AccountCode> SAFEGUARDED_CODES = EnumSet.of(AccountCode.SAFEGUARDING_BANK);
    private static final Pattern TRIGGER = Pattern.compile("[A-Za-z0-9:_.@-]{1,100}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Logger LOG = LoggerFactory.getLogger(Reconciliation.class);

    private final Ledger ledger;
    private final BankStatements statements;
    private final ReconciliationStore store;
    private final AuditLog audit;
    private final Notifications notifications;
    private final Clock clock;
    private final String alertEmail;

    Reconciliation(Ledger ledger, BankStatements statements, ReconciliationStore store, AuditLog audit,
                   Notifications notifications, Clock clock,
                   @Value("${bastion.safeguarding.alert-email:ops@bastion.example}") String alertEmail) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.statements = Objects.requireNonNull(statements, "statements");
        this.store = Objects.requireNonNull(store, "store");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.notifications = Objects.requireNonNull(notifications, "notifications");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.alertEmail = Objects.requireNonNull(alertEmail, "alertEmail");
    }

    /** Today in UTC: the business date of a run started now. */
    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /**
     * Reconciles every currency with client money or a statement as of now, for {@code businessDate} (which
     * decides whether a statement is stale), and answers the stored records in currency order.
     * {@code trigger} says who started the run, for example {@code schedule} or {@code staff:usr_...}.
     */
    public List<ReconciliationRecord> run(LocalDate businessDate, String trigger) {
        Objects.requireNonNull(businessDate, "businessDate");
        if (trigger == null || !TRIGGER.matcher(trigger).matches()) {
            throw new IllegalArgumentException("trigger must be 1 to 100 letters, digits or :_.@-");
        }
        String runId = id("run");
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<ReconciliationRecord> records = new ArrayList<>();
        List<SafeguardingAlert> alerts = new ArrayList<>();
        for (Position p : positions()) {
            ReconciliationStatus status = p.assess(businessDate);
            ReconciliationRecord record = new ReconciliationRecord(id("rec"), runId, p.currency(), businessDate,
                    p.liabilities(), p.safeguarded(), p.bankClosing(), p.statementDate(), status, p.ledgerDifference(),
                    p.bankDifference(), trigger, now);
            records.add(record);
            if (status.alerts()) {
                alerts.add(new SafeguardingAlert(id("alr"), record.id(), businessDate, p.currency(), status,
                        message(record), alertEmail, now));
            }
        }
        store.insert(records, alerts);
        records.forEach(this::audit);
        if (!alerts.isEmpty()) {
            email(businessDate, alerts);
        }
        return List.copyOf(records);
    }

    /** Records with business dates from {@code from} to {@code to}, newest run first, a page at a time. */
    public ReconciliationPage history(LocalDate from, LocalDate to, Long cursor, int limit) {
        return store.history(from, to, cursor == null ? Long.MAX_VALUE : cursor, Math.clamp(limit, 1, HISTORY_PAGE_MAX));
    }

    /**
     * Every record with a business date from {@code from} to {@code to} (at most {@link #EXPORT_DAYS_MAX} days),
     * oldest first; at most {@link #EXPORT_ROWS_MAX}, and {@code EXPORT_ROWS_MAX + 1} rows mean "narrow the range".
     */
    public List<ReconciliationRecord> export(LocalDate from, LocalDate to) {
        if (to.isBefore(from) || ChronoUnit.DAYS.between(from, to) >= EXPORT_DAYS_MAX) {
            throw new IllegalArgumentException("the range must be 1 to " + EXPORT_DAYS_MAX + " days");
        }
        return store.export(from, to, EXPORT_ROWS_MAX + 1);
    }

    /** The newest alerts, at most {@link #HISTORY_PAGE_MAX}. */
    public List<SafeguardingAlert> alerts(int limit) {
        return store.alerts(Math.clamp(limit, 1, HISTORY_PAGE_MAX));
    }

    private List<Position> positions() {
        Set<AccountCode> codes = EnumSet.copyOf(LIABILITY_CODES);
        codes.addAll(SAFEGUARDED_CODES);
        Map<String, long[]> ledgerFigures = new TreeMap<>();
        for (CodeTotal total : ledger.totalsByCode(codes)) {
            long[] figures = ledgerFigures.computeIfAbsent(total.currency(), c -> new long[2]);
            long credit = Math.subtractExact(total.balance().creditsPosted(), total.balance().debitsPosted());
            boolean liability = LIABILITY_CODES.stream().anyMatch(c -> c.code() == total.code());
            int slot = liability ? 0 : 1;
            figures[slot] = Math.addExact(figures[slot], liability ? credit : Math.negateExact(credit));
        }
        Map<String, List<ClosingBalance>> bank = new LinkedHashMap<>();
        statements.latestClosingBalances().forEach(b -> bank.computeIfAbsent(b.currency(), c -> new ArrayList<>()).add(b));
        Set<String> currencies = new TreeSet<>(ledgerFigures.keySet());
        currencies.addAll(bank.keySet());
        List<Position> positions = new ArrayList<>(currencies.size());
        for (String currency : currencies) {
            long[] figures = ledgerFigures.getOrDefault(currency, new long[2]);
            List<ClosingBalance> closing = bank.get(currency);
            Long bankClosing = closing == null ? null
                    : closing.stream().mapToLong(ClosingBalance::closingBalanceMinor).reduce(0L, Math::addExact);
            LocalDate statementDate = closing == null ? null
                    : closing.stream().map(ClosingBalance::bookedOn).min(LocalDate::compareTo).orElseThrow();
            positions.add(new Position(currency, figures[0], figures[1], bankClosing, statementDate));
        }
        return positions;
    }

    private void audit(ReconciliationRecord r) {
        Map<String, String> details = new TreeMap<>();
        details.put("currency", r.currency());
        details.put("businessDate", r.businessDate().toString());
        details.put("status", r.status().name());
        details.put("customerLiabilitiesMinor", Long.toString(r.customerLiabilitiesMinor()));
        details.put("safeguardedLedgerMinor", Long.toString(r.safeguardedLedgerMinor()));
        details.put("ledgerDifferenceMinor", Long.toString(r.ledgerDifferenceMinor()));
        details.put("bankClosingMinor", r.bankClosingMinor() == null ? "none" : r.bankClosingMinor().toString());
        details.put("bankDifferenceMinor", r.bankDifferenceMinor() == null ? "none" : r.bankDifferenceMinor().toString());
        details.put("statementDate", r.statementDate() == null ? "none" : r.statementDate().toString());
        details.put("runId", r.runId());
        audit.record(new AuditRecord(r.trigger(), "safeguarding.reconciled", r.id(),
                r.status() == ReconciliationStatus.BALANCED ? AuditRecord.Outcome.SUCCESS : AuditRecord.Outcome.FAILURE,
                "", details));
    }

    static String message(ReconciliationRecord r) {
        String bank = r.bankClosingMinor() == null ? "no statement"
                : r.bankClosingMinor() + " on the statement of " + r.statementDate() + " (difference "
                        + r.bankDifferenceMinor() + ")";
        return r.status() + " in " + r.currency() + ": owed " + r.customerLiabilitiesMinor() + ", safeguarded in the ledger "
                + r.safeguardedLedgerMinor() + " (difference " + r.ledgerDifferenceMinor() + "), bank " + bank
                + "; amounts in minor units";
    }

    private void email(LocalDate businessDate, List<SafeguardingAlert> alerts) {
        StringBuilder body = new StringBuilder("The safeguarding reconciliation for ").append(businessDate)
                .append(" needs attention:\n\n");
        alerts.stream().limit(ALERT_EMAIL_LINES_MAX).forEach(a -> body.append("- ").append(a.message()).append('\n'));
        if (alerts.size() > ALERT_EMAIL_LINES_MAX) {
            body.append("- and ").append(alerts.size() - ALERT_EMAIL_LINES_MAX).append(" more currencies\n");
        }
        body.append("\nThe history is on the staff page /staff/safeguarding.\n");
        String subject = "Safeguarding reconciliation " + businessDate + ": " + alerts.size() + " alert"
                + (alerts.size() == 1 ? "" : "s");
        try {
            notifications.sendEmail(alertEmail, subject, body.toString());
        } catch (RuntimeException e) {
            // The alerts are stored and on the staff page; a mail outage must not undo the reconciliation.
            LOG.error("could not e-mail safeguarding alerts for {}: {}", businessDate, e.getClass().getSimpleName());
            audit.record(AuditRecord.of("system", "safeguarding.alert.email_failed", businessDate.toString(),
                    AuditRecord.Outcome.FAILURE, ""));
        }
    }

    private static String id(String prefix) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return prefix + "_" + HexFormat.of().formatHex(bytes);
    }
}
