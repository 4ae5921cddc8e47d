package io.bastion.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Appends records to the hash-chained audit log. */
@Service
public class AuditLog {

    private final JdbcClient jdbc;
    private final Clock clock;

    AuditLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Appends a record in its own transaction, so that a failed action (whose own transaction rolls
     * back) is still on record. Returns the entry's sequence number.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public long record(AuditRecord record) {
        Objects.requireNonNull(record, "record");
        Head head = jdbc.sql("SELECT last_seq, last_hash FROM audit_chain_head WHERE id FOR UPDATE")
                .query((rs, n) -> new Head(rs.getLong(1), rs.getBytes(2))).single();
        long seq = head.seq() + 1;
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String details = canonicalDetails(record.details());
        byte[] hash = hash(seq, at, record, details, head.hash());
        jdbc.sql("""
                INSERT INTO audit_entry (seq, occurred_at, actor, action, target, outcome, origin_ip, details, prev_hash, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(seq, OffsetDateTime.ofInstant(at, ZoneOffset.UTC), record.actor(), record.action(), record.target(),
                        record.outcome().name(), record.originIp(), details, head.hash(), hash)
                .update();
        jdbc.sql("UPDATE audit_chain_head SET last_seq = ?, last_hash = ? WHERE id").params(seq, hash).update();
        return seq;
    }

    /** The hash of one entry: SHA-256 over its fields, length-prefixed, and the previous entry's hash. */
    static byte[] hash(long seq, Instant at, AuditRecord record, String details, byte[] previous) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(previous);
            for (String field : new String[] {Long.toString(seq), at.toString(), record.actor(), record.action(),
                    record.target(), record.outcome().name(), record.originIp(), details}) {
                byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
                digest.update(java.nio.ByteBuffer.allocate(4).putInt(bytes.length).array());
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

    private record Head(long seq, byte[] hash) {
    }
}
