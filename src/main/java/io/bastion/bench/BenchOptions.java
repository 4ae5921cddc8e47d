package io.bastion.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** The bench command's options: how long each phase is measured and where its database lives. */
record BenchOptions(Duration phase, Duration warmUp, Path dataDir, Set<String> phases) {

    static final int PHASE_SECONDS_DEFAULT = 10;
    static final int PHASE_SECONDS_MAX = 300;
    static final int WARM_UP_SECONDS_MAX = 5;
    /** The ledger phases, run when {@code --phases} is not given. */
    static final Set<String> PHASES = Set.of("a", "b", "b1", "c", "d");
    /** Every phase {@code --phases} accepts: the ledger's and the on-us payment phases. */
    static final Set<String> PHASES_ALL = Set.of("a", "b", "b1", "c", "d", "p0", "p1", "p2", "a1", "a2");

    /**
     * Parses {@code [--seconds N] [--data-dir DIR] [--phases a,b,b1,c,d,p0,p1,p2,a1,a2]}; a null data directory means a
     * fresh temporary one.
     */
    static BenchOptions parse(List<String> args) {
        int seconds = PHASE_SECONDS_DEFAULT;
        Path dataDir = null;
        Set<String> phases = PHASES;
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
        return new BenchOptions(Duration.ofSeconds(seconds), Duration.ofSeconds(warmUp), dataDir, phases);
    }
}
