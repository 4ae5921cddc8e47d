package io.bastion.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.bastion.platform.WriterDataSource;
import io.bastion.testing.BastionTest;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The ledger's writers commit on their own pool, as the application's role, planning each statement once. */
@BastionTest
class LedgerWriterPoolTests {

    @Autowired
    Ledger ledger;

    @Autowired
    @WriterDataSource
    DataSource writers;

    @Test
    void theWritersConnectionsKeepOneGenericPlanAsTheApplicationRoleAndTheirTransfersCommit() {
        JdbcClient pool = JdbcClient.create(writers);
        assertThat(pool.sql("SHOW plan_cache_mode").query(String.class).single()).isEqualTo("force_generic_plan");
        assertThat(pool.sql("SELECT rolsuper FROM pg_roles WHERE rolname = current_user").query(Boolean.class).single())
                .isFalse();

        String run = UUID.randomUUID().toString().substring(0, 8);
        ledger.createAccounts(List.of(AccountRequest.of("src-" + run, "EUR", 1),
                AccountRequest.debitsMustNotExceedCredits("dst-" + run, "EUR", 2)));
        for (int i = 0; i < 8; i++) {
            // More than pgjdbc's five executions before it prepares a statement on the server, so the kept plan is used.
            assertThat(ledger.submit(List.of(TransferRequest.of("t-" + run + "-" + i, "src-" + run, "dst-" + run, 10)))
                    .getFirst().outcome()).isEqualTo(TransferOutcome.CREATED);
        }
        assertThat(ledger.account("dst-" + run).orElseThrow().balance().creditsPosted()).isEqualTo(80);
    }
}
