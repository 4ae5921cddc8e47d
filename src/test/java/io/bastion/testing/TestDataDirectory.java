package io.bastion.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Gives the whole test JVM one data directory, so every Spring test context shares one embedded
 * PostgreSQL (started on first use, stopped when the JVM ends).
 */
public final class TestDataDirectory implements LauncherSessionListener {

    private static Path directory;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        path();
    }

    /** The data directory of this test JVM. */
    public static synchronized Path path() {
        if (directory == null) {
            try {
                directory = Files.createTempDirectory("bastion-test-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            System.setProperty("bastion.data-dir", directory.toString());
            System.setProperty("bastion.database.embedded-durable", "false");
            // Every test signs in from 127.0.0.1: the per-address allowances would throttle the suite itself.
            // Per-account and per-phone limits stay as in production (tests use fresh accounts), and
            // RateLimitsTests checks the per-address limits with their production size.
            for (String perAddress : new String[] {"login-per-ip", "signup-per-ip", "code-per-ip", "card-entry-per-ip"}) {
                System.setProperty("bastion.rate-limits." + perAddress + ".capacity", "100000");
            }
        }
        return directory;
    }
}
