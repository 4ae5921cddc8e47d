package io.bastion.issuing;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.bastion.testing.BastionTest;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
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
import org.springframework.context.ApplicationContext;

/**
 * After issuing cards, revealing their details and authorizing payments with their real numbers and CVV2s
 * (right and wrong), no card number in any form and no CVV2 beside a CVV label is in a full dump of the
 * database (pg_dump from the embedded PostgreSQL binaries, or COPY of every table when none matches the
 * server), in the logs, or in the test output.
 */
@BastionTest
@ExtendWith(OutputCaptureExtension.class)
class NoCardDataLeaksTests {

    private static final Logger LOG = LoggerFactory.getLogger(NoCardDataLeaksTests.class);

    @Autowired
    ApplicationContext context;
    @Autowired
    DataSource dataSource;

    @Test
    void noCardNumberOrCvvAppearsInTheDatabaseDumpTheLogsOrTheTestOutput(CapturedOutput output) throws Exception {
        IssuingFixture fixture = new IssuingFixture(context);
        List<RevealedCard> issued = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            IssuingFixture.Holder h = fixture.holder(50_000);
            issued.add(h.details());
            AuthorizationResult approved = fixture.issuing.authorize(IssuingFixture.online(h, 1_000, h.details().cvv()));
            assertThat(approved.approved()).isTrue();
            assertThat(fixture.issuing.capture(approved.authorizationId(), 800)).isEqualTo(HoldOutcome.CAPTURED);
            String wrong = String.format("%03d", (Integer.parseInt(h.details().cvv()) + 7) % 1000);
            AuthorizationResult declined = fixture.issuing.authorize(IssuingFixture.online(h, 1_000, wrong));
            assertThat(declined.declineReason()).isEqualTo(DeclineReason.CVV_MISMATCH);
            LOG.info("authorized {} and {} on {} ({})", approved, declined, h.card().masked(), h.details());
            CardResult replaced = fixture.cards.replace(h.id(), h.card().id(), "127.0.0.1");
            issued.add(fixture.cards.reveal(h.id(), replaced.card().id(), "127.0.0.1").orElseThrow());
        }

        String dump = dump();
        assertThat(dump).contains("issuing_card").contains("issuing_authorization").contains("audit_entry");
        // The scan sees real card rows: every masked number is there, only never the whole number.
        issued.forEach(card -> assertThat(dump).contains(card.number().substring(0, 6) + "******" + card.number().substring(12)));
        assertNoCardData("database dump", dump, issued);
        assertNoCardData("captured logs", output.getAll(), issued);
        assertNoCardData("surefire output", surefireOutput(), issued);
    }

    private static void assertNoCardData(String where, String text, List<RevealedCard> cards) {
        for (RevealedCard card : cards) {
            for (String form : forms(card.number())) {
                assertThat(text.contains(form)).as("%s holds a card number", where).isFalse();
            }
            // Three digits appear everywhere; a CVV2 leaks when it stands beside a CVV label or field name.
            Pattern labelled = Pattern.compile("(?i)(cvv2?|cvc2?|security.code)\\W{0,16}" + card.cvv() + "(?![0-9])");
            assertThat(labelled.matcher(text).find()).as("%s holds a CVV2", where).isFalse();
        }
    }

    /** The digits plain, in groups of four joined by spaces or dashes, and as the hex of their ASCII bytes. */
    static List<String> forms(String pan) {
        return List.of(pan, pan.replaceAll("(.{4})(?!$)", "$1 "), pan.replaceAll("(.{4})(?!$)", "$1-"),
                HexFormat.of().formatHex(pan.getBytes(StandardCharsets.US_ASCII)), pan.substring(6, 12) + pan.substring(12));
    }

    private String dump() throws Exception {
        String url = ((HikariDataSource) dataSource).getJdbcUrl();
        int port = Integer.parseInt(url.replaceAll(".*://[^:/]+:([0-9]+)/.*", "$1"));
        Path pgDump = embeddedPgDump();
        if (pgDump != null) {
            Process process = new ProcessBuilder(pgDump.toString(), "-h", "127.0.0.1", "-p", Integer.toString(port), "-U",
                    "postgres", "bastion").redirectErrorStream(true).start();
            String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            if (process.exitValue() == 0) {
                return text;
            }
            LOG.warn("pg_dump refused to run (a version older than the server?); dumping with COPY instead");
        }
        return copyEverything(port);
    }

    /** pg_dump from the extracted embedded binaries, else an installed one new enough for the server (18+). */
    private static Path embeddedPgDump() throws IOException {
        List<Path> candidates = new ArrayList<>();
        Path embedded = Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg");
        if (Files.isDirectory(embedded)) {
            try (Stream<Path> dirs = Files.list(embedded)) {
                dirs.map(d -> d.resolve("bin/pg_dump")).forEach(candidates::add);
            }
        }
        for (int major = 18; major <= 20; major++) {
            candidates.add(Path.of("/usr/lib/postgresql/" + major + "/bin/pg_dump"));
        }
        return candidates.stream().filter(Files::isExecutable).findFirst().orElse(null);
    }

    /** Every row of every table outside the system catalogs, read with COPY as the superuser. */
    private static String copyEverything(int port) throws Exception {
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
        }
        return out.toString();
    }

    private static String surefireOutput() throws IOException {
        Path reports = Path.of("target", "surefire-reports");
        if (!Files.isDirectory(reports)) {
            return "";
        }
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(reports)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                all.append(Files.readString(file, StandardCharsets.ISO_8859_1));
            }
        }
        return all.toString();
    }
}
