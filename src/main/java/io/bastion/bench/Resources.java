package io.bastion.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * Reads the counters a phase is measured by: this JVM's CPU time, the CPU time of the embedded
 * PostgreSQL's processes (from /proc), and the server's WAL statistics.
 */
final class Resources {

    /** PostgreSQL backends send their statistics at most once a second (PGSTAT_MIN_INTERVAL). */
    static final Duration STATS_FLUSH_WAIT = Duration.ofMillis(1100);
    static final int CONNECTIONS_TOUCHED_MAX = 64;
    /** The embedded cluster's superuser. */
    static final String EMBEDDED_SUPERUSER = "postgres";
    /** Linux reports process times in clock ticks of 1/100 s (USER_HZ). */
    static final long NANOS_PER_TICK = 10_000_000L;

    /**
     * The counters at one moment; {@code commits} are the database's committed transactions, {@code gcCpuNanos}
     * the part of the JVM's CPU time its garbage collector's threads used.
     */
    record Snapshot(long jvmCpuNanos, long gcCpuNanos, long postgresCpuNanos, long walRecords, long walBytes,
                    long walFlushes, long commits) {

        Snapshot minus(Snapshot before) {
            return new Snapshot(jvmCpuNanos - before.jvmCpuNanos, gcCpuNanos - before.gcCpuNanos,
                    postgresCpuNanos - before.postgresCpuNanos, walRecords - before.walRecords,
                    walBytes - before.walBytes, walFlushes - before.walFlushes, commits - before.commits);
        }
    }

    private final DataSource dataSource;
    private final Path cluster;
    private final int poolSize;

    Resources(DataSource dataSource, Path cluster, int poolSize) {
        this.dataSource = dataSource;
        this.cluster = cluster;
        this.poolSize = Math.min(poolSize, CONNECTIONS_TOUCHED_MAX);
    }

    /**
     * Takes a snapshot once every backend (those of the connections the phase holds, and the pool's) has had
     * the chance to publish its statistics.
     */
    Snapshot take(List<Connection> held) throws InterruptedException, SQLException {
        Thread.sleep(STATS_FLUSH_WAIT);
        for (Connection c : held) {
            touch(c);
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
        touchEveryConnection(poolSize - held.size());
        long jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        long postgres = postgresCpuNanos();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("""
                     SELECT w.wal_records, w.wal_bytes,
                            (SELECT coalesce(sum(fsyncs), 0) FROM pg_stat_io WHERE object = 'wal'),
                            (SELECT xact_commit FROM pg_stat_database WHERE datname = current_database())
                     FROM pg_stat_wal w""")) {
            rs.next();
            return new Snapshot(jvm, gcCpuNanos(), postgres, rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4));
        }
    }

    /**
     * Has the bench's new cluster reach the state of one in service before a phase: a checkpoint, after which
     * PostgreSQL recycles the WAL segments written so far as the next ones. A new cluster has none to recycle until
     * its first checkpoint (five minutes away, past the bench's end), so without this it creates and fills with
     * zeros a new 16 MB segment every few seconds, and every synchronous commit waits 60 to 150 ms behind it. The
     * bench's cluster is embedded and local, so its superuser (the only role allowed to checkpoint) needs no
     * password; the application's own role is not given that right.
     */
    void checkpoint() throws SQLException {
        String url;
        try (Connection c = dataSource.getConnection()) {
            url = c.getMetaData().getURL().replaceFirst("\\?.*", "");
        }
        try (Connection admin = DriverManager.getConnection(url, EMBEDDED_SUPERUSER, null);
             Statement s = admin.createStatement()) {
            s.execute("CHECKPOINT");
        }
    }

    /** An idle backend publishes pending statistics when it finishes a statement a second after the last time. */
    private void touchEveryConnection(int count) throws SQLException {
        List<Connection> held = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                Connection c = dataSource.getConnection();
                held.add(c);
                touch(c);
            }
        } finally {
            for (Connection c : held) {
                c.close();
            }
        }
    }

    private static void touch(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SELECT 1");
        }
    }

    /**
     * The CPU time of this JVM's garbage-collector threads (HotSpot names them {@code GC Thread#n}, G1's
     * concurrent, refinement and service threads {@code G1 ...}, ZGC's {@code ZWorkerYoung#n}, {@code ZDriverMinor},
     * {@code ZDirector} and the like), from /proc; 0 where there is no /proc. On two cores a concurrent marking cycle
     * takes one of them from the payments while it runs.
     */
    static long gcCpuNanos() {
        long ticks = 0;
        try (Stream<Path> threads = Files.list(Path.of("/proc/self/task"))) {
            for (Path thread : threads.toList()) {
                String[] fields = stat(thread);
                if (fields.length >= 15 && collector(fields[1])) {
                    ticks += Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return ticks * NANOS_PER_TICK;
    }

    private static boolean collector(String thread) {
        return thread.startsWith("GC_Thread") || thread.startsWith("G1_")
                || thread.length() > 1 && thread.charAt(0) == 'Z' && Character.isUpperCase(thread.charAt(1));
    }

    /** The postmaster's and its children's CPU time, plus what children that already exited used. */
    long postgresCpuNanos() {
        Optional<Long> postmaster = postmasterPid();
        if (postmaster.isEmpty()) {
            return 0;
        }
        long ticks = 0;
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.filter(p -> p.getFileName().toString().matches("[0-9]+")).toList()) {
                String[] fields = stat(process);
                if (fields.length < 17) {
                    continue;
                }
                long pid = Long.parseLong(fields[0]);
                if (pid == postmaster.get()) {
                    ticks += Long.parseLong(fields[13]) + Long.parseLong(fields[14])
                            + Long.parseLong(fields[15]) + Long.parseLong(fields[16]);
                } else if (Long.parseLong(fields[3]) == postmaster.get()) {
                    ticks += Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return ticks * NANOS_PER_TICK;
    }

    /**
     * The fields of /proc/PID/stat (or of a thread's, /proc/self/task/TID/stat), with the command name's spaces
     * turned into underscores so that it stays one field; empty when the process or thread is gone.
     */
    private static String[] stat(Path process) {
        try {
            String line = Files.readString(process.resolve("stat"));
            int open = line.indexOf('(');
            int close = line.lastIndexOf(')');
            String pid = line.substring(0, line.indexOf(' '));
            String name = line.substring(open + 1, close).replace(' ', '_');
            return (pid + " " + (name.isEmpty() ? "_" : name) + " " + line.substring(close + 2)).split(" ");
        } catch (IOException | RuntimeException e) {
            return new String[0];
        }
    }

    private Optional<Long> postmasterPid() {
        if (cluster == null) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(cluster.resolve("postmaster.pid"));
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.getFirst().trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
