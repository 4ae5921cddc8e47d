package io.bastion.audit;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What an attacker with database superuser rights could do to the audit tables: switch off the
 * append-only triggers, change rows, and switch them on again. Tests use it to break the chain and,
 * always, to put it back, so that later tests in the same JVM see an intact log.
 */
public final class Tampering {

    private final JdbcClient jdbc;

    public Tampering(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Runs one statement on the audit tables with their user triggers disabled. */
    public void run(String sql, Object... params) {
        jdbc.sql("ALTER TABLE audit_entry DISABLE TRIGGER USER").update();
        jdbc.sql("ALTER TABLE audit_checkpoint DISABLE TRIGGER USER").update();
        try {
            jdbc.sql(sql).params(params).update();
        } finally {
            jdbc.sql("ALTER TABLE audit_entry ENABLE TRIGGER USER").update();
            jdbc.sql("ALTER TABLE audit_checkpoint ENABLE TRIGGER USER").update();
        }
    }

    public AuditEntry entry(long seq) {
        return jdbc.sql("SELECT * FROM audit_entry WHERE seq = ?").param(seq).query(AuditEntry::read).single();
    }

    public void delete(long seq) {
        run("DELETE FROM audit_entry WHERE seq = ?", seq);
    }

    /** Puts a removed entry back exactly as it was. */
    public void reinsert(AuditEntry entry) {
        jdbc.sql("""
                INSERT INTO audit_entry (seq, occurred_at, actor, action, target, outcome, origin_ip, details, prev_hash, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(entry.seq(), OffsetDateTime.ofInstant(entry.occurredAt(), ZoneOffset.UTC), entry.actor(),
                        entry.action(), entry.target(), entry.outcome(), entry.originIp(), entry.details(),
                        entry.previousHash(), entry.hash())
                .update();
    }

    /** Swaps the positions of two entries (the primary key forbids doing it in one statement). */
    public void swap(long first, long second) {
        long parked = Long.MAX_VALUE;
        run("UPDATE audit_entry SET seq = ? WHERE seq = ?", parked, first);
        run("UPDATE audit_entry SET seq = ? WHERE seq = ?", first, second);
        run("UPDATE audit_entry SET seq = ? WHERE seq = ?", second, parked);
    }

    public void moveHead(long seq, byte[] hash) {
        jdbc.sql("UPDATE audit_chain_head SET last_seq = ?, last_hash = ? WHERE id").params(seq, hash).update();
    }

    public long count() {
        return jdbc.sql("SELECT count(*) FROM audit_entry").query(Long.class).single();
    }
}
