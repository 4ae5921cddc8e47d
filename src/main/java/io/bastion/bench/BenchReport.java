package io.bastion.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** Prints the phases side by side, each with its ratio to the naive baseline (the first phase). */
final class BenchReport {

    private static final String ROW = "%-5s %-58s %11s %8s %8s %22s %9s %9s %9s %7s %6s%n";

    private BenchReport() {
    }

    static void print(List<PhaseResult> results, PrintStream out) {
        out.printf(Locale.ROOT, ROW, "phase", "what", "transfers/s", "p50 ms", "p99 ms", "CPU us/transfer (jvm+pg)",
                "xfr/flush", "WAL B/xfr", "xfr/batch", "vs (a)", "GC ms");
        double baseline = results.getFirst().label().equals("(a)") ? results.getFirst().transfersPerSecond() : Double.NaN;
        for (PhaseResult r : results) {
            String cpu = String.format(Locale.ROOT, "%.0f (%.0f+%.0f)", r.cpuMicrosPerTransfer(),
                    r.jvmCpuMicrosPerTransfer(), r.postgresCpuMicrosPerTransfer());
            out.printf(Locale.ROOT, ROW, r.label(), r.description(),
                    String.format(Locale.ROOT, "%,.0f", r.transfersPerSecond()),
                    String.format(Locale.ROOT, "%.2f", r.outcome().latencies().percentileMillis(0.50)),
                    String.format(Locale.ROOT, "%.2f", r.outcome().latencies().percentileMillis(0.99)),
                    cpu, String.format(Locale.ROOT, "%.1f", r.transfersPerWalFlush()),
                    String.format(Locale.ROOT, "%.0f", r.walBytesPerTransfer()),
                    Double.isNaN(r.transfersPerBatch()) ? "-" : String.format(Locale.ROOT, "%.1f", r.transfersPerBatch()),
                    String.format(Locale.ROOT, "%.1fx", r.transfersPerSecond() / baseline),
                    Long.toString(r.used().gcCpuNanos() / 1_000_000));
        }
        for (PhaseResult r : results) {
            if (r.outcome().failures() > 0) {
                out.printf(Locale.ROOT, "%s: %d failed calls, first: %s%n", r.label(), r.outcome().failures(),
                        r.outcome().firstFailure());
            }
        }
    }
}
