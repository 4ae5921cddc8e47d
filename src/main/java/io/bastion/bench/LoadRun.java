package io.bastion.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/** Runs a number of clients in a closed loop for a fixed time and counts what they did. */
final class LoadRun {

    static final Duration JOIN_WAIT_MAX = Duration.ofSeconds(120);

    /** One client's call: does some transfers and answers how many succeeded. */
    @FunctionalInterface
    interface Call {
        int call(int client, ThreadLocalRandom random) throws Exception;
    }

    /** What a run did: successful transfers, calls, failed calls and the first failure seen. */
    record Outcome(long transfers, long calls, long failures, Throwable firstFailure, Latencies latencies, long nanos) {
    }

    private LoadRun() {
    }

    static Outcome run(int clients, boolean virtual, Duration duration, Call call) throws InterruptedException {
        LongAdder transfers = new LongAdder();
        LongAdder calls = new LongAdder();
        LongAdder failures = new LongAdder();
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        Latencies latencies = new Latencies();
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        List<Thread> threads = new ArrayList<>(clients);
        for (int i = 0; i < clients; i++) {
            int client = i;
            Runnable loop = () -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (System.nanoTime() < deadline) {
                    long began = System.nanoTime();
                    try {
                        transfers.add(call.call(client, random));
                        latencies.record(System.nanoTime() - began);
                        calls.increment();
                    } catch (Exception e) {
                        failures.increment();
                        firstFailure.compareAndSet(null, e);
                    }
                }
            };
            threads.add(virtual ? Thread.ofVirtual().start(loop) : Thread.ofPlatform().daemon().start(loop));
        }
        for (Thread thread : threads) {
            if (!thread.join(JOIN_WAIT_MAX.plus(duration))) {
                throw new IllegalStateException("a bench client did not finish");
            }
        }
        return new Outcome(transfers.sum(), calls.sum(), failures.sum(), firstFailure.get(), latencies,
                System.nanoTime() - start);
    }
}
