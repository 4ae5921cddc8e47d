package io.bastion.vault;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.prf.Prf;
import com.google.crypto.tink.prf.PrfSet;
import io.bastion.keys.KeyPurpose;
import io.bastion.keys.Keys;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The vault's use of its two keysets: AEAD for card data bound to the token, PRF for fingerprints. */
final class VaultCrypto {

    static final int FINGERPRINT_BYTES = 32;
    private static final int TINK_PREFIX_BYTES = 5;

    /**
     * How long a node keeps using cached vault keysets: a rotation made on the command line (or on
     * another node) is picked up within this time, on every node, so that no node keeps encrypting under
     * a key that retirement may later remove.
     */
    static final Duration KEYSET_REFRESH_MAX = Duration.ofSeconds(30);

    private final Keys keys;
    private final Clock clock;
    private volatile Instant loadedAt = Instant.MIN;

    VaultCrypto(Keys keys, Clock clock) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    private void refreshWhenStale() {
        Instant now = clock.instant();
        if (loadedAt.isBefore(now.minus(KEYSET_REFRESH_MAX))) {
            reload();
            loadedAt = now;
        }
    }

    /** Encrypted bytes and the id of the key that encrypted them. */
    record Sealed(byte[] ciphertext, int keyId) {
    }

    /** A fingerprint and the id of the key that computed it. */
    record Fingerprint(byte[] value, int keyId) {
    }

    Sealed seal(String plaintext, String token, String field) {
        refreshWhenStale();
        try {
            byte[] ciphertext = keys.aead(KeyPurpose.VAULT_PAN).encrypt(plaintext.getBytes(StandardCharsets.UTF_8),
                    associatedData(token, field));
            return new Sealed(ciphertext, keyIdOf(ciphertext));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("vault encryption failed", e);
        }
    }

    String open(byte[] ciphertext, String token, String field) {
        try {
            Aead aead = keys.aead(KeyPurpose.VAULT_PAN);
            return new String(aead.decrypt(ciphertext, associatedData(token, field)), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("vault record " + token + " cannot be decrypted", e);
        }
    }

    /** The fingerprint under the primary key, which new and re-encrypted records carry. */
    Fingerprint fingerprint(CardNumber number) {
        refreshWhenStale();
        PrfSet prfs = keys.prf(KeyPurpose.VAULT_FINGERPRINT);
        int primary = prfs.getPrimaryId();
        try {
            return new Fingerprint(prfs.getPrfs().get(primary).compute(input(number), FINGERPRINT_BYTES), primary);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("vault fingerprint failed", e);
        }
    }

    /** The fingerprints under every key, so a card is recognised also while re-encryption is under way. */
    List<byte[]> fingerprintsUnderEveryKey(CardNumber number) {
        List<byte[]> all = new ArrayList<>();
        try {
            for (Map.Entry<Integer, Prf> prf : keys.prf(KeyPurpose.VAULT_FINGERPRINT).getPrfs().entrySet()) {
                all.add(prf.getValue().compute(input(number), FINGERPRINT_BYTES));
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("vault fingerprint failed", e);
        }
        return all;
    }

    int primaryPanKeyId() {
        return keys.primaryKeyId(KeyPurpose.VAULT_PAN);
    }

    int primaryFingerprintKeyId() {
        return keys.primaryKeyId(KeyPurpose.VAULT_FINGERPRINT);
    }

    /** Reads rotations made by another process (the command line). */
    void reload() {
        KeyPurpose.VAULT.forEach(keys::reload);
    }

    private static byte[] input(CardNumber number) {
        return ("bastion-vault-pan:" + number.digits()).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] associatedData(String token, String field) {
        return ("bastion-vault:" + field + ":" + token).getBytes(StandardCharsets.UTF_8);
    }

    /** Tink's output prefix: one version byte, then the four-byte id of the key. */
    private static int keyIdOf(byte[] ciphertext) {
        if (ciphertext.length < TINK_PREFIX_BYTES || ciphertext[0] != 1) {
            throw new IllegalStateException("vault ciphertext without a Tink key prefix");
        }
        return ByteBuffer.wrap(ciphertext, 1, 4).getInt();
    }
}
