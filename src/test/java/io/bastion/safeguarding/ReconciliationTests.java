package io.bastion.safeguarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bastion.audit.AuditEntry;
import io.bastion.audit.AuditLog;
import io.bastion.ledger.Ledger;
import io.bastion.notification.DevInbox;
import io.bastion.notification.InboxMessage;
import io.bastion.testing.BastionTest;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The daily reconciliation compares what is owed, what the ledger safeguards and what the bank reports. Runs
 * on Monday 23 November 2026, so Friday's statement is fresh and Thursday's stale.
 */
@BastionTest
class ReconciliationTests {

    static final LocalDate MONDAY = LocalDate.of(2026, 11, 23);
    static final LocalDate FRIDAY = LocalDate.of(2026, 11, 20);
    static final LocalDate THURSDAY = LocalDate.of(2026, 11, 19);
    static final String OPS = "ops@bastion.example";

    @Autowired
    Reconciliation reconciliation;
    @Autowired
    Ledger ledger;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    AuditLog audit;
    @Autowired
    DevInbox inbox;

    private Books books(String currency) {
        return new Books(ledger, jdbc, currency);
    }

    @Test
    void balancedBooksWithFridaysStatementAreBalancedOnMonday() {
        Books books = books("MNT").deposit(10_000).statement(FRIDAY, 10_000);
        ReconciliationRecord record = books.in(reconciliation.run(MONDAY, "test"));
        assertThat(record.status()).isEqualTo(ReconciliationStatus.BALANCED);
        assertThat(record.customerLiabilitiesMinor()).isEqualTo(10_000);
        assertThat(record.safeguardedLedgerMinor()).isEqualTo(10_000);
        assertThat(record.bankClosingMinor()).isEqualTo(10_000);
        assertThat(record.statementDate()).isEqualTo(FRIDAY);
        assertThat(record.ledgerDifferenceMinor()).isZero();
        assertThat(record.bankDifferenceMinor()).isZero();
        assertThat(record.businessDate()).isEqualTo(MONDAY);
    }

    @Test
    void aCustomerCreditWithoutSafeguardedFundsIsAShortfallOfExactlyThatAmountAuditedAndMailedToOperations() {
        Books books = books("KGS").deposit(10_000).statement(FRIDAY, 10_000).creditFromEquity(2_537);
        ReconciliationRecord record = books.in(reconciliation.run(MONDAY, "test"));
        assertThat(record.status()).isEqualTo(ReconciliationStatus.SHORTFALL);
        assertThat(record.customerLiabilitiesMinor()).isEqualTo(12_537);
        assertThat(record.safeguardedLedgerMinor()).isEqualTo(10_000);
        assertThat(record.ledgerDifferenceMinor()).isEqualTo(-2_537);
        assertThat(record.bankDifferenceMinor()).isEqualTo(-2_537);

        assertThat(reconciliation.alerts(100)).anySatisfy(alert -> {
            assertThat(alert.reconciliationId()).isEqualTo(record.id());
            assertThat(alert.status()).isEqualTo(ReconciliationStatus.SHORTFALL);
            assertThat(alert.emailedTo()).isEqualTo(OPS);
        });
        assertThat(inbox.newestTo(OPS)).extracting(InboxMessage::body)
                .anySatisfy(body -> assertThat(body).contains("SHORTFALL in KGS: owed 12537, safeguarded in the ledger 10000 (difference -2537)"));
        AuditEntry entry = auditOf(record);
        assertThat(entry.actor()).isEqualTo("test");
        assertThat(entry.outcome()).isEqualTo("FAILURE");
        assertThat(entry.details()).contains("ledgerDifferenceMinor=-2537\n").contains("status=SHORTFALL\n");
    }

    @Test
    void moreAtTheBankThanOwedIsAnExcess() {
        Books books = books("TJS").deposit(10_000).statement(FRIDAY, 10_150);
        ReconciliationRecord record = books.in(reconciliation.run(MONDAY, "test"));
        assertThat(record.status()).isEqualTo(ReconciliationStatus.EXCESS);
        assertThat(record.ledgerDifferenceMinor()).isZero();
        assertThat(record.bankDifferenceMinor()).isEqualTo(150);
    }

    @Test
    void clientMoneyWithoutAnyStatementHasNoStatement() {
        Books books = books("UZS").deposit(4_200);
        ReconciliationRecord record = books.in(reconciliation.run(MONDAY, "test"));
        assertThat(record.status()).isEqualTo(ReconciliationStatus.NO_STATEMENT);
        assertThat(record.bankClosingMinor()).isNull();
        assertThat(record.statementDate()).isNull();
        assertThat(record.bankDifferenceMinor()).isNull();
        assertThat(record.ledgerDifferenceMinor()).isZero();
    }

    @Test
    void thursdaysStatementIsStaleOnMondayButFridaysIsNot() {
        Books books = books("AZN").deposit(700).statement(THURSDAY, 700);
        assertThat(books.in(reconciliation.run(MONDAY, "test")).status()).isEqualTo(ReconciliationStatus.STALE_STATEMENT);
        assertThat(books.in(reconciliation.run(LocalDate.of(2026, 11, 20), "test")).status())
                .isEqualTo(ReconciliationStatus.BALANCED);
        assertThat(inbox.newestTo(OPS)).extracting(InboxMessage::body)
                .anySatisfy(body -> assertThat(body).contains("STALE_STATEMENT in AZN"));
    }

    @Test
    void theBankFigureAddsTheLatestStatementOfEveryAccountAndIsDatedByTheOldest() {
        Books books = books("GEL").deposit(1_000).statement(FRIDAY, 400).statement(MONDAY, 600);
        ReconciliationRecord record = books.in(reconciliation.run(MONDAY, "test"));
        assertThat(record.bankClosingMinor()).isEqualTo(1_000);
        assertThat(record.statementDate()).isEqualTo(FRIDAY);
        assertThat(record.status()).isEqualTo(ReconciliationStatus.BALANCED);
    }

    @Test
    void payoutsInTransitAreStillOwedSoMovingMoneyThereKeepsTheBooksBalanced() {
        Books books = books("MDL").deposit(5_000).statement(FRIDAY, 5_000);
        books.move(books.customer, books.transit, 1_200);
        ReconciliationRecord record = books.in(reconciliation.run(MONDAY, "test"));
        assertThat(record.customerLiabilitiesMinor()).isEqualTo(5_000);
        assertThat(record.status()).isEqualTo(ReconciliationStatus.BALANCED);
    }

    @Test
    void anEarnedFeeStillInSafeguardingIsAnExcessAndATopUpClearsAShortfall() {
        Books fee = books("MUR").deposit(1_000).statement(FRIDAY, 1_000);
        fee.move(fee.customer, fee.fees, 30);
        ReconciliationRecord earned = fee.in(reconciliation.run(MONDAY, "test"));
        assertThat(earned.status()).isEqualTo(ReconciliationStatus.EXCESS);
        assertThat(earned.customerLiabilitiesMinor()).isEqualTo(970);
        assertThat(earned.ledgerDifferenceMinor()).isEqualTo(30);

        Books goodwill = books("MWK").deposit(1_000).creditFromEquity(40).statement(FRIDAY, 1_040);
        assertThat(goodwill.in(reconciliation.run(MONDAY, "test")).ledgerDifferenceMinor()).isEqualTo(-40);
        goodwill.move(goodwill.bank, goodwill.operating, 40);
        ReconciliationRecord toppedUp = goodwill.in(reconciliation.run(MONDAY, "test"));
        assertThat(toppedUp.status()).isEqualTo(ReconciliationStatus.BALANCED);
        assertThat(toppedUp.safeguardedLedgerMinor()).isEqualTo(1_040);
    }

    @Test
    void everyRunIsStoredAndAuditedWithTheSameFigures() {
        Books books = books("AMD").deposit(300).statement(FRIDAY, 300);
        List<ReconciliationRecord> run = reconciliation.run(MONDAY, "staff:usr_test");
        ReconciliationRecord record = books.in(run);
        assertThat(run).extracting(ReconciliationRecord::runId).containsOnly(record.runId());
        assertThat(reconciliation.history(MONDAY, MONDAY, null, 100).records()).contains(record);
        AuditEntry entry = auditOf(record);
        assertThat(entry.action()).isEqualTo("safeguarding.reconciled");
        assertThat(entry.actor()).isEqualTo("staff:usr_test");
        assertThat(entry.outcome()).isEqualTo("SUCCESS");
        assertThat(entry.details()).contains("currency=AMD\n").contains("BALANCED");
    }

    @Test
    void storedRecordsCannotBeChangedOrDeleted() {
        Books books = books("MKD").deposit(1).statement(FRIDAY, 1);
        ReconciliationRecord record = books.in(reconciliation.run(MONDAY, "test"));
        assertThatThrownBy(() -> jdbc.sql("UPDATE safeguarding_reconciliation SET status = 'BALANCED' WHERE id = ?")
                .param(record.id()).update()).hasStackTraceContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM safeguarding_reconciliation WHERE id = ?")
                .param(record.id()).update()).hasStackTraceContaining("append-only");
    }

    @Test
    void aTriggerMustBeAShortLabel() {
        assertThatThrownBy(() -> reconciliation.run(MONDAY, "bad trigger\n"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private AuditEntry auditOf(ReconciliationRecord record) {
        return audit.entries(Long.MAX_VALUE, AuditLog.ENTRIES_PAGE_MAX).stream()
                .filter(e -> e.target().equals(record.id())).findFirst()
                .orElseThrow(() -> new AssertionError("no audit entry for " + record.id()));
    }
}
