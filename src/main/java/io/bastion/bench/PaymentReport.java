package io.bastion.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * Prints the payment phases side by side with the issuer-core baseline (p0), and whether (p2) and (a2) meet the
 * goal: p99 under 30 ms at half of the maximum rate.
 */
final class PaymentReport {

    private static final String ROW = "%-5s %-62s %11s %8s %8s %8s %24s %6s %9s %16s %8s %7s %7s %6s%n";

    private PaymentReport() {
    }

    static void print(List<PaymentBench.Result> results, BenchOptions options, PrintStream out) {
        out.printf(Locale.ROOT, ROW, "phase", "what", "payments/s", "p50 ms", "p99 ms", "p99.9 ms",
                "CPU us/payment (jvm+pg)", "tx/pay", "flush/pay", "not frictionless", "declined", "vs (p0)", "JIT ms", "GC ms");
        double baseline = results.getFirst().phase().label().equals("(p0)")
                ? results.getFirst().phase().transfersPerSecond() : Double.NaN;
        for (PaymentBench.Result result : results) {
            PhaseResult r = result.phase();
            Latencies latencies = r.outcome().latencies();
            out.printf(Locale.ROOT, ROW, r.label(), r.description(),
                    String.format(Locale.ROOT, "%,.1f", r.transfersPerSecond()),
                    String.format(Locale.ROOT, "%.2f", latencies.percentileMillis(0.50)),
                    String.format(Locale.ROOT, "%.2f", latencies.percentileMillis(0.99)),
                    String.format(Locale.ROOT, "%.2f", latencies.percentileMillis(0.999)),
                    String.format(Locale.ROOT, "%.0f (%.0f+%.0f)", r.cpuMicrosPerTransfer(), r.jvmCpuMicrosPerTransfer(),
                            r.postgresCpuMicrosPerTransfer()),
                    String.format(Locale.ROOT, "%.1f", (double) r.used().commits() / r.outcome().transfers()),
                    String.format(Locale.ROOT, "%.1f", (double) r.used().walFlushes() / r.outcome().transfers()),
                    Long.toString(result.notFrictionless()), Long.toString(result.declined()),
                    Double.isNaN(baseline) ? "-" : String.format(Locale.ROOT, "%.2fx", r.transfersPerSecond() / baseline),
                    Long.toString(result.jitMillis()), Long.toString(r.used().gcCpuNanos() / 1_000_000));
        }
        for (PaymentBench.Result result : results) {
            PhaseResult r = result.phase();
            if (r.outcome().failures() > 0) {
                out.printf(Locale.ROOT, "%s: %d failed calls, first: %s%n", r.label(), r.outcome().failures(),
                        r.outcome().firstFailure());
            }
            if (!Double.isNaN(result.targetRate()) && !Double.isNaN(options.openRate())) {
                out.printf(Locale.ROOT, "%s: scheduled %.1f payments/s (--rate), achieved %.1f/s; p99 %.2f ms (the goal is"
                                + " judged at half of the maximum rate only)%n", r.label(), result.targetRate(),
                        r.transfersPerSecond(), r.outcome().latencies().percentileMillis(0.99));
            } else if (!Double.isNaN(result.targetRate())) {
                double p99 = r.outcome().latencies().percentileMillis(0.99);
                out.printf(Locale.ROOT, "%s: scheduled %.1f payments/s, achieved %.1f/s; p99 %.2f ms %s the goal"
                                + " (p99 < %.0f ms at half of the maximum rate)%n", r.label(), result.targetRate(),
                        r.transfersPerSecond(), p99, p99 < PaymentBench.P99_GOAL_MILLIS ? "meets" : "misses",
                        PaymentBench.P99_GOAL_MILLIS);
            }
        }
    }
}
