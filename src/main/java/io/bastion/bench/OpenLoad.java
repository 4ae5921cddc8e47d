package io.bastion.bench;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs calls open loop: arrivals are scheduled at a fixed rate whatever the system does, each on its own virtual
 * thread, and a call's latency counts from its scheduled start, so time spent queueing behind slow calls is
 * measured too (no coordinated omission).
 */
final class OpenLoad {

    /** Calls in flight at most; past it the scheduler waits, and the wait still counts in every later latency. */
    static final int IN_FLIGHT_MAX = 10_000;

    private OpenLoad() {
    }

    /** Schedules {@code ratePerSecond} calls a second for the duration and waits for the last to finish. */
    static LoadRun.Outcome run(double ratePerSecond, Duration duration, LoadRun.Call call) throws InterruptedException {
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("the rate must be positive");
        }
        LongAdder done = new LongAdder();
        LongAdder calls = new LongAdder();
        LongAdder failures = new LongAdder();
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        Latencies latencies = new Latencies();
        Semaphore inFlight = new Semaphore(IN_FLIGHT_MAX);
        long start = System.nanoTime();
        long arrivals = (long) (ratePerSecond * duration.toNanos() / 1e9);
        for (long i = 0; i < arrivals; i++) {
            long scheduled = start + (long) (i * 1e9 / ratePerSecond);
            for (long wait = scheduled - System.nanoTime(); wait > 0; wait = scheduled - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            inFlight.acquire();
            int arrival = (int) (i % Integer.MAX_VALUE);
            Thread.ofVirtual().start(() -> {
                try {
                    done.add(call.call(arrival, ThreadLocalRandom.current()));
                    latencies.record(System.nanoTime() - scheduled);
                    calls.increment();
                } catch (Exception e) {
                    failures.increment();
                    firstFailure.compareAndSet(null, e);
                } finally {
                    inFlight.release();
                }
            });
        }
        if (!inFlight.tryAcquire(IN_FLIGHT_MAX, LoadRun.JOIN_WAIT_MAX.toSeconds(), TimeUnit.SECONDS)) {
            throw new IllegalStateException("open-loop calls did not finish");
        }
        return new LoadRun.Outcome(done.sum(), calls.sum(), failures.sum(), firstFailure.get(), latencies,
                System.nanoTime() - start);
    }
}
