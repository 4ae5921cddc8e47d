package io.bastion.audit;

import io.bastion.keys.KeyPurpose;
import io.bastion.keys.Keys;
import io.bastion.shared.DeferredCommit;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** Appends records to the hash-chained audit log, signs checkpoints of it, lists it and verifies it. */
@Service
public final class AuditLog {

    static final long CHECKPOINT_INTERVAL_ENTRIES = 100;
    /** The most entries one transaction appends. */
    static final int BATCH_MAX = 500;
    /** The most entries one page of {@link #entries} holds. */
    public static final int ENTRIES_PAGE_MAX = 100;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ObjectProvider<Keys> keys;
    private final TransactionTemplate ownTransaction;
    /** Outside any caller's transaction, without one of its own: each statement commits by itself. */
    private final TransactionTemplate noTransaction;
    private final AuditVerifier verifier;
    private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock writer = new ReentrantLock();
    /**
     * The head as this process last committed it, or null when unknown: the next append starts from it and
     * moves the head only if it is still there (another process may have appended since), else locks and reads
     * it. Written only under {@link #writer}.
     */
    private Head committedHead;

    /**
     * The key service is looked up lazily: configuration warnings are recorded while the master key
     * (and so the key service) may still be in creation.
     */
    AuditLog(JdbcClient jdbc, Clock clock, ObjectProvider<Keys> keys, PlatformTransactionManager transactions) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.noTransaction = new TransactionTemplate(transactions);
        this.noTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
        this.verifier = new AuditVerifier(jdbc, keys, transactions);
    }

    /**
     * Appends a record in a transaction of the audit log's own (shared with other records appended at the same
     * moment), so that a failed action (whose own transaction rolls back) is still on record; returns once the
     * entry is committed. Every {@link #CHECKPOINT_INTERVAL_ENTRIES} entries the appending transaction signs
     * a checkpoint. Returns the entry's sequence number.
     */
    public long record(AuditRecord record) {
        return append(record, true, false);
    }

    /**
     * As {@link #record(AuditRecord)}; with {@code commitLater}, for a record made in the middle of a flow whose last
     * write, before anything leaves Bastion, is a synchronous commit: the entry is committed and chained when this
     * answers, but its commit may not wait for the disk ({@link DeferredCommit}; only when every entry appended with
     * it asked for that, and not when the append signs a checkpoint). The flow's own synchronous commit puts it on
     * disk with everything before it; a crash before that loses the entry together with what the flow did after it,
     * so the chain stays whole.
     */
    public long record(AuditRecord record, boolean commitLater) {
        return append(record, true, commitLater);
    }

    /** Verifies the whole chain and its checkpoints as of one snapshot. */
    public AuditVerification verify() {
        return verifier.verify();
    }

    /** Entries newest first, a page at a time: those before sequence number {@code before}. */
    public List<AuditEntry> entries(long before, int limit) {
        return jdbc.sql("SELECT * FROM audit_entry WHERE seq < ? ORDER BY seq DESC LIMIT ?")
                .params(before, Math.clamp(limit, 1, ENTRIES_PAGE_MAX))
                .query(AuditEntry::read).list();
    }

    /**
     * Appends without signing a checkpoint, for records made while the key service may itself be
     * starting; the next ordinary record signs the checkpoint that fell due.
     */
    long recordWithoutCheckpoint(AuditRecord record) {
        return append(record, false, false);
    }

    /** Signs the current head unless a checkpoint already covers it (at orderly shutdown). */
    void checkpoint() {
        ownTransaction.executeWithoutResult(status -> {
            Head head = lockHead();
            if (head.seq() > head.checkpointSeq()) {
                writeCheckpoint(head.seq(), head.hash(), now());
            }
        });
    }

    /**
     * Group commit: each caller queues its record, then whoever holds the writer lock appends everything
     * queued so far at once (one statement that commits by itself, or one transaction when the head must be
     * locked or a checkpoint signed; one commit, one WAL flush either way) and hands
     * every caller its sequence number. A caller returns only once its own entry is committed, exactly as
     * when each record had its own transaction; the chain's order is the order of appending.
     */
    private long append(AuditRecord record, boolean mayCheckpoint, boolean commitLater) {
        Objects.requireNonNull(record, "record");
        Pending pending = new Pending(record, mayCheckpoint, commitLater, canonicalDetails(record.details()),
                new CompletableFuture<>());
        queue.add(pending);
        while (!pending.done().isDone()) {
            writer.lock();
            try {
                if (!pending.done().isDone()) {
                    flush();
                }
            } finally {
                writer.unlock();
            }
        }
        try {
            return pending.done().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** Appends what is queued, in batches; a batch the database refuses is retried entry by entry. */
    private void flush() {
        List<Pending> batch = new ArrayList<>();
        for (Pending next = queue.poll(); next != null; next = batch.size() < BATCH_MAX ? queue.poll() : null) {
            batch.add(next);
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            Appended appended = appendAlone(batch);
            if (appended == null) {
                appended = Objects.requireNonNull(ownTransaction.execute(status -> appendAll(batch)));
            }
            committedHead = appended.head();
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).done().complete(appended.seqs().get(i));
            }
        } catch (RuntimeException e) {
            committedHead = null;
            // One entry may be what the database refused: alone, only that one fails.
            for (Pending one : batch) {
                try {
                    Appended appended = Objects.requireNonNull(ownTransaction.execute(status -> appendAll(List.of(one))));
                    committedHead = appended.head();
                    one.done().complete(appended.seqs().getFirst());
                } catch (RuntimeException alone) {
                    committedHead = null;
                    one.done().completeExceptionally(alone);
                }
            }
        }
    }

    /** The sequence numbers a transaction gave its entries, and the head it left. */
    private record Appended(List<Long> seqs, Head head) {
    }

    /**
     * The common case in one round trip: when this process knows the head and no checkpoint falls due in the
     * batch, the one statement of {@link #appendAfter} is all the batch needs, and it commits by itself. Answers
     * null (having written nothing) when a transaction is needed: the head is unknown or moved, or a checkpoint
     * is due.
     */
    private Appended appendAlone(List<Pending> batch) {
        Head known = committedHead;
        if (known == null) {
            return null;
        }
        for (int i = 0; i < batch.size(); i++) {
            if (batch.get(i).mayCheckpoint() && checkpointDue(known.seq() + i + 1, known.checkpointSeq())) {
                return null;
            }
        }
        boolean commitLater = batch.stream().allMatch(Pending::commitLater);
        Appended appended = noTransaction.execute(status -> appendAfter(known, batch, commitLater));
        if (appended == null) {
            // Another process appended: the transaction that follows locks and reads the head.
            committedHead = null;
        }
        return appended;
    }

    /**
     * Appends the entries after the head: from the head this process last committed if the database still has it
     * (no lock and read first), else from the locked head. Needs a transaction.
     */
    private Appended appendAll(List<Pending> batch) {
        Head known = committedHead;
        Appended appended = known == null ? null : appendAfter(known, batch, false);
        return appended != null ? appended : Objects.requireNonNull(appendAfter(lockHead(), batch, false),
                "the audit chain head moved while it was locked");
    }

    /**
     * Inserts the entries chained after {@code head} and moves the head to the last, in one statement that writes
     * nothing unless the head is still {@code head} (answering null then); the statement leaves the head locked,
     * so a checkpoint that falls due within the batch is signed in the same transaction. With {@code commitLater}
     * the statement's commit is a deferred one.
     */
    private Appended appendAfter(Head head, List<Pending> batch, boolean commitLater) {
        int n = batch.size();
        long[] seq = new long[n];
        Instant[] times = new Instant[n];
        byte[][] hashes = new byte[n][];
        String[][] text = new String[9][n];
        byte[] last = head.hash();
        HexFormat hex = HexFormat.of();
        for (int i = 0; i < n; i++) {
            times[i] = now();
            AuditRecord record = batch.get(i).record();
            AuditEntry unhashed = new AuditEntry(head.seq() + i + 1, times[i], record.actor(), record.action(),
                    record.target(), record.outcome().name(), record.originIp(), batch.get(i).details(), last, null);
            hashes[i] = hash(unhashed);
            seq[i] = unhashed.seq();
            String[] fields = {times[i].toString(), unhashed.actor(), unhashed.action(), unhashed.target(),
                    unhashed.outcome(), unhashed.originIp(), unhashed.details(), hex.formatHex(last),
                    hex.formatHex(hashes[i])};
            for (int f = 0; f < fields.length; f++) {
                text[f][i] = fields[f];
            }
            last = hashes[i];
        }
        int inserted = jdbc.sql("""
                WITH moved AS (
                    UPDATE audit_chain_head SET last_seq = ?, last_hash = ?
                    WHERE id AND last_seq = ? AND last_hash = ?
                    RETURNING 1)
                INSERT INTO audit_entry (seq, occurred_at, actor, action, target, outcome, origin_ip, details, prev_hash, hash)
                SELECT e.seq, e.at::timestamptz, e.actor, e.action, e.target, e.outcome, e.ip, e.details,
                    decode(e.prev, 'hex'), decode(e.hash, 'hex')
                FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                    ?::text[], ?::text[]) AS e(seq, at, actor, action, target, outcome, ip, details, prev, hash)
                WHERE EXISTS (SELECT 1 FROM moved)""" + (commitLater ? " AND " + DeferredCommit.CONDITION : ""))
                .params(List.of(seq[n - 1], last, head.seq(), head.hash(), seq, text[0], text[1], text[2], text[3],
                        text[4], text[5], text[6], text[7], text[8]))
                .update();
        if (inserted == 0) {
            return null;
        }
        long checkpointSeq = head.checkpointSeq();
        List<Long> seqs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            if (batch.get(i).mayCheckpoint() && checkpointDue(seq[i], checkpointSeq)) {
                writeCheckpoint(seq[i], hashes[i], times[i]);
                checkpointSeq = seq[i];
            }
            seqs.add(seq[i]);
        }
        return new Appended(seqs, new Head(seq[n - 1], last, checkpointSeq));
    }

    /** Whether the entry {@code seq} is due to be signed, the last checkpoint being at {@code checkpointSeq}. */
    private static boolean checkpointDue(long seq, long checkpointSeq) {
        return seq - checkpointSeq >= CHECKPOINT_INTERVAL_ENTRIES;
    }

    /** A record waiting to be appended, and where its caller waits for the sequence number. */
    private record Pending(AuditRecord record, boolean mayCheckpoint, boolean commitLater, String details,
                           CompletableFuture<Long> done) {
    }

    /** Signs and stores a checkpoint of the entry {@code seq}, which the head has reached; needs the head locked. */
    private void writeCheckpoint(long seq, byte[] hash, Instant at) {
        AuditCheckpoint checkpoint = AuditCheckpoint.sign(seq, hash, at, keys.getObject().signer(KeyPurpose.AUDIT_CHECKPOINT));
        jdbc.sql("INSERT INTO audit_checkpoint (last_seq, last_hash, signed_at, signature) VALUES (?, ?, ?, ?)")
                .params(seq, hash, utc(checkpoint.signedAt()), checkpoint.signature()).update();
        jdbc.sql("UPDATE audit_chain_head SET last_checkpoint_seq = ? WHERE id").param(seq).update();
    }

    private Head lockHead() {
        return jdbc.sql("SELECT last_seq, last_hash, last_checkpoint_seq FROM audit_chain_head WHERE id FOR UPDATE")
                .query((rs, n) -> new Head(rs.getLong(1), rs.getBytes(2), rs.getLong(3))).single();
    }

    /** Now, at the precision PostgreSQL stores, so the hash recomputed from a stored entry matches. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static OffsetDateTime utc(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    /** The hash of one entry: SHA-256 over the previous entry's hash and its fields, length-prefixed. */
    static byte[] hash(AuditEntry entry) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(entry.previousHash());
            for (String field : new String[] {Long.toString(entry.seq()), entry.occurredAt().toString(), entry.actor(),
                    entry.action(), entry.target(), entry.outcome(), entry.originIp(), entry.details()}) {
                byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
                digest.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
                digest.update(bytes);
            }
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }

    /** Details in a stable order (key=value lines, sorted) so the hash does not depend on map order. */
    static String canonicalDetails(Map<String, String> details) {
        StringBuilder out = new StringBuilder();
        new TreeMap<>(details).forEach((k, v) -> out.append(k.replace("\n", " ")).append('=')
                .append(v == null ? "" : v.replace("\n", " ")).append('\n'));
        return out.toString();
    }

    private record Head(long seq, byte[] hash, long checkpointSeq) {
    }
}
