package io.bastion.audit;

import com.google.crypto.tink.PublicKeyVerify;
import io.bastion.audit.AuditVerification.Broken;
import io.bastion.audit.AuditVerification.Intact;
import io.bastion.audit.AuditVerification.Reason;
import io.bastion.keys.KeyPurpose;
import io.bastion.keys.Keys;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Walks the audit log in sequence order, a bounded page at a time, recomputing every hash and link,
 * then checks every signed checkpoint and the chain head against the entries. Runs in one
 * repeatable-read snapshot so that entries appended meanwhile neither break nor join the walk.
 */
final class AuditVerifier {

    static final int PAGE_ENTRIES = 1000;
    static final int PAGE_CHECKPOINTS = 1000;
    private static final byte[] GENESIS_HASH = new byte[32];

    private final JdbcClient jdbc;
    private final ObjectProvider<Keys> keys;
    private final TransactionTemplate snapshot;

    AuditVerifier(JdbcClient jdbc, ObjectProvider<Keys> keys, PlatformTransactionManager transactions) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.snapshot = new TransactionTemplate(transactions);
        this.snapshot.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.snapshot.setReadOnly(true);
    }

    AuditVerification verify() {
        return Objects.requireNonNull(snapshot.execute(status -> {
            AuditVerification chain = verifyChain();
            long checkedUpTo = chain instanceof Broken broken ? broken.firstBadEntry() : Long.MAX_VALUE;
            long entries = chain instanceof Intact intact ? intact.entries() : checkedUpTo - 1;
            Optional<Broken> checkpoint = verifyCheckpoints(checkedUpTo, entries);
            if (checkpoint.isPresent()) {
                return checkpoint.get();
            }
            Optional<Broken> head = chain instanceof Intact intact ? verifyHead(intact.entries()) : Optional.empty();
            return head.<AuditVerification>map(broken -> broken).orElse(chain);
        }));
    }

    /** The first entry whose position, link or hash is wrong, or the count of a sound chain. */
    private AuditVerification verifyChain() {
        long expectedSeq = 1;
        byte[] previousHash = GENESIS_HASH;
        while (true) {
            List<AuditEntry> page = jdbc.sql("SELECT * FROM audit_entry WHERE seq >= ? ORDER BY seq LIMIT ?")
                    .params(expectedSeq, PAGE_ENTRIES).query(AuditEntry::read).list();
            for (AuditEntry entry : page) {
                Optional<Broken> broken = check(entry, expectedSeq, previousHash);
                if (broken.isPresent()) {
                    return broken.get();
                }
                expectedSeq++;
                previousHash = entry.hash();
            }
            if (page.size() < PAGE_ENTRIES) {
                return new Intact(expectedSeq - 1);
            }
        }
    }

    private Optional<Broken> check(AuditEntry entry, long expectedSeq, byte[] previousHash) {
        if (entry.seq() != expectedSeq) {
            return Optional.of(new Broken(expectedSeq, Reason.REMOVED));
        }
        boolean selfConsistent = Arrays.equals(entry.expectedHash(), entry.hash());
        if (!Arrays.equals(entry.previousHash(), previousHash)) {
            if (standsLater(entry.previousHash(), entry.seq())) {
                return Optional.of(new Broken(entry.seq(), Reason.REORDERED));
            }
            // A sound entry linked to a hash that no longer exists means its predecessor was rewritten
            // together with that predecessor's hash.
            long altered = selfConsistent && entry.seq() > 1 ? entry.seq() - 1 : entry.seq();
            return Optional.of(new Broken(altered, Reason.ALTERED));
        }
        return selfConsistent ? Optional.empty() : Optional.of(new Broken(entry.seq(), Reason.ALTERED));
    }

    /** True when the entry an entry was chained to now stands after it. */
    private boolean standsLater(byte[] hash, long seq) {
        return jdbc.sql("SELECT count(*) FROM audit_entry WHERE hash = ? AND seq > ?")
                .params(hash, seq).query(Long.class).single() > 0;
    }

    /**
     * The first checkpoint (in chain order, before {@code checkedUpTo}) that is forged, names another
     * hash than its entry, or points past the last of the {@code entries} (so the tail was cut off).
     */
    private Optional<Broken> verifyCheckpoints(long checkedUpTo, long entries) {
        PublicKeyVerify verifier = null;
        long afterSeq = 0;
        long afterId = 0;
        while (true) {
            List<Row> page = jdbc.sql("""
                    SELECT c.id, c.last_seq, c.last_hash, c.signed_at, c.signature, e.hash AS entry_hash
                    FROM audit_checkpoint c LEFT JOIN audit_entry e ON e.seq = c.last_seq
                    WHERE (c.last_seq, c.id) > (?, ?) AND c.last_seq < ?
                    ORDER BY c.last_seq, c.id LIMIT ?""")
                    .params(afterSeq, afterId, checkedUpTo, PAGE_CHECKPOINTS)
                    .query((rs, n) -> new Row(rs.getLong("id"), new AuditCheckpoint(rs.getLong("last_seq"),
                            rs.getBytes("last_hash"), rs.getObject("signed_at", OffsetDateTime.class).toInstant(),
                            rs.getBytes("signature")), rs.getBytes("entry_hash")))
                    .list();
            if (verifier == null && !page.isEmpty()) {
                verifier = keys.getObject().verifier(KeyPurpose.AUDIT_CHECKPOINT);
            }
            for (Row row : page) {
                Optional<Broken> broken = check(row, verifier, entries);
                if (broken.isPresent()) {
                    return broken;
                }
            }
            if (page.size() < PAGE_CHECKPOINTS) {
                return Optional.empty();
            }
            afterSeq = page.getLast().checkpoint().lastSeq();
            afterId = page.getLast().id();
        }
    }

    private static Optional<Broken> check(Row row, PublicKeyVerify verifier, long entries) {
        AuditCheckpoint checkpoint = row.checkpoint();
        if (!checkpoint.verifies(verifier)) {
            return Optional.of(new Broken(checkpoint.lastSeq(), Reason.CHECKPOINT_SIGNATURE_INVALID));
        }
        if (row.entryHash() == null) {
            return Optional.of(new Broken(Math.min(checkpoint.lastSeq(), entries + 1), Reason.REMOVED));
        }
        if (!Arrays.equals(row.entryHash(), checkpoint.lastHash())) {
            return Optional.of(new Broken(checkpoint.lastSeq(), Reason.CHECKPOINT_MISMATCH));
        }
        return Optional.empty();
    }

    /** The chain head is written with every entry, so it must name the last entry exactly. */
    private Optional<Broken> verifyHead(long entries) {
        Head head = jdbc.sql("SELECT last_seq, last_hash FROM audit_chain_head WHERE id")
                .query((rs, n) -> new Head(rs.getLong(1), rs.getBytes(2))).single();
        if (head.seq() > entries) {
            return Optional.of(new Broken(entries + 1, Reason.REMOVED));
        }
        if (head.seq() < entries) {
            return Optional.of(new Broken(head.seq() + 1, Reason.ALTERED));
        }
        byte[] last = entries == 0 ? GENESIS_HASH : jdbc.sql("SELECT hash FROM audit_entry WHERE seq = ?")
                .param(entries).query(byte[].class).single();
        return Arrays.equals(last, head.hash()) ? Optional.empty() : Optional.of(new Broken(entries, Reason.ALTERED));
    }

    private record Row(long id, AuditCheckpoint checkpoint, byte[] entryHash) {
    }

    private record Head(long seq, byte[] hash) {
    }
}
