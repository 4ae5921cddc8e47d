package io.bastion.bench;

import java.util.concurrent.atomic.AtomicLongArray;

/** A concurrent latency histogram with 10 µs buckets up to ten seconds (slower calls count as ten seconds). */
final class Latencies {

    static final long BUCKET_NANOS = 10_000;
    static final int BUCKETS_MAX = 1_000_000;

    private final AtomicLongArray buckets = new AtomicLongArray(BUCKETS_MAX);

    void record(long nanos) {
        buckets.incrementAndGet((int) Math.min(Math.max(nanos, 0) / BUCKET_NANOS, BUCKETS_MAX - 1));
    }

    long count() {
        long count = 0;
        for (int i = 0; i < BUCKETS_MAX; i++) {
            count += buckets.get(i);
        }
        return count;
    }

    /** The latency in milliseconds below which the given fraction of calls finished (bucket upper bound). */
    double percentileMillis(double fraction) {
        long count = count();
        if (count == 0) {
            return Double.NaN;
        }
        long rank = (long) Math.ceil(fraction * count);
        long seen = 0;
        for (int i = 0; i < BUCKETS_MAX; i++) {
            seen += buckets.get(i);
            if (seen >= rank) {
                return (i + 1) * BUCKET_NANOS / 1e6;
            }
        }
        return BUCKETS_MAX * BUCKET_NANOS / 1e6;
    }
}
