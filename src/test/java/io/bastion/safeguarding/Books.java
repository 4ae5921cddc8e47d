package io.bastion.safeguarding;

import static org.assertj.core.api.Assertions.assertThat;

import io.bastion.ledger.AccountCode;
import io.bastion.ledger.AccountRequest;
import io.bastion.ledger.AccountResult;
import io.bastion.ledger.Ledger;
import io.bastion.ledger.TransferOutcome;
import io.bastion.ledger.TransferRequest;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One currency's books for a test: a customer, a safeguarding bank account and company equity in the ledger,
 * and closing balances as an imported camt.053 statement would leave them. Each test uses a currency no other
 * test uses, because the reconciliation sums every account of a currency in the shared test database.
 */
final class Books {

    final String currency;
    final String customer;
    final String bank;
    final String equity;
    final String transit;
    final String operating;
    final String fees;
    private final Ledger ledger;
    private final JdbcClient jdbc;

    Books(Ledger ledger, JdbcClient jdbc, String currency) {
        this.ledger = ledger;
        this.jdbc = jdbc;
        this.currency = currency;
        String run = UUID.randomUUID().toString().substring(0, 8);
        customer = "sg-cust-" + run;
        bank = "sg-bank-" + run;
        equity = "sg-equity-" + run;
        transit = "sg-transit-" + run;
        operating = "sg-operating-" + run;
        fees = "sg-fees-" + run;
        List<AccountResult> opened = ledger.createAccounts(List.of(
                AccountRequest.debitsMustNotExceedCredits(customer, currency, AccountCode.CUSTOMER_EMONEY.code()),
                AccountRequest.of(bank, currency, AccountCode.SAFEGUARDING_BANK.code()),
                AccountRequest.of(equity, currency, AccountCode.COMPANY_EQUITY.code()),
                AccountRequest.of(transit, currency, AccountCode.PAYOUTS_IN_TRANSIT.code()),
                AccountRequest.of(operating, currency, AccountCode.OPERATING_BANK.code()),
                AccountRequest.of(fees, currency, AccountCode.FEE_REVENUE.code())));
        assertThat(opened).allSatisfy(r -> assertThat(r.outcome().name()).isEqualTo("CREATED"));
    }

    /** Money arrives at the safeguarding bank for the customer: the bank account is debited, the customer credited. */
    Books deposit(long amount) {
        return move(bank, customer, amount);
    }

    /** The company credits the customer from its own equity, without putting money into safeguarding. */
    Books creditFromEquity(long amount) {
        return move(equity, customer, amount);
    }

    Books move(String debit, String credit, long amount) {
        assertThat(ledger.submit(List.of(TransferRequest.of("sg-t-" + UUID.randomUUID(), debit, credit, amount)))
                .getFirst().outcome()).isEqualTo(TransferOutcome.CREATED);
        return this;
    }

    /** Records a camt.053 closing balance for a fresh safeguarding IBAN in this currency, booked on {@code bookedOn}. */
    Books statement(LocalDate bookedOn, long closing) {
        String file = "bf-" + UUID.randomUUID();
        byte[] hash = new byte[32];
        ThreadLocalRandom.current().nextBytes(hash);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        jdbc.sql("INSERT INTO wallet_bank_file (id, sha256, kind, name, entries, imported_at) VALUES (?, ?, 'camt.053', ?, 0, ?)")
                .params(file, HexFormat.of().formatHex(hash), file + ".xml", now).update();
        String iban = "GB" + (10 + ThreadLocalRandom.current().nextInt(89)) + "SAFE"
                + (10_000_000_000_000L + ThreadLocalRandom.current().nextLong(89_999_999_999_999L));
        jdbc.sql("""
                INSERT INTO wallet_bank_closing_balance (file_id, account_iban, currency, booked_on, closing_balance_minor,
                    imported_at) VALUES (?, ?, ?, ?, ?, ?)""")
                .params(file, iban, currency, bookedOn, closing, now).update();
        return this;
    }

    /** This currency's record among a run's records. */
    ReconciliationRecord in(List<ReconciliationRecord> records) {
        return records.stream().filter(r -> r.currency().equals(currency)).findFirst()
                .orElseThrow(() -> new AssertionError("no record for " + currency));
    }
}
