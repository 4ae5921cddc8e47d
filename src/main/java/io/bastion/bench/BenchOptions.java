package io.bastion.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The bench command's options: how long each phase is measured, where its database lives, which phases run, and
 * the rate of the open-loop payment phases when given ({@code openRate} NaN: half of the measured maximum).
 */
record BenchOptions(Duration phase, Duration warmUp, Path dataDir, Set<String> phases, double openRate) {

    /** The rate of an open-loop phase: the one given, else half of the maximum its closed-loop phase measured. */
    double openRate(double measuredMaximum) {
        return Double.isNaN(openRate) ? measuredMaximum / 2 : openRate;
    }

    static final int PHASE_SECONDS_DEFAULT = 10;
    static final int PHASE_SECONDS_MAX = 300;
    static final int WARM_UP_SECONDS_MAX = 5;
    /** The highest open-loop rate {@code --rate} takes, payments per second. */
    static final double OPEN_RATE_MAX = 10_000;
    /** The ledger phases, run when {@code --phases} is not given. */
    static final Set<String> PHASES = Set.of("a", "b", "b1", "c", "d");
    /** Every phase {@code --phases} accepts: the ledger's and the on-us payment phases. */
    static final Set<String> PHASES_ALL = Set.of("a", "b", "b1", "c", "d", "p0", "p1", "p2", "a1", "a2");

    /**
     * Parses {@code [--seconds N] [--data-dir DIR] [--phases a,b,b1,c,d,p0,p1,p2,a1,a2] [--rate R]}; a null data
     * directory means a fresh temporary one.
     */
    static BenchOptions parse(List<String> args) {
        int seconds = PHASE_SECONDS_DEFAULT;
        Path dataDir = null;
        Set<String> phases = PHASES;
        double openRate = Double.NaN;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1)
                    : i + 1 < args.size() ? args.get(++i) : "";
            if (arg.startsWith("--seconds")) {
                seconds = Integer.parseInt(value);
            } else if (arg.startsWith("--data-dir")) {
                dataDir = Path.of(value);
            } else if (arg.startsWith("--phases")) {
                phases = Set.of(value.split(","));
            } else if (arg.startsWith("--rate")) {
                openRate = Double.parseDouble(value);
                if (!(openRate > 0 && openRate <= OPEN_RATE_MAX)) {
                    throw new IllegalArgumentException("--rate must be above 0 and at most " + OPEN_RATE_MAX);
                }
            } else {
                throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        if (seconds < 1 || seconds > PHASE_SECONDS_MAX) {
            throw new IllegalArgumentException("--seconds must be 1 to " + PHASE_SECONDS_MAX);
        }
        if (!PHASES_ALL.containsAll(phases)) {
            throw new IllegalArgumentException("--phases takes a comma-separated subset of a,b,b1,c,d,p0,p1,p2,a1,a2");
        }
        int warmUp = Math.clamp(seconds / 2, 1, WARM_UP_SECONDS_MAX);
        return new BenchOptions(Duration.ofSeconds(seconds), Duration.ofSeconds(warmUp), dataDir, phases, openRate);
    }
}
