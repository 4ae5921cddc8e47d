package io.bastion.ledger;

import io.bastion.platform.WriterDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit: callers queue their submissions, and a few writer threads each drain up to
 * {@link #BATCH_TRANSFERS_MAX} transfers and commit them in one transaction. A writer waits for more (at most
 * {@link #BATCH_WAIT_MAX}) only while another writer is committing: its batch would wait for that commit's row
 * locks anyway, whereas on a quiet ledger the wait would only add to every caller's latency. Results are handed back only after the commit, so every answer is durable. The
 * database's row locks and constraints decide between writers, in this process or in another.
 */
@Component
final class TransferWriter implements SmartLifecycle {

    static final int BATCH_TRANSFERS_MAX = 8190;
    static final Duration BATCH_WAIT_MAX = Duration.ofMillis(1);
    static final int QUEUE_SUBMISSIONS_MAX = 1024;
    static final Duration ENQUEUE_WAIT_MAX = Duration.ofSeconds(5);
    static final Duration RESULT_WAIT_MAX = Duration.ofSeconds(60);
    static final int COMMIT_ATTEMPTS_MAX = 8;
    static final int WRITERS = 2;
    private static final Set<String> RETRYABLE_SQL_STATES = Set.of("40001", "40P01", "23505");
    private static final Duration IDLE_POLL = Duration.ofMillis(200);
    private static final Logger LOG = LoggerFactory.getLogger(TransferWriter.class);

    /**
     * One caller's transfers, or (when {@code expiring} is set) pending transfers to void on timeout; {@code
     * commitLater} when the caller's flow commits synchronously afterwards ({@link Ledger#submitCommittingLater}).
     */
    record Submission(List<TransferRequest> requests, List<String> expiring, boolean commitLater,
                      CompletableFuture<List<TransferResult>> done) {

        int size() {
            return requests.size() + expiring.size();
        }
    }

    private final LedgerStore store;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final DistributionSummary batchSizes;
    private final Counter retries;
    private final BlockingQueue<Submission> queue = new ArrayBlockingQueue<>(QUEUE_SUBMISSIONS_MAX);
    private final List<Thread> writers = new ArrayList<>();
    private final AtomicInteger committing = new AtomicInteger();
    private volatile boolean running;

    /**
     * The writers work on their own pool ({@link WriterDataSource}), whose connections keep one generic plan per
     * statement; each batch is its own transaction on one of them.
     */
    @Autowired
    TransferWriter(@WriterDataSource DataSource writerPool, Clock clock, MeterRegistry meters) {
        this(new LedgerStore(JdbcClient.create(writerPool)),
                new TransactionTemplate(new JdbcTransactionManager(writerPool)), clock, meters);
    }

    TransferWriter(LedgerStore store, TransactionTemplate transactions, Clock clock, MeterRegistry meters) {
        this.store = Objects.requireNonNull(store, "store");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.batchSizes = DistributionSummary.builder("bastion.ledger.batch.transfers")
                .description("Transfers per committed ledger batch").register(meters);
        this.retries = Counter.builder("bastion.ledger.batch.retries")
                .description("Ledger batches retried after a serialization failure, deadlock or id race").register(meters);
    }

    /**
     * Queues a submission and waits until its batch has committed; the commit waits for the disk unless every
     * submission of the batch has {@code commitLater}.
     */
    List<TransferResult> submit(List<TransferRequest> requests, List<String> expiring, boolean commitLater) {
        if (requests.size() + expiring.size() > BATCH_TRANSFERS_MAX) {
            throw new IllegalArgumentException("a submission holds at most " + BATCH_TRANSFERS_MAX + " transfers");
        }
        Submission submission = new Submission(List.copyOf(requests), List.copyOf(expiring), commitLater,
                new CompletableFuture<>());
        try {
            if (!running || !queue.offer(submission, ENQUEUE_WAIT_MAX.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new LedgerUnavailable("the ledger is not accepting transfers now", null);
            }
            return submission.done().get(RESULT_WAIT_MAX.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerUnavailable("interrupted while waiting for the ledger", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new LedgerUnavailable("the ledger could not confirm the transfers", e);
        }
    }

    @Override
    public void start() {
        running = true;
        for (int i = 0; i < WRITERS; i++) {
            writers.add(Thread.ofPlatform().name("ledger-writer-" + i).daemon().start(this::run));
        }
    }

    /** Lets each writer finish the batch it is committing (an interrupt could fail it halfway), then stops. */
    @Override
    public void stop() {
        running = false;
        for (Thread writer : writers) {
            try {
                if (!writer.join(RESULT_WAIT_MAX)) {
                    writer.interrupt();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        writers.clear();
        Submission left;
        while ((left = queue.poll()) != null) {
            left.done().completeExceptionally(new LedgerUnavailable("the ledger stopped", null));
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts before and stops after the web server, so no accepted request finds the writers gone. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    private void run() {
        Submission carried = null;
        try {
            while (running) {
                Submission first = carried != null ? carried : queue.poll(IDLE_POLL.toMillis(), TimeUnit.MILLISECONDS);
                carried = null;
                if (first != null) {
                    List<Submission> batch = new ArrayList<>();
                    batch.add(first);
                    carried = fill(batch, first.size());
                    committing.incrementAndGet();
                    try {
                        commit(batch);
                    } finally {
                        committing.decrementAndGet();
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (carried != null) {
                carried.done().completeExceptionally(new LedgerUnavailable("the ledger stopped", null));
            }
        }
    }

    /** Adds queued submissions while they fit; answers the first one that did not fit, if any. */
    private Submission fill(List<Submission> batch, int size) throws InterruptedException {
        long deadline = System.nanoTime() + BATCH_WAIT_MAX.toNanos();
        while (size < BATCH_TRANSFERS_MAX) {
            Submission next = queue.poll();
            if (next == null) {
                if (committing.get() == 0) {
                    return null;
                }
                long wait = deadline - System.nanoTime();
                next = wait > 0 ? queue.poll(wait, TimeUnit.NANOSECONDS) : null;
                if (next == null) {
                    return null;
                }
            }
            if (size + next.size() > BATCH_TRANSFERS_MAX) {
                return next;
            }
            batch.add(next);
            size += next.size();
        }
        return null;
    }

    /** Commits a batch; when it fails for good, each submission is tried alone so one cannot sink the rest. */
    private void commit(List<Submission> batch) {
        try {
            List<List<TransferResult>> results = commitWithRetries(batch);
            batchSizes.record(batch.stream().mapToInt(Submission::size).sum());
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).done().complete(results.get(i));
            }
        } catch (RuntimeException e) {
            if (batch.size() > 1) {
                batch.forEach(submission -> commit(List.of(submission)));
                return;
            }
            LOG.error("a ledger batch failed and was not committed", e);
            batch.getFirst().done().completeExceptionally(e);
        }
    }

    /**
     * Commits a batch, retrying on conflicts. A batch of new transfers only (nothing to post, void or expire) is
     * first tried without reading which of its ids exist, one round trip less. The guess is checked before the
     * commit: the insert refuses an id that is stored already, and the ids of the transfers that were not created
     * are looked up. If either finds a stored transfer, whose answer would have been {@code exists} or a difference,
     * the batch is rolled back and tried again reading first.
     */
    private List<List<TransferResult>> commitWithRetries(List<Submission> batch) {
        boolean mayAssumeNew = batch.stream().allMatch(s -> s.expiring().isEmpty()
                && s.requests().stream().noneMatch(TransferRequest::resolves));
        for (int attempt = 1; ; attempt++) {
            boolean assumeNew = mayAssumeNew && attempt == 1;
            try {
                return transactions.execute(status -> commitOnce(batch, assumeNew));
            } catch (RuntimeException e) {
                if (assumeNew && (e instanceof NotOnlyNew || duplicateId(e))) {
                    continue;
                }
                if (attempt >= COMMIT_ATTEMPTS_MAX || !retryable(e)) {
                    throw e;
                }
                retries.increment();
                backOff(attempt);
            }
        }
    }

    /** A batch tried as new transfers only named a stored transfer: reading first changes its answers. */
    private static final class NotOnlyNew extends RuntimeException {
        NotOnlyNew() {
            super("a transfer of the batch is stored already", null, false, false);
        }
    }

    /**
     * One attempt. With {@code assumeNew} the stored transfers are not read first: every requested id is taken to
     * be new, and the attempt fails with {@link NotOnlyNew} when a transfer that was not created is stored.
     */
    private List<List<TransferResult>> commitOnce(List<Submission> batch, boolean assumeNew) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Set<String> ids = new HashSet<>();
        Set<String> pendingIds = new HashSet<>();
        for (Submission submission : batch) {
            for (TransferRequest request : submission.requests()) {
                if (request.id() != null && !assumeNew) {
                    ids.add(request.id());
                }
                if (request.resolves() && request.pendingId() != null) {
                    pendingIds.add(request.pendingId());
                }
            }
            pendingIds.addAll(submission.expiring());
        }
        ids.addAll(pendingIds);
        Map<String, TransferRow> known = assumeNew ? new HashMap<>() : store.transfers(ids);
        // A batch with no accounts to lock commits synchronously, which is always safe.
        Map<String, AccountState> accounts = store.lockAccounts(accountIds(batch, known, pendingIds),
                batch.stream().allMatch(Submission::commitLater));
        TransferBatch work = new TransferBatch(now, accounts, known, store.resolutions(pendingIds),
                () -> RandomIds.next("xfr"));
        List<List<TransferResult>> results = new ArrayList<>(batch.size());
        Set<String> notCreated = new HashSet<>();
        for (Submission submission : batch) {
            if (submission.expiring().isEmpty()) {
                List<TransferResult> applied = work.apply(submission.requests());
                for (TransferResult result : applied) {
                    if (assumeNew && result.outcome() != TransferOutcome.CREATED && result.id() != null) {
                        notCreated.add(result.id());
                    }
                }
                results.add(applied);
            } else {
                work.expire(submission.expiring());
                results.add(List.of());
            }
        }
        if (!notCreated.isEmpty() && !store.transfers(notCreated).isEmpty()) {
            throw new NotOnlyNew();
        }
        store.write(work.created(), accounts.values(), now);
        return results;
    }

    private static Set<String> accountIds(List<Submission> batch, Map<String, TransferRow> known, Set<String> pendingIds) {
        Set<String> accountIds = new HashSet<>();
        for (Submission submission : batch) {
            for (TransferRequest request : submission.requests()) {
                if (request.debitAccountId() != null) {
                    accountIds.add(request.debitAccountId());
                }
                if (request.creditAccountId() != null) {
                    accountIds.add(request.creditAccountId());
                }
            }
        }
        for (String pendingId : pendingIds) {
            TransferRow pending = known.get(pendingId);
            if (pending != null) {
                accountIds.add(pending.debitAccountId());
                accountIds.add(pending.creditAccountId());
            }
        }
        return accountIds;
    }

    /** A unique violation: an id (or a pending transfer's resolution) that is already stored. */
    private static boolean duplicateId(Throwable error) {
        return hasSqlState(error, Set.of("23505"));
    }

    /** Serialization failures, deadlocks and a duplicate id raced in by another writer all clear on retry. */
    private static boolean retryable(Throwable error) {
        return hasSqlState(error, RETRYABLE_SQL_STATES);
    }

    private static boolean hasSqlState(Throwable error, Set<String> states) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && states.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 1L << Math.min(attempt + 1, 8)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerUnavailable("interrupted while retrying", e);
        }
    }
}
