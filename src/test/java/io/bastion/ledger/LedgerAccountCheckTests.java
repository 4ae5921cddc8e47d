package io.bastion.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bastion.testing.BastionTest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The per-statement check that replaced the per-row foreign keys from a transfer to its accounts refuses
 * exactly what they refused, in a multi-row insert as in a single one.
 */
@BastionTest
class LedgerAccountCheckTests {

    private static final String INSERT = """
            INSERT INTO ledger_transfer (id, kind, debit_account_id, credit_account_id, currency, amount, linked,
                created_at, dr_debits_posted, dr_credits_posted, dr_debits_pending, dr_credits_pending,
                cr_debits_posted, cr_credits_posted, cr_debits_pending, cr_credits_pending)
            SELECT t.id, 'transfer', t.dr, t.cr, 'EUR', 1, false, now(), 0, 0, 0, 0, 0, 0, 0, 0
            FROM unnest(?::text[], ?::text[], ?::text[]) AS t(id, dr, cr)""";

    @Autowired
    Ledger ledger;

    @Autowired
    JdbcClient jdbc;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void refusesABatchWhoseLastTransferDebitsAnAccountThatDoesNotExist() {
        String source = "src-" + run;
        String alice = "alice-" + run;
        ledger.createAccounts(List.of(AccountRequest.of(source, "EUR", 1), AccountRequest.of(alice, "EUR", 1)));
        List<String> ids = new ArrayList<>();
        List<String> debits = new ArrayList<>();
        List<String> credits = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            ids.add("ok-" + run + "-" + i);
            debits.add(source);
            credits.add(alice);
        }
        ids.add("bad-" + run);
        debits.add("missing-" + run);
        credits.add(alice);

        assertThatThrownBy(() -> jdbc.sql(INSERT).params(ids.toArray(String[]::new), debits.toArray(String[]::new),
                credits.toArray(String[]::new)).update())
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("existing accounts");
        assertThat(ledger.transfer("ok-" + run + "-0")).isEmpty();
    }

    @Test
    void refusesATransferThatCreditsAnAccountThatDoesNotExist() {
        String source = "src2-" + run;
        ledger.createAccounts(List.of(AccountRequest.of(source, "EUR", 1)));

        assertThatThrownBy(() -> jdbc.sql(INSERT).params(new String[] {"one-" + run}, new String[] {source},
                new String[] {"missing-" + run}).update())
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("existing accounts");
    }

    @Test
    void theLedgerStillWritesSmallBatchesAfterALargeOne() {
        String source = "src3-" + run;
        String alice = "alice3-" + run;
        ledger.createAccounts(List.of(AccountRequest.of(source, "EUR", 1), AccountRequest.of(alice, "EUR", 1)));
        List<TransferRequest> large = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            large.add(TransferRequest.of("l-" + run + "-" + i, source, alice, 1));
        }

        assertThat(ledger.submit(large)).allMatch(r -> r.outcome() == TransferOutcome.CREATED);
        assertThat(ledger.submit(List.of(TransferRequest.of("s-" + run, alice, source, 5))).getFirst().outcome())
                .isEqualTo(TransferOutcome.CREATED);
        assertThat(ledger.account(alice).orElseThrow().balance().creditsPosted()).isEqualTo(2000);
    }
}
