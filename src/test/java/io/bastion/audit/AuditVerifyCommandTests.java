package io.bastion.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.bastion.Bastion;
import io.bastion.platform.CommandLine;
import io.bastion.testing.BastionTest;
import io.bastion.testing.TestDataDirectory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@BastionTest
class AuditVerifyCommandTests {

    @Autowired
    AuditLog audit;

    @Autowired
    JdbcClient jdbc;

    @Test
    void reportsAnIntactChainAndExitsZeroThenNamesTheAlteredEntryAndExitsOne() {
        Tampering tampering = new Tampering(jdbc);
        long seq = audit.record(AuditRecord.of("tester", "test.cli", "target", AuditRecord.Outcome.SUCCESS, "127.0.0.1"));

        Run intact = verify();
        assertThat(intact.exitCode()).isZero();
        assertThat(intact.output()).isEqualTo("intact, " + tampering.count() + " entries");

        try {
            tampering.run("UPDATE audit_entry SET target = 'someone-else' WHERE seq = ?", seq);
            Run broken = verify();
            assertThat(broken.exitCode()).isEqualTo(1);
            assertThat(broken.output()).isEqualTo("broken at entry " + seq + ": altered");
        } finally {
            tampering.run("UPDATE audit_entry SET target = 'target' WHERE seq = ?", seq);
        }
        assertThat(audit.verify()).isInstanceOf(AuditVerification.Intact.class);
    }

    @Test
    void refusesUnexpectedArguments() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = CommandLine.run(Bastion.class, new String[] {"audit", "verify", "everything"},
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("usage");
    }

    private static Run verify() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        // Given as the operator would, although the test JVM's system property already names it.
        String dataDir = "--bastion.data-dir=" + TestDataDirectory.path();
        int code = CommandLine.run(Bastion.class, new String[] {"audit", "verify", dataDir},
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return new Run(code, bytes.toString(StandardCharsets.UTF_8).strip());
    }

    private record Run(int exitCode, String output) {
    }
}
