package io.bastion.bench;

import io.bastion.ledger.Ledger;
import io.bastion.platform.DataDirectory;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar bastion.jar bench [--seconds N] [--data-dir DIR] [--phases ...]}: starts a full Bastion
 * (HTTPS on a random port, embedded PostgreSQL with fsync on) and measures, against that one database, (a) a
 * naive transaction per transfer, (b) the ledger's batch API in process, (c) the HTTPS API with one transfer per
 * request and (d) the same with every transfer crediting one merchant account; on request the on-us payment
 * phases (p0, p1, p2, a1, a2) of {@link PaymentBench}.
 */
public final class LedgerBench {

    static final int ACCOUNTS = 10_000;
    static final int NAIVE_CLIENTS = 8;
    static final int BATCH_CLIENTS = 8;
    static final int BATCH_TRANSFERS = 1000;
    static final int SINGLE_CLIENTS = 64;
    static final int HTTP_CONNECTIONS = 64;
    static final int HTTP_WARM_UP_FACTOR = 3;
    static final int POOL_SIZE_DEFAULT = 20;
    /** A data directory the bench may fill with bench accounts carries this file; any other must be empty. */
    static final String MARKER_FILE = "bench-data-dir";
    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;

    private LedgerBench() {
    }

    /** Runs the bench with the words after {@code bench}; answers the process exit code. */
    public static int run(Class<?> application, List<String> args, PrintStream out) {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            out.println("usage: java -jar bastion.jar bench [--seconds N] [--data-dir DIR] [--phases a,b,b1,c,d,p0,p1,p2,a1,a2] [--rate R]");
            return EXIT_USAGE;
        }
        boolean temporary = options.dataDir() == null;
        try {
            Path dataDir = temporary ? Files.createTempDirectory("bastion-bench-") : options.dataDir().toAbsolutePath();
            if (!claim(dataDir)) {
                out.println(dataDir + " is neither empty nor an earlier bench's data directory; the bench adds"
                        + " accounts and transfers to the ledger it finds, so give it a directory of its own");
                return EXIT_USAGE;
            }
            try {
                return bench(application, options, dataDir, out);
            } finally {
                if (temporary) {
                    delete(dataDir);
                }
            }
        } catch (Exception e) {
            out.println("the bench failed: " + e);
            return EXIT_FAILED;
        }
    }

    private static boolean claim(Path dataDir) throws IOException {
        if (Files.isDirectory(dataDir)) {
            try (Stream<Path> entries = Files.list(dataDir)) {
                if (entries.findAny().isPresent() && !Files.exists(dataDir.resolve(MARKER_FILE))) {
                    return false;
                }
            }
        }
        DataDirectory.writePrivate(dataDir.resolve(MARKER_FILE), "bench\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return true;
    }

    private static int bench(Class<?> application, BenchOptions options, Path dataDir, PrintStream out) throws Exception {
        SpringApplication app = new SpringApplication(application);
        app.setDefaultProperties(Map.of("logging.level.root", "WARN", "spring.main.banner-mode", "off"));
        // Command-line properties outrank the environment, so the bench never reaches a configured database.
        try (ConfigurableApplicationContext context = app.run("--bastion.data-dir=" + dataDir,
                "--bastion.https-port=0", "--bastion.database.url=", "--bastion.database.embedded-durable=true",
                "--bastion.bootstrap-operator-key=", "--spring.profiles.active=dev")) {
            DataSource dataSource = context.getBean(DataSource.class);
            int poolSize = context.getEnvironment().getProperty("bastion.database.pool-size", Integer.class, POOL_SIZE_DEFAULT);
            Resources resources = new Resources(dataSource, dataDir.resolve("postgres"), poolSize);
            printSetting(context, dataSource, options, out);
            String run = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
            List<PhaseResult> results = phases(context, options, dataDir, resources, run, out);
            List<PaymentBench.Result> payments = options.phases().stream().anyMatch(PaymentBench.PHASES::contains)
                    ? new PaymentBench(context, options, resources, run, out).run() : List.of();
            out.println();
            if (!results.isEmpty()) {
                BenchReport.print(results, out);
            }
            if (!payments.isEmpty()) {
                PaymentReport.print(payments, options, out);
                payments.forEach(p -> results.add(p.phase()));
            }
            out.printf(Locale.ROOT, "load average after: %.2f%n", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            return results.stream().anyMatch(r -> r.outcome().failures() > 0 || r.outcome().transfers() == 0)
                    ? EXIT_FAILED : EXIT_OK;
        }
    }

    private static List<PhaseResult> phases(ConfigurableApplicationContext context, BenchOptions options, Path dataDir,
                                            Resources resources, String run, PrintStream out) throws Exception {
        DataSource dataSource = context.getBean(DataSource.class);
        MeterRegistry meters = context.getBean(MeterRegistry.class);
        Phases phases = new Phases(options, resources, meters, out);
        List<PhaseResult> results = new ArrayList<>();
        if (options.phases().contains("a")) {
            try (NaiveBaseline naive = new NaiveBaseline(dataSource, ACCOUNTS, NAIVE_CLIENTS, run)) {
                results.add(phases.measure("(a)", "naive JDBC, 1 tx per transfer, " + NAIVE_CLIENTS + " clients",
                        NAIVE_CLIENTS, false, naive.connections(), naive::transfer));
            }
        }
        if (options.phases().stream().noneMatch(Set.of("b", "b1", "c", "d")::contains)) {
            return results;
        }
        LedgerAccounts accounts = new LedgerAccounts(context.getBean(Ledger.class), ACCOUNTS, run);
        if (options.phases().contains("b")) {
            results.add(phases.measure("(b)", "Ledger.submit, " + BATCH_CLIENTS + " clients x " + BATCH_TRANSFERS
                    + "-transfer batches (latency per batch)", BATCH_CLIENTS, true, List.of(),
                    (client, random) -> accounts.submit(random, BATCH_TRANSFERS)));
        }
        if (options.phases().contains("b1")) {
            results.add(phases.measure("(b1)", "Ledger.submit, " + SINGLE_CLIENTS + " clients x 1 transfer",
                    SINGLE_CLIENTS, true, List.of(), (client, random) -> accounts.submit(random, 1)));
        }
        if (options.phases().contains("c") || options.phases().contains("d")) {
            results.addAll(httpPhases(context, options, dataDir, accounts, phases));
        }
        return results;
    }

    private static List<PhaseResult> httpPhases(ConfigurableApplicationContext context, BenchOptions options, Path dataDir,
                                                LedgerAccounts accounts, Phases phases) throws Exception {
        int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        String key = Files.readString(dataDir.resolve("bootstrap-operator-key")).trim();
        List<PhaseResult> results = new ArrayList<>();
        try (HttpTransfers http = new HttpTransfers(accounts, dataDir, port, key)) {
            if (options.phases().contains("c")) {
                // The first HTTPS phase warms up three times as long as it runs: TLS, the filter chain, JSON and
                // validation are a lot of cold code, and on a busy machine the JIT compiles it slowly.
                results.add(phases.measure("(c)", "HTTPS, 1 transfer per POST, " + HTTP_CONNECTIONS + " connections",
                        HTTP_CONNECTIONS, true, List.of(), (client, random) -> http.transfer(random, false),
                        options.phase().multipliedBy(HTTP_WARM_UP_FACTOR)));
            }
            if (options.phases().contains("d")) {
                results.add(phases.measure("(d)", "as (c), every transfer credits one merchant account",
                        HTTP_CONNECTIONS, true, List.of(), (client, random) -> http.transfer(random, true)));
            }
        }
        return results;
    }

    private static void printSetting(ConfigurableApplicationContext context, DataSource dataSource, BenchOptions options,
                                     PrintStream out) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_setting('server_version'), current_setting('fsync'),"
                     + " current_setting('synchronous_commit'), current_setting('wal_sync_method')")) {
            rs.next();
            out.printf(Locale.ROOT, "Bastion bench %s: %d CPUs, load average %.2f, PostgreSQL %s (fsync %s,"
                            + " synchronous_commit %s, wal_sync_method %s), Java %s (collector %s, heap at most %d MB),"
                            + " %d s per phase after %d s warm-up%n",
                    context.getBean(Clock.class).instant(), Runtime.getRuntime().availableProcessors(),
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), rs.getString(1),
                    rs.getString(2), rs.getString(3), rs.getString(4), Runtime.version(), collectors(),
                    Runtime.getRuntime().maxMemory() >> 20, options.phase().toSeconds(), options.warmUp().toSeconds());
        }
    }

    /** The JVM's garbage collectors as it names them ("ZGC Cycles, ZGC Pauses", "G1 Young Generation, ..."). */
    private static String collectors() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(java.lang.management.GarbageCollectorMXBean::getName).collect(java.util.stream.Collectors.joining(", "));
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // A temporary directory left behind is harmless; the figures were printed.
        }
    }

    /** Warms up and measures one phase at a time. */
    private record Phases(BenchOptions options, Resources resources, MeterRegistry meters, PrintStream out) {

        PhaseResult measure(String label, String description, int clients, boolean virtual, List<Connection> held,
                            LoadRun.Call call) throws Exception {
            return measure(label, description, clients, virtual, held, call, options.warmUp());
        }

        PhaseResult measure(String label, String description, int clients, boolean virtual, List<Connection> held,
                            LoadRun.Call call, java.time.Duration warmUp) throws Exception {
            out.printf("%s %s ...%n", label, description);
            LoadRun.run(clients, virtual, warmUp, call);
            Resources.Snapshot before = resources.take(held);
            double[] batchesBefore = batches();
            LoadRun.Outcome outcome = LoadRun.run(clients, virtual, options.phase(), call);
            Resources.Snapshot after = resources.take(held);
            double[] batchesAfter = batches();
            double batches = batchesAfter[0] - batchesBefore[0];
            return new PhaseResult(label, description, outcome, after.minus(before),
                    batches == 0 ? Double.NaN : (batchesAfter[1] - batchesBefore[1]) / batches);
        }

        private double[] batches() {
            DistributionSummary summary = meters.find("bastion.ledger.batch.transfers").summary();
            return summary == null ? new double[] {0, 0} : new double[] {summary.count(), summary.totalAmount()};
        }
    }
}
