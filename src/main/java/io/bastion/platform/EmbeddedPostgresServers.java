package io.bastion.platform;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts at most one embedded PostgreSQL 18 per data directory in this JVM and stops it when the last
 * user releases it, so an application context, a CLI command and every test context share one server.
 */
final class EmbeddedPostgresServers {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServers.class);
    private static final Duration STARTUP_WAIT_MAX = Duration.ofSeconds(60);
    private static final Duration STRAY_STOP_WAIT_MAX = Duration.ofSeconds(20);
    private static final Map<Path, Running> RUNNING = new HashMap<>();

    private record Running(EmbeddedPostgres server, int users) {
    }

    private EmbeddedPostgresServers() {
    }

    /** Starts (or joins) the server whose cluster lives in {@code clusterDir}; durable means fsync on. */
    static synchronized EmbeddedPostgres acquire(Path clusterDir, boolean durable) {
        Path key = clusterDir.toAbsolutePath().normalize();
        Running running = RUNNING.get(key);
        if (running == null) {
            running = new Running(start(key, durable), 0);
        }
        RUNNING.put(key, new Running(running.server(), running.users() + 1));
        return running.server();
    }

    /** Releases one use; the last release stops the server so no PostgreSQL process outlives Bastion. */
    static synchronized void release(Path clusterDir) {
        Path key = clusterDir.toAbsolutePath().normalize();
        Running running = RUNNING.get(key);
        if (running == null) {
            return;
        }
        if (running.users() > 1) {
            RUNNING.put(key, new Running(running.server(), running.users() - 1));
            return;
        }
        RUNNING.remove(key);
        try {
            running.server().close();
        } catch (IOException e) {
            LOG.warn("embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
        }
    }

    /** Where, inside the cluster's directory, the embedded server writes its log. */
    static final String SERVER_LOG_DIRECTORY = "log";

    private static EmbeddedPostgres start(Path clusterDir, boolean durable) {
        DataDirectory.createPrivate(clusterDir.getParent());
        stopStrayServer(clusterDir);
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(clusterDir)
                    .setCleanDataDirectory(false)
                    // The last user's release stops the server; the library's own JVM shutdown hook would
                    // stop it while the application is still closing and recording its shutdown.
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(STARTUP_WAIT_MAX)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("timezone", "UTC")
                    // The server's own log (start, stop, errors, checkpoints, autovacuum) stays in the cluster's
                    // log folder, one file per weekday, each overwritten a week later. No value reaches it: terse
                    // errors leave out the DETAIL lines, which quote the values of a key that was violated, and a
                    // failed statement is logged without its bound parameters.
                    .setServerConfig("logging_collector", "on")
                    .setServerConfig("log_directory", SERVER_LOG_DIRECTORY)
                    .setServerConfig("log_filename", "postgresql-%a.log")
                    .setServerConfig("log_truncate_on_rotation", "on")
                    .setServerConfig("log_rotation_age", "1d")
                    .setServerConfig("log_rotation_size", "0")
                    .setServerConfig("log_error_verbosity", "terse")
                    .setServerConfig("log_parameter_max_length_on_error", "0");
            // The library starts the server with fsync off for speed; Bastion's data must survive a crash.
            String flush = durable ? "on" : "off";
            builder.setServerConfig("fsync", flush)
                    .setServerConfig("synchronous_commit", flush)
                    .setServerConfig("full_page_writes", flush);
            EmbeddedPostgres server = builder.start();
            LOG.info("embedded PostgreSQL started on 127.0.0.1:{} with data in {}", server.getPort(), clusterDir);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL in " + clusterDir, e);
        }
    }

    /**
     * A Bastion that was killed (not stopped) leaves its PostgreSQL running on the cluster; stop that
     * server before starting a new one, but only when the recorded process really is a postgres server.
     */
    private static void stopStrayServer(Path clusterDir) {
        Path pidFile = clusterDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        Optional<ProcessHandle> stray = readPid(pidFile).flatMap(ProcessHandle::of)
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
        stray.ifPresent(process -> {
            LOG.warn("stopping a PostgreSQL server (pid {}) left running by an earlier Bastion", process.pid());
            process.destroy();
            try {
                process.onExit().get(STRAY_STOP_WAIT_MAX.toSeconds(), TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("a PostgreSQL server still runs on " + clusterDir, e);
            }
        });
    }

    private static Optional<Long> readPid(Path pidFile) {
        try {
            List<String> lines = Files.readAllLines(pidFile);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.getFirst().trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
