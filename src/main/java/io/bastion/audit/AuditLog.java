package io.bastion.audit;

import io.bastion.keys.KeyPurpose;
import io.bastion.keys.Keys;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
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
    /** The most entries one page of {@link #entries} holds. */
    public static final int ENTRIES_PAGE_MAX = 100;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ObjectProvider<Keys> keys;
    private final TransactionTemplate ownTransaction;
    private final AuditVerifier verifier;

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
        this.verifier = new AuditVerifier(jdbc, keys, transactions);
    }

    /**
     * Appends a record in its own transaction, so that a failed action (whose own transaction rolls
     * back) is still on record. Every {@link #CHECKPOINT_INTERVAL_ENTRIES} entries the same
     * transaction signs a checkpoint. Returns the entry's sequence number.
     */
    public long record(AuditRecord record) {
        return append(record, true);
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
        return append(record, false);
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

    private long append(AuditRecord record, boolean mayCheckpoint) {
        Objects.requireNonNull(record, "record");
        Long seq = ownTransaction.execute(status -> {
            Head head = lockHead();
            Instant at = now();
            AuditEntry unhashed = new AuditEntry(head.seq() + 1, at, record.actor(), record.action(), record.target(),
                    record.outcome().name(), record.originIp(), canonicalDetails(record.details()), head.hash(), null);
            byte[] hash = hash(unhashed);
            jdbc.sql("""
                    INSERT INTO audit_entry (seq, occurred_at, actor, action, target, outcome, origin_ip, details, prev_hash, hash)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(unhashed.seq(), utc(at), unhashed.actor(), unhashed.action(), unhashed.target(),
                            unhashed.outcome(), unhashed.originIp(), unhashed.details(), head.hash(), hash)
                    .update();
            if (mayCheckpoint && unhashed.seq() - head.checkpointSeq() >= CHECKPOINT_INTERVAL_ENTRIES) {
                writeCheckpoint(unhashed.seq(), hash, at);
            } else {
                jdbc.sql("UPDATE audit_chain_head SET last_seq = ?, last_hash = ? WHERE id")
                        .params(unhashed.seq(), hash).update();
            }
            return unhashed.seq();
        });
        return Objects.requireNonNull(seq, "seq");
    }

    /** Signs and stores a checkpoint of the entry {@code seq} and moves the head there; needs the head locked. */
    private void writeCheckpoint(long seq, byte[] hash, Instant at) {
        AuditCheckpoint checkpoint = AuditCheckpoint.sign(seq, hash, at, keys.getObject().signer(KeyPurpose.AUDIT_CHECKPOINT));
        jdbc.sql("INSERT INTO audit_checkpoint (last_seq, last_hash, signed_at, signature) VALUES (?, ?, ?, ?)")
                .params(seq, hash, utc(checkpoint.signedAt()), checkpoint.signature()).update();
        jdbc.sql("UPDATE audit_chain_head SET last_seq = ?, last_hash = ?, last_checkpoint_seq = ? WHERE id")
                .params(seq, hash, seq).update();
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
