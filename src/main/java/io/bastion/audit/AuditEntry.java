package io.bastion.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * One entry of the audit log as stored: the record's fields (details in their canonical text form),
 * its position in the chain, the previous entry's hash and its own hash ({@code null} only while the
 * entry is being written and its hash computed).
 */
public record AuditEntry(long seq, Instant occurredAt, String actor, String action, String target, String outcome,
                         String originIp, String details, byte[] previousHash, byte[] hash) {

    public AuditEntry {
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(originIp, "originIp");
        Objects.requireNonNull(details, "details");
        Objects.requireNonNull(previousHash, "previousHash");
    }

    /** The hash this entry should carry, recomputed from its fields and the previous hash. */
    byte[] expectedHash() {
        return AuditLog.hash(this);
    }

    /** Reads a row of {@code audit_entry} selected with all its columns. */
    static AuditEntry read(ResultSet rs, int row) throws SQLException {
        return new AuditEntry(rs.getLong("seq"), rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                rs.getString("actor"), rs.getString("action"), rs.getString("target"), rs.getString("outcome"),
                rs.getString("origin_ip"), rs.getString("details"), rs.getBytes("prev_hash"), rs.getBytes("hash"));
    }
}
