package io.bastion.bench;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.ConcurrentHistogram;

/**
 * A concurrent latency histogram (HdrHistogram, three significant digits, up to a minute; slower calls count as a
 * minute). It is a few tens of kilobytes: a phase's histogram must not itself disturb the heap it measures.
 */
final class Latencies {

    static final long HIGHEST_NANOS = TimeUnit.MINUTES.toNanos(1);
    static final int SIGNIFICANT_DIGITS = 3;

    private final ConcurrentHistogram histogram = new ConcurrentHistogram(HIGHEST_NANOS, SIGNIFICANT_DIGITS);

    void record(long nanos) {
        histogram.recordValue(Math.min(Math.max(nanos, 0), HIGHEST_NANOS));
    }

    long count() {
        return histogram.getTotalCount();
    }

    /** The latency in milliseconds below which the given fraction of calls finished. */
    double percentileMillis(double fraction) {
        return count() == 0 ? Double.NaN : histogram.getValueAtPercentile(fraction * 100) / 1e6;
    }
}
