package io.bastion.vault;

import io.bastion.keys.KeyPurpose;
import io.bastion.keys.Keys;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The vault's background work: re-encryption after a key rotation, in bounded batches under row locks
 * (the vault stays online), retirement of keys no record uses, and purging tokens past retention.
 */
final class VaultMaintenance {

    static final int REENCRYPTION_BATCH_MAX = 500;
    static final int PURGE_BATCH_MAX = 500;
    static final int CVV_DELETE_BATCH_MAX = 1_000;
    private static final Logger LOG = LoggerFactory.getLogger(VaultMaintenance.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final VaultCrypto crypto;
    private final Keys keys;
    private final Clock clock;
    private final Map<TokenPurpose, Duration> retention;
    private final Vault vault;

    VaultMaintenance(JdbcClient jdbc, TransactionTemplate transactions, VaultCrypto crypto, Keys keys, Clock clock,
                     Vault vault, Map<TokenPurpose, Duration> retention) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.vault = Objects.requireNonNull(vault, "vault");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.crypto = Objects.requireNonNull(crypto, "crypto");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retention = new EnumMap<>(retention);
        for (TokenPurpose purpose : TokenPurpose.values()) {
            Objects.requireNonNull(this.retention.get(purpose), "retention of " + purpose);
        }
    }

    /**
     * A live card under a key other than the primary ones (parameters: PAN key twice, fingerprint key twice). Written
     * as ranges rather than {@code <>} so that the planner can read just those cards from the key indexes: once
     * re-encryption is done there are none, and the job that asks every minute reads nothing instead of every card.
     */
    private static final String UNDER_OLDER_KEYS =
            "(key_id < ? OR key_id > ? OR fingerprint_key_id < ? OR fingerprint_key_id > ?)";

    /** One bounded batch: records not under both primary keys are re-encrypted; returns how many. */
    int reEncryptBatch() {
        crypto.reload();
        int panKey = crypto.primaryPanKeyId();
        int fingerprintKey = crypto.primaryFingerprintKeyId();
        Integer done = transactions.execute(status -> {
            List<String> tokens = jdbc.sql("""
                    SELECT token FROM vault_card
                    WHERE purged_at IS NULL AND """ + UNDER_OLDER_KEYS + """
                    ORDER BY token LIMIT ? FOR UPDATE SKIP LOCKED""")
                    .params(panKey, panKey, fingerprintKey, fingerprintKey, REENCRYPTION_BATCH_MAX)
                    .query(String.class).list();
            tokens.forEach(this::reEncrypt);
            // CVV2s waiting for their authorization move to the new key too, so they never hold up retirement.
            List<String> held = jdbc.sql("""
                    SELECT token FROM vault_cvv_hold WHERE key_id <> ?
                    ORDER BY token LIMIT ? FOR UPDATE SKIP LOCKED""")
                    .params(panKey, REENCRYPTION_BATCH_MAX).query(String.class).list();
            held.forEach(this::reEncryptCvv);
            return tokens.size() + held.size();
        });
        int count = done == null ? 0 : done;
        recordProgress(count, panKey);
        return count;
    }

    /** Re-encrypts until no record is left under an older key; bounded by the number of records. */
    int reEncryptAll() {
        int total = 0;
        long rounds = 1 + recordsLeft() / REENCRYPTION_BATCH_MAX;
        for (long i = 0; i < rounds + 1; i++) {
            int batch = reEncryptBatch();
            total += batch;
            if (batch == 0) {
                break;
            }
        }
        return total;
    }

    /** Records still under a key other than the primary one. */
    long recordsLeft() {
        int panKey = crypto.primaryPanKeyId();
        int fingerprintKey = crypto.primaryFingerprintKeyId();
        return jdbc.sql("""
                SELECT (SELECT count(*) FROM vault_card WHERE purged_at IS NULL AND """ + UNDER_OLDER_KEYS + """
                ) + (SELECT count(*) FROM vault_cvv_hold WHERE key_id <> ?)""")
                .params(panKey, panKey, fingerprintKey, fingerprintKey, panKey)
                .query(Long.class).single();
    }

    /**
     * Removes keys that no record uses any more; returns how many were removed from both keysets. It
     * refuses (returns -1) while records still wait for re-encryption, so a key is never retired early.
     */
    int retireUnusedKeys() {
        crypto.reload();
        if (recordsLeft() > 0) {
            return -1;
        }
        // A CVV2 waiting for its authorization keeps its key too (re-encryption moved every one it found).
        Set<Integer> panKeys = new HashSet<>(jdbc.sql("""
                SELECT key_id::int FROM vault_card WHERE purged_at IS NULL
                UNION SELECT key_id::int FROM vault_cvv_hold""").query(Integer.class).list());
        Set<Integer> fingerprintKeys = new HashSet<>(jdbc.sql(
                "SELECT DISTINCT fingerprint_key_id::int FROM vault_card WHERE purged_at IS NULL").query(Integer.class).list());
        int removed = keys.retire(KeyPurpose.VAULT_PAN, panKeys) + keys.retire(KeyPurpose.VAULT_FINGERPRINT, fingerprintKeys);
        if (removed > 0) {
            LOG.info("retired {} vault keys no record uses any more", removed);
        }
        return removed;
    }

    /**
     * Erases the ciphertext and fingerprint of tokens that nothing references and that are older than
     * their purpose's retention, leaving a tombstone; one bounded batch per purpose. Returns how many.
     */
    int purgeExpired() {
        int purged = 0;
        OffsetDateTime now = OffsetDateTime.now(clock);
        for (TokenPurpose purpose : TokenPurpose.values()) {
            OffsetDateTime cutoff = now.minus(retention.get(purpose));
            List<String> batch = transactions.execute(status -> jdbc.sql("""
                    UPDATE vault_card SET pan_ciphertext = NULL, details_ciphertext = NULL, key_id = NULL,
                                          fingerprint = NULL, fingerprint_key_id = NULL, purged_at = ?
                    WHERE token IN (
                        SELECT c.token FROM vault_card c
                        WHERE c.purged_at IS NULL AND c.purpose = ? AND c.created_at < ?
                          AND NOT EXISTS (SELECT 1 FROM vault_reference r WHERE r.token = c.token)
                        ORDER BY c.created_at LIMIT ? FOR UPDATE SKIP LOCKED)
                    RETURNING token""")
                    .params(now, purpose.name(), cutoff, PURGE_BATCH_MAX).query(String.class).list());
            if (batch != null) {
                vault.forget(batch);
                purged += batch.size();
            }
        }
        return purged;
    }

    /** Deletes CVV2 holds past their expiry that no authorization took; one bounded batch, returns how many. */
    int deleteExpiredCvvHolds() {
        Integer deleted = transactions.execute(status -> jdbc.sql("""
                DELETE FROM vault_cvv_hold WHERE token IN (
                    SELECT token FROM vault_cvv_hold WHERE expires_at <= ? ORDER BY expires_at LIMIT ?
                    FOR UPDATE SKIP LOCKED)""")
                .params(OffsetDateTime.now(clock), CVV_DELETE_BATCH_MAX).update());
        return deleted == null ? 0 : deleted;
    }

    private void reEncrypt(String token) {
        Map<String, byte[]> row = jdbc.sql("SELECT pan_ciphertext, details_ciphertext FROM vault_card WHERE token = ?")
                .param(token)
                .query((rs, n) -> Map.of(Vault.PAN_FIELD, rs.getBytes(1), Vault.DETAILS_FIELD, rs.getBytes(2))).single();
        CardNumber number = CardNumber.of(crypto.open(row.get(Vault.PAN_FIELD), token, Vault.PAN_FIELD));
        String details = crypto.open(row.get(Vault.DETAILS_FIELD), token, Vault.DETAILS_FIELD);
        VaultCrypto.Sealed pan = crypto.seal(number.digits(), token, Vault.PAN_FIELD);
        VaultCrypto.Sealed sealedDetails = crypto.seal(details, token, Vault.DETAILS_FIELD);
        VaultCrypto.Fingerprint fingerprint = crypto.fingerprint(number);
        jdbc.sql("""
                UPDATE vault_card SET pan_ciphertext = ?, details_ciphertext = ?, key_id = ?, fingerprint = ?,
                                      fingerprint_key_id = ?
                WHERE token = ?""")
                .params(pan.ciphertext(), sealedDetails.ciphertext(), pan.keyId(), fingerprint.value(), fingerprint.keyId(), token)
                .update();
    }

    private void reEncryptCvv(String token) {
        byte[] ciphertext = jdbc.sql("SELECT cvv_ciphertext FROM vault_cvv_hold WHERE token = ?").param(token)
                .query(byte[].class).single();
        VaultCrypto.Sealed sealed = crypto.seal(crypto.open(ciphertext, token, Vault.CVV_FIELD), token, Vault.CVV_FIELD);
        jdbc.sql("UPDATE vault_cvv_hold SET cvv_ciphertext = ?, key_id = ? WHERE token = ?")
                .params(sealed.ciphertext(), sealed.keyId(), token).update();
    }

    private void recordProgress(int done, int panKey) {
        long left = recordsLeft();
        jdbc.sql("""
                INSERT INTO vault_rotation_progress (keyset, primary_key_id, records_done, records_left, updated_at)
                VALUES ('VAULT_PAN', ?, ?, ?, ?)
                ON CONFLICT (keyset) DO UPDATE SET
                    records_done = CASE WHEN vault_rotation_progress.primary_key_id = EXCLUDED.primary_key_id
                                        THEN vault_rotation_progress.records_done + EXCLUDED.records_done
                                        ELSE EXCLUDED.records_done END,
                    primary_key_id = EXCLUDED.primary_key_id, records_left = EXCLUDED.records_left,
                    updated_at = EXCLUDED.updated_at""")
                .params(panKey, done, left, OffsetDateTime.now(clock)).update();
    }
}
