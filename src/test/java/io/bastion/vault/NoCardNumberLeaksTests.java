package io.bastion.vault;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.bastion.testing.BastionTest;
import io.bastion.testing.TestDataDirectory;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.PGConnection;
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

        String dump = dump();
        assertThat(dump).contains("vault_card").contains("audit_entry");
        assertNoPan("database dump", dump);
        assertNoPanInClusterFiles();
        assertNoPan("captured logs", output.getAll());
        assertNoPan("surefire output", surefireOutput());
    }

    private static void assertNoPan(String where, String text) {
        for (String pan : TEST_PANS) {
            List<String> forms = forms(pan);
            for (int i = 0; i < forms.size(); i++) {
                // A boolean, so that a failure message never repeats the card number into the test output.
                assertThat(text.contains(forms.get(i))).as("%s holds test card %s in form %d", where,
                        CardNumber.of(pan), i).isFalse();
            }
        }
    }

    /** The digits plain, grouped by spaces or dashes in fours, and as the hex of their ASCII bytes. */
    static List<String> forms(String pan) {
        List<String> forms = new ArrayList<>(List.of(pan, grouped(pan, " "), grouped(pan, "-"),
                HexFormat.of().formatHex(pan.getBytes(StandardCharsets.US_ASCII))));
        if (pan.length() == 15) {
            forms.add(pan.substring(0, 4) + " " + pan.substring(4, 10) + " " + pan.substring(10));
        }
        return forms;
    }

    private static String grouped(String pan, String separator) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < pan.length(); i += 4) {
            out.append(i == 0 ? "" : separator).append(pan, i, Math.min(pan.length(), i + 4));
        }
        return out.toString();
    }

    private String dump() throws Exception {
        int port = portOf(((HikariDataSource) dataSource).getJdbcUrl());
        Path pgDump = matchingPgDump();
        if (pgDump != null) {
            Process process = new ProcessBuilder(pgDump.toString(), "-h", "127.0.0.1", "-p", Integer.toString(port),
                    "-U", "postgres", "bastion").redirectErrorStream(true).start();
            String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(text).isZero();
            return text;
        }
        return copyEverything(port);
    }

    /** Every row of every table outside the system catalogs, read with COPY as the superuser. */
    private static String copyEverything(int port) throws SQLException, IOException {
        StringWriter out = new StringWriter();
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/bastion?user=postgres")) {
            List<String> tables = new ArrayList<>();
            try (var rs = admin.createStatement().executeQuery("""
                    SELECT format('%I.%I', schemaname, tablename) FROM pg_tables
                    WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1""")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            var copy = admin.unwrap(PGConnection.class).getCopyAPI();
            for (String table : tables) {
                out.append("-- ").append(table).append('\n');
                copy.copyOut("COPY " + table + " TO STDOUT", out);
            }
            admin.createStatement().execute("CHECKPOINT");
        }
        return out.toString();
    }

    private static Path matchingPgDump() throws IOException {
        List<Path> candidates = new ArrayList<>();
        Path embedded = Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg");
        if (Files.isDirectory(embedded)) {
            try (Stream<Path> dirs = Files.list(embedded)) {
                dirs.map(d -> d.resolve("bin/pg_dump")).forEach(candidates::add);
            }
        }
        for (int major = SERVER_MAJOR; major < SERVER_MAJOR + 3; major++) {
            candidates.add(Path.of("/usr/lib/postgresql/" + major + "/bin/pg_dump"));
        }
        return candidates.stream().filter(Files::isExecutable).findFirst().orElse(null);
    }

    /** Every file of the embedded cluster (heap, indexes, WAL), read as Latin-1 bytes, one at a time. */
    private static void assertNoPanInClusterFiles() throws IOException {
        Path cluster = TestDataDirectory.path().resolve("postgres");
        try (Stream<Path> files = Files.walk(cluster)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text;
                try {
                    text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                } catch (IOException e) {
                    // A file removed while walking (a recycled WAL segment) holds nothing to inspect.
                    continue;
                }
                assertNoPan("cluster file " + cluster.relativize(file), text);
            }
        }
    }

    private static String surefireOutput() throws IOException {
        Path reports = Path.of("target/surefire-reports");
        if (!Files.isDirectory(reports)) {
            return "";
        }
        // Only this test run's reports: an earlier run's leftovers say nothing about this code.
        long started = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(reports)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (Files.getLastModifiedTime(file).toMillis() < started) {
                    continue;
                }
                all.append(Files.readString(file, StandardCharsets.ISO_8859_1));
            }
        }
        return all.toString();
    }

    private static int portOf(String jdbcUrl) {
        String afterHost = jdbcUrl.substring(jdbcUrl.indexOf("//") + 2);
        String hostPort = afterHost.substring(0, afterHost.indexOf('/'));
        return Integer.parseInt(hostPort.substring(hostPort.indexOf(':') + 1));
    }
}
