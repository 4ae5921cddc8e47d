package io.bastion.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.prowidesoftware.swift.model.mx.MxPain00100109;
import io.bastion.testing.BastionTest;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

@BastionTest
class BankFileTests {

    @Autowired
    ApplicationContext context;

    @Autowired
    BankFiles bankFiles;

    @Autowired
    BankStatements statements;

    @Autowired
    Wallets wallets;

    @Autowired
    JdbcClient jdbc;

    WalletFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new WalletFixture(context);
    }

    long suspense() {
        return fixture.ledger.account(CompanyAccounts.suspense("EUR")).orElseThrow().balance().net();
    }

    long safeguardingDebits() {
        return fixture.ledger.account(CompanyAccounts.safeguarding("EUR")).orElseThrow().balance().debitsPosted();
    }

    @Test
    void aStatementCreditsTheWalletsNamedInTheRemittanceAndParksTheRestInSuspense() throws Exception {
        WalletFixture.Holder ada = fixture.holder();
        WalletFixture.Holder bob = fixture.holder();
        long suspenseBefore = suspense();
        CamtSamples.Entry unknown = CamtSamples.Entry.credit("7.00", "Top-up BST-ZZZZ-ZZZZ for someone");
        byte[] file = CamtSamples.statement("1234567.89", List.of(
                CamtSamples.Entry.credit("150.25", "Top up " + ada.wallet().topupReference()),
                CamtSamples.Entry.credit("20", "for " + bob.wallet().topupReference().toLowerCase() + " thanks"),
                unknown));

        ImportReport report = bankFiles.importFile("stmt.xml", file, "staff-test");
        assertThat(report.credited()).isEqualTo(2);
        assertThat(report.suspense()).isEqualTo(1);
        assertThat(fixture.balance(ada.wallet())).isEqualTo(15_025);
        assertThat(fixture.balance(bob.wallet())).isEqualTo(2_000);
        assertThat(suspense() - suspenseBefore).isEqualTo(700);
        assertThat(bankFiles.unmatchedCredits()).anySatisfy(u -> {
            assertThat(u.entryRef()).isEqualTo(unknown.ref());
            assertThat(u.amountMinor()).isEqualTo(700);
        });
        assertThat(statements.latestClosingBalances()).anySatisfy(c -> {
            assertThat(c.accountIban()).isEqualTo(CamtSamples.SAFEGUARDING_IBAN);
            assertThat(c.currency()).isEqualTo("EUR");
        });

        long debitsBefore = safeguardingDebits();
        ImportReport again = bankFiles.importFile("stmt.xml", file, "staff-test");
        assertThat(again.fileSeenBefore()).isTrue();
        assertThat(again.alreadyImported()).isEqualTo(3);
        assertThat(again.credited() + again.suspense()).isZero();
        assertThat(fixture.balance(ada.wallet())).isEqualTo(15_025);
        assertThat(safeguardingDebits()).isEqualTo(debitsBefore);
        assertThat(suspense() - suspenseBefore).isEqualTo(700);
    }

    @Test
    void aTopUpThatWouldPassTheBalanceCapGoesToSuspenseForReview() throws Exception {
        WalletFixture.Holder ada = fixture.holder();
        CamtSamples.Entry tooMuch = CamtSamples.Entry.credit("10000.01", "Top up " + ada.wallet().topupReference());
        ImportReport report = bankFiles.importFile("cap.xml", CamtSamples.notification(List.of(tooMuch)), "staff-test");
        assertThat(report.suspense()).isEqualTo(1);
        assertThat(fixture.balance(ada.wallet())).isZero();
        assertThat(bankFiles.unmatchedCredits()).anyMatch(u -> u.entryRef().equals(tooMuch.ref()));
    }

    @Test
    void staffCreditAnUnmatchedCreditToAWalletOnce() throws Exception {
        WalletFixture.Holder ada = fixture.holder();
        CamtSamples.Entry unknown = CamtSamples.Entry.credit("9.99", "no reference at all");
        bankFiles.importFile("n.xml", CamtSamples.notification(List.of(unknown)), "staff-test");
        UnmatchedCredit item = bankFiles.unmatchedCredits().stream().filter(u -> u.entryRef().equals(unknown.ref()))
                .findFirst().orElseThrow();
        assertThat(bankFiles.creditUnmatched(item.id(), ada.wallet().topupReference(), "staff-test")).isTrue();
        assertThat(bankFiles.creditUnmatched(item.id(), ada.wallet().topupReference(), "staff-test")).isFalse();
        assertThat(fixture.balance(ada.wallet())).isEqualTo(999);
        assertThat(bankFiles.unmatchedCredits()).noneMatch(u -> u.id().equals(item.id()));
    }

    @Test
    void aMalformedFileIsRefusedWholeWithItsLineAndReasonAndChangesNothing() {
        WalletFixture.Holder ada = fixture.holder();
        byte[] file = CamtSamples.statement("1.00", List.of(
                CamtSamples.Entry.credit("10.00", "Top up " + ada.wallet().topupReference()),
                CamtSamples.Entry.credit("1.234", "three decimals")));
        int badLine = lineOf(file, "1.234");
        assertThatThrownBy(() -> bankFiles.importFile("bad.xml", file, "staff-test"))
                .isInstanceOfSatisfying(MalformedBankFile.class, e -> {
                    assertThat(e.line()).isBetween(badLine - 2, badLine);
                    assertThat(e.reason()).contains("amount");
                });
        assertThat(fixture.balance(ada.wallet())).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM wallet_bank_file WHERE sha256 = ?").param(BankFiles.sha256(file))
                .query(Long.class).single()).isZero();

        byte[] broken = "<?xml version=\"1.0\"?>\n<Document>\n<Unclosed>\n</Document>".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> bankFiles.importFile("broken.xml", broken, "staff-test"))
                .isInstanceOfSatisfying(MalformedBankFile.class, e -> assertThat(e.line()).isEqualTo(4));
    }

    @Test
    void aFileWithADoctypeOrEntityIsRefusedBeforeAnyEntityIsResolved() {
        String xxe = """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE Document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt>&xxe;</BkToCstmrStmt></Document>
                """;
        assertThatThrownBy(() -> bankFiles.importFile("xxe.xml", xxe.getBytes(StandardCharsets.UTF_8), "staff-test"))
                .isInstanceOfSatisfying(MalformedBankFile.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.reason()).doesNotContain("root:");
                });
    }

    @Test
    void aPayoutIsHeldExportedInPain001AndPostedWhenTheStatementConfirmsIt() throws Exception {
        WalletFixture.Holder ada = fixture.holder();
        fixture.fund(ada.wallet(), 50_000);
        String orderId = confirmedPayout(ada, 12_345);
        assertThat(fixture.balance(ada.wallet())).isEqualTo(50_000);
        assertThat(fixture.ledger.account(ada.wallet().ledgerAccountId()).orElseThrow().balance().debitsPending()).isEqualTo(12_345);
        String endToEnd = endToEnd(orderId);

        PayoutFile pain = bankFiles.exportPayouts("staff-test").orElseThrow();
        MxPain00100109 parsed = MxPain00100109.parse(new String(pain.content(), StandardCharsets.UTF_8));
        assertThat(parsed.getCstmrCdtTrfInitn().getPmtInf()).flatMap(p -> p.getCdtTrfTxInf())
                .anySatisfy(tx -> {
                    assertThat(tx.getPmtId().getEndToEndId()).isEqualTo(endToEnd);
                    assertThat(tx.getAmt().getInstdAmt().getValue().toPlainString()).isEqualTo("123.45");
                    assertThat(tx.getCdtrAcct().getId().getIBAN()).isEqualTo("FR1420041010050500013M02606");
                });
        assertThat(bankFiles.exportPayouts("staff-test").map(f -> f.content().length > 0 && new String(f.content()).contains(endToEnd)))
                .isNotEqualTo(java.util.Optional.of(true));

        bankFiles.importFile("s.xml", CamtSamples.statement("1.00", List.of(CamtSamples.Entry.payoutDebit("123.45", endToEnd))), "staff-test");
        assertThat(fixture.balance(ada.wallet())).isEqualTo(50_000 - 12_345);
        assertThat(fixture.ledger.account(ada.wallet().ledgerAccountId()).orElseThrow().balance().debitsPending()).isZero();
        assertThat(jdbc.sql("SELECT status FROM wallet_payout WHERE id = ?").param(orderId).query(String.class).single()).isEqualTo("posted");
    }

    @Test
    void aReturnedPayoutIsVoidedAndTheMoneyIsAvailableAgain() throws Exception {
        WalletFixture.Holder ada = fixture.holder();
        fixture.fund(ada.wallet(), 10_000);
        String orderId = confirmedPayout(ada, 4_000);
        bankFiles.exportPayouts("staff-test");
        bankFiles.importFile("r.xml", CamtSamples.notification(List.of(CamtSamples.Entry.payoutReturn("40.00", endToEnd(orderId)))),
                "staff-test");
        assertThat(jdbc.sql("SELECT status FROM wallet_payout WHERE id = ?").param(orderId).query(String.class).single()).isEqualTo("returned");
        assertThat(fixture.balance(ada.wallet())).isEqualTo(10_000);
        assertThat(fixture.ledger.account(ada.wallet().ledgerAccountId()).orElseThrow().balance().debitsPending()).isZero();
    }

    @Test
    void aPayoutNeedsAValidIban() {
        WalletFixture.Holder ada = fixture.holder();
        assertThat(wallets.payout(ada.id(), ada.wallet().id(), "DE00123", "Shop", 100, "x").rejection())
                .isEqualTo(WalletRejection.IBAN_MUST_BE_VALID);
    }

    private String confirmedPayout(WalletFixture.Holder holder, long amount) {
        jdbc.sql("INSERT INTO identity_confirmation_rule (user_id, mode, updated_at) VALUES (?, 'ABOVE', ?) ON CONFLICT DO NOTHING")
                .params(holder.id(), OffsetDateTime.now(ZoneOffset.UTC)).update();
        SendResult placed = wallets.payout(holder.id(), holder.wallet().id(), "FR14 2004 1010 0505 0001 3M02 606", "Landlord SA",
                amount, "Rent November");
        if (placed.status() == SendResult.Status.AWAITING_CONFIRMATION) {
            fixture.people.confirmBySms(holder.customer(), placed.orderId());
            placed = wallets.carryOut(holder.id(), placed.orderId());
        }
        assertThat(placed.status()).isEqualTo(SendResult.Status.DONE);
        return placed.orderId();
    }

    private String endToEnd(String orderId) {
        return jdbc.sql("SELECT end_to_end_id FROM wallet_payout WHERE id = ?").param(orderId).query(String.class).single();
    }

    private static int lineOf(byte[] file, String needle) {
        String[] lines = new String(file, StandardCharsets.UTF_8).split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(needle)) {
                return i + 1;
            }
        }
        throw new AssertionError(needle);
    }
}
