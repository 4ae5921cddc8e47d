package io.bastion.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * Everything a leak test searches for card data: a full dump of the test database, the files of the
 * embedded cluster (tables, indexes, WAL), this run's surefire output, and the written forms of a number.
 */
public final class LeakEvidence {

    static final int SERVER_MAJOR = 18;
    static final int PG_DUMP_WAIT_SECONDS = 60;

    private LeakEvidence() {
    }

    /**
     * The whole database as the superuser sees it: pg_dump when one new enough for the server is installed
     * (the embedded distribution has none, and older ones refuse), otherwise COPY of every table.
     */
    public static String dump(DataSource dataSource) throws IOException, SQLException, InterruptedException {
        String url = ((HikariDataSource) dataSource).getJdbcUrl();
        int port = Integer.parseInt(url.replaceAll(".*://[^:/]+:([0-9]+)/.*", "$1"));
        Path pgDump = matchingPgDump();
        if (pgDump != null) {
            Process process = new ProcessBuilder(pgDump.toString(), "-h", "127.0.0.1", "-p", Integer.toString(port),
                    "-U", "postgres", "bastion").redirectErrorStream(true).start();
            String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(PG_DUMP_WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
            if (process.exitValue() == 0) {
                return text;
            }
        }
        return copyEverything(port);
    }

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
            // Flush to the data files, so that a scan of the cluster files sees what was just written.
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

    /** Each file of the test JVM's embedded cluster, by its path in the cluster, read as Latin-1 bytes. */
    public static Map<String, String> clusterFiles() throws IOException {
        Path cluster = TestDataDirectory.path().resolve("postgres");
        Map<String, String> contents = new java.util.LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(cluster)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                try {
                    contents.put(cluster.relativize(file).toString(), new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
                } catch (IOException e) {
                    // A file removed while walking (a recycled WAL segment) holds nothing to inspect.
                }
            }
        }
        return contents;
    }

    /** The surefire reports written by this test JVM (an earlier run's leftovers say nothing about this code). */
    public static String surefireOutput() throws IOException {
        Path reports = Path.of("target", "surefire-reports");
        if (!Files.isDirectory(reports)) {
            return "";
        }
        long started = ManagementFactory.getRuntimeMXBean().getStartTime();
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(reports)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (Files.getLastModifiedTime(file).toMillis() >= started) {
                    all.append(Files.readString(file, StandardCharsets.ISO_8859_1));
                }
            }
        }
        return all.toString();
    }

    /** A card number plain, in fours joined by spaces or dashes, Amex-style 4-6-5, and as the hex of its ASCII bytes. */
    public static List<String> forms(String pan) {
        List<String> forms = new ArrayList<>(List.of(pan, pan.replaceAll("(.{4})(?!$)", "$1 "),
                pan.replaceAll("(.{4})(?!$)", "$1-"), HexFormat.of().formatHex(pan.getBytes(StandardCharsets.US_ASCII))));
        if (pan.length() == 15) {
            forms.add(pan.substring(0, 4) + " " + pan.substring(4, 10) + " " + pan.substring(10));
        }
        return forms;
    }
}
