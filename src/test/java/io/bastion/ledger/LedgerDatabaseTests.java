package io.bastion.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bastion.testing.BastionTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The database refuses what the code never does, so a bug or a stray manual statement cannot corrupt the ledger. */
@BastionTest
class LedgerDatabaseTests {

    @Autowired
    Ledger ledger;

    @Autowired
    JdbcClient jdbc;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String source = "src-" + run;
    private final String alice = "alice-" + run;
    private final String transfer = "t-" + run;

    @BeforeEach
    void fundAlice() {
        ledger.createAccounts(List.of(AccountRequest.of(source, "EUR", 1),
                AccountRequest.debitsMustNotExceedCredits(alice, "EUR", 2),
                AccountRequest.of("usd-" + run, "USD", 1)));
        assertThat(ledger.submit(List.of(TransferRequest.of(transfer, source, alice, 100))).getFirst().outcome())
                .isEqualTo(TransferOutcome.CREATED);
    }

    @Test
    void refusesToUpdateATransfer() {
        assertThatThrownBy(() -> jdbc.sql("UPDATE ledger_transfer SET amount = 1 WHERE id = ?").param(transfer).update())
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("immutable");
    }

    @Test
    void refusesToDeleteATransfer() {
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM ledger_transfer WHERE id = ?").param(transfer).update())
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("immutable");
    }

    @Test
    void refusesToDeleteAnAccountOrChangeItsFlags() {
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM ledger_account WHERE id = ?").param(alice).update())
                .isInstanceOf(DataAccessException.class);
        assertThatThrownBy(() -> jdbc.sql("UPDATE ledger_account SET debits_must_not_exceed_credits = false WHERE id = ?")
                .param(alice).update()).isInstanceOf(DataAccessException.class);
    }

    @Test
    void refusesABalanceUpdateThatCrossesTheAccountsConstraint() {
        assertThatThrownBy(() -> jdbc.sql("UPDATE ledger_account SET debits_posted = credits_posted + 1 WHERE id = ?")
                .param(alice).update()).isInstanceOf(DataAccessException.class).hasMessageContaining("check");
        assertThatThrownBy(() -> jdbc.sql("UPDATE ledger_account SET debits_pending = 1, debits_posted = credits_posted WHERE id = ?")
                .param(alice).update()).isInstanceOf(DataAccessException.class);
        assertThat(ledger.account(alice).orElseThrow().balance()).isEqualTo(new Balance(0, 100, 0, 0));
    }

    @Test
    void refusesABalanceUpdateWithoutAnEqualOppositeEntry() {
        assertThatThrownBy(() -> jdbc.sql("UPDATE ledger_account SET credits_posted = credits_posted + 5 WHERE id = ?")
                .param(source).update()).isInstanceOf(DataAccessException.class)
                .rootCause().hasMessageContaining("equal debits and credits");
        assertThatThrownBy(() -> jdbc.sql("UPDATE ledger_account SET debits_posted = debits_posted + 5 WHERE id IN (?, ?)")
                .params(source, "usd-" + run).update()).isInstanceOf(DataAccessException.class);
        assertThat(ledger.account(source).orElseThrow().balance()).isEqualTo(new Balance(100, 0, 0, 0));
    }

    @Test
    void refusesATransferRowBetweenCurrencies() {
        assertThatThrownBy(() -> jdbc.sql("""
                INSERT INTO ledger_transfer (id, kind, debit_account_id, credit_account_id, currency, amount, linked,
                    created_at, dr_debits_posted, dr_credits_posted, dr_debits_pending, dr_credits_pending,
                    cr_debits_posted, cr_credits_posted, cr_debits_pending, cr_credits_pending)
                VALUES (?, 'transfer', ?, ?, 'EUR', 1, false, now(), 0, 0, 0, 0, 0, 0, 0, 0)""")
                .params("x-" + run, "usd-" + run, alice).update()).isInstanceOf(DataAccessException.class);
    }

    @Test
    void refusesAVoidThatDoesNotReleaseThePendingAmount() {
        assertThat(ledger.submit(List.of(TransferRequest.pending("hold-" + run, alice, source, 30, 0))).getFirst()
                .outcome()).isEqualTo(TransferOutcome.CREATED);
        assertThatThrownBy(() -> jdbc.sql("""
                INSERT INTO ledger_transfer (id, kind, debit_account_id, credit_account_id, currency, amount, pending_id,
                    linked, created_at, dr_debits_posted, dr_credits_posted, dr_debits_pending, dr_credits_pending,
                    cr_debits_posted, cr_credits_posted, cr_debits_pending, cr_credits_pending)
                VALUES (?, 'void', ?, ?, 'EUR', 29, ?, false, now(), 0, 0, 0, 0, 0, 0, 0, 0)""")
                .params("v-" + run, alice, source, "hold-" + run).update())
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("does not match");
    }

    @Test
    void debitsEqualCreditsInEveryCurrency() {
        List<Long> imbalances = jdbc.sql("""
                SELECT sum(debits_posted) - sum(credits_posted) + sum(debits_pending) - sum(credits_pending)
                FROM ledger_account GROUP BY currency""").query(Long.class).list();
        assertThat(imbalances).isNotEmpty().allMatch(d -> d == 0);
    }
}
