package io.bastion.web;

import com.google.crypto.tink.Aead;
import io.bastion.keys.KeyPurpose;
import io.bastion.keys.Keys;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@code web_idempotency} table: claims an idempotency key for a caller and request, stores the
 * response it produced (body encrypted), and releases a claim whose request failed.
 */
@Component
final class IdempotencyRecords {

    /** How long a stored response is replayed; the issue promises at least 24 hours. */
    static final Duration RETENTION = Duration.ofHours(24);
    /** Expired rows deleted per purge, so a purge stays a short statement however much has piled up. */
    static final int PURGE_BATCH_MAX = 100;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Keys keys;
    private final Clock clock;

    IdempotencyRecords(JdbcClient jdbc, TransactionTemplate transactions, Keys keys, Clock clock) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** What became of an attempt to claim a key. */
    sealed interface Claim {
    }

    /** The key is now this request's to run; it must be completed or released. */
    record Won() implements Claim {
    }

    /** The same caller already completed the same request under this key. */
    record Replay(StoredResponse response) implements Claim {
    }

    /** The key belongs to a different request or a different caller. */
    record Refused() implements Claim {
    }

    /** The same request is still running under this key (or its claim was just released). */
    record Busy() implements Claim {
    }

    /** A response as replayed: status, the headers a client needs, and the body. */
    record StoredResponse(int status, String contentType, String location, byte[] body) {

        StoredResponse {
            Objects.requireNonNull(body, "body");
        }
    }

    /**
     * Claims a key for a caller and request fingerprint in one short transaction. An expired row counts
     * as absent: it is deleted first, so the key can be claimed afresh.
     */
    Claim claim(String key, String caller, byte[] fingerprint) {
        OffsetDateTime now = now();
        Claim claim = transactions.execute(status -> {
            jdbc.sql("DELETE FROM web_idempotency WHERE idempotency_key = ? AND expires_at <= ?").params(key, now).update();
            int inserted = jdbc.sql("""
                    INSERT INTO web_idempotency (idempotency_key, caller, fingerprint, state, created_at, expires_at)
                    VALUES (?, ?, ?, 'in_progress', ?, ?) ON CONFLICT (idempotency_key) DO NOTHING""")
                    .params(key, caller, fingerprint, now, now.plus(RETENTION)).update();
            return inserted == 1 ? new Won() : existing(key, caller, fingerprint, now);
        });
        if (claim instanceof Won) {
            purgeExpired();
        }
        return Objects.requireNonNull(claim, "claim");
    }

    /** Stores the response of a claimed request, to be replayed for {@link #RETENTION} from now. */
    void complete(String key, String caller, StoredResponse response) {
        OffsetDateTime now = now();
        byte[] encrypted = encrypt(response.body(), key, caller);
        jdbc.sql("""
                UPDATE web_idempotency SET state = 'completed', response_status = ?, content_type = ?, location = ?,
                  encrypted_body = ?, expires_at = ?
                WHERE idempotency_key = ? AND caller = ? AND state = 'in_progress'""")
                .params(response.status(), response.contentType(), response.location(), encrypted, now.plus(RETENTION),
                        key, caller)
                .update();
    }

    /** Gives up a claim whose request failed, so that a retry runs it again. */
    void release(String key, String caller) {
        jdbc.sql("DELETE FROM web_idempotency WHERE idempotency_key = ? AND caller = ? AND state = 'in_progress'")
                .params(key, caller).update();
    }

    /** Deletes up to {@link #PURGE_BATCH_MAX} expired rows; returns how many. */
    int purgeExpired() {
        return jdbc.sql("""
                DELETE FROM web_idempotency WHERE ctid IN (
                  SELECT ctid FROM web_idempotency WHERE expires_at <= ? LIMIT ?)""")
                .params(now(), PURGE_BATCH_MAX).update();
    }

    private Claim existing(String key, String caller, byte[] fingerprint, OffsetDateTime now) {
        Optional<Row> row = jdbc.sql("SELECT * FROM web_idempotency WHERE idempotency_key = ? AND expires_at > ?")
                .params(key, now).query(IdempotencyRecords::row).optional();
        if (row.isEmpty()) {
            // The holder released its claim between our insert and this read; the caller tries again.
            return new Busy();
        }
        Row found = row.get();
        // Compare the caller first and in constant time, so a refusal says nothing about whose key it is.
        boolean sameCaller = MessageDigest.isEqual(bytes(found.caller()), bytes(caller));
        if (!sameCaller || !MessageDigest.isEqual(found.fingerprint(), fingerprint)) {
            return new Refused();
        }
        if (!found.completed()) {
            return new Busy();
        }
        return new Replay(new StoredResponse(found.status(), found.contentType(), found.location(),
                decrypt(found.encryptedBody(), key, caller)));
    }

    private byte[] encrypt(byte[] body, String key, String caller) {
        try {
            return aead().encrypt(body, associatedData(key, caller));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt an idempotency record", e);
        }
    }

    private byte[] decrypt(byte[] encrypted, String key, String caller) {
        try {
            return aead().decrypt(encrypted, associatedData(key, caller));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("an idempotency record cannot be decrypted", e);
        }
    }

    private Aead aead() {
        return keys.aead(KeyPurpose.IDEMPOTENCY_RECORDS);
    }

    /** Binds a ciphertext to its row: a body moved to another key or caller no longer decrypts. */
    private static byte[] associatedData(String key, String caller) {
        // A NUL cannot occur in a valid key, so the boundary between the two parts is unambiguous.
        return ("bastion-idempotency:" + key + "\0" + caller).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(Instant.now(clock), ZoneOffset.UTC);
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(rs.getString("caller"), rs.getBytes("fingerprint"), "completed".equals(rs.getString("state")),
                rs.getInt("response_status"), rs.getString("content_type"), rs.getString("location"),
                rs.getBytes("encrypted_body"));
    }

    private record Row(String caller, byte[] fingerprint, boolean completed, int status, String contentType,
                       String location, byte[] encryptedBody) {
    }
}
