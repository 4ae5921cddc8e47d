package io.bastion.vault;

import static org.assertj.core.api.Assertions.assertThat;

import io.bastion.testing.BastionTest;
import io.bastion.testing.LeakEvidence;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * After known test card numbers go through the vault, no form of them is anywhere outside it in the
 * clear: not in a full dump of the database, not in the cluster's files, not in the logs, not in the
 * test output. The embedded PostgreSQL distribution carries no pg_dump, and a pg_dump older than the
 * server refuses to run, so the dump is pg_dump when a matching one is installed and otherwise the same
 * content taken with COPY of every table in every schema, as the superuser.
 */
@BastionTest
@ExtendWith(OutputCaptureExtension.class)
class NoCardNumberLeaksTests {

    static final List<String> TEST_PANS = List.of("4000056655665556", "5200828282828210", "371449635398431",
            "4012888888881881");
    private static final Logger LOG = LoggerFactory.getLogger(NoCardNumberLeaksTests.class);
    private static final int SERVER_MAJOR = 18;

    @Autowired
    Vault vault;

    @Autowired
    DataSource dataSource;

    @Test
    void noCardNumberAppearsInTheDatabaseDumpTheClusterFilesTheLogsOrTheTestOutput(CapturedOutput output)
            throws Exception {
        for (String pan : TEST_PANS) {
            CardNumber number = CardNumber.of(pan);
            CardToken token = vault.tokenize(number, new Expiry(9, 2031), "Leak Test", TokenPurpose.STORED_CARD);
            LOG.info("tokenized card {} as {}", number, token);
            CardDetails details = vault.detokenize(token, DetokenizationPurpose.AUTHORIZATION, "leak-test", "127.0.0.1");
            LOG.info("detokenized {}", details);
            vault.reference(token, ReferenceKind.MERCHANT_MANDATE, "mdt_leak");
        }

        String dump = LeakEvidence.dump(dataSource);
        assertThat(dump).contains("vault_card").contains("audit_entry");
        assertNoPan("database dump", dump);
        LeakEvidence.clusterFiles().forEach((file, text) -> assertNoPan("cluster file " + file, text));
        assertNoPan("captured logs", output.getAll());
        assertNoPan("surefire output", LeakEvidence.surefireOutput());
    }

    private static void assertNoPan(String where, String text) {
        for (String pan : TEST_PANS) {
            List<String> forms = LeakEvidence.forms(pan);
            for (int i = 0; i < forms.size(); i++) {
                // A boolean, so that a failure message never repeats the card number into the test output.
                assertThat(text.contains(forms.get(i))).as("%s holds test card %s in form %d", where,
                        CardNumber.of(pan), i).isFalse();
            }
        }
    }
}
