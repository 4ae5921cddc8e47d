package io.bastion.audit;

import com.google.crypto.tink.PublicKeySign;
import com.google.crypto.tink.PublicKeyVerify;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A signed statement that the chain had {@code lastSeq} entries ending in {@code lastHash} at
 * {@code signedAt}. Someone able to rewrite the table cannot forge one without the audit key.
 */
record AuditCheckpoint(long lastSeq, byte[] lastHash, Instant signedAt, byte[] signature) {

    /** Binds a signature to audit checkpoints, so no other signed Bastion message can pass for one. */
    private static final String DOMAIN = "bastion.audit.checkpoint.v1";

    AuditCheckpoint {
        Objects.requireNonNull(lastHash, "lastHash");
        Objects.requireNonNull(signedAt, "signedAt");
    }

    /** Signs the head of the chain. */
    static AuditCheckpoint sign(long lastSeq, byte[] lastHash, Instant signedAt, PublicKeySign signer) {
        try {
            // Signed at the precision PostgreSQL stores, so the signature still verifies once read back.
            Instant stored = signedAt.truncatedTo(ChronoUnit.MICROS);
            return new AuditCheckpoint(lastSeq, lastHash, stored, signer.sign(payload(lastSeq, lastHash, stored)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign an audit checkpoint", e);
        }
    }

    /** True when the signature was made by a key of the audit keyset over exactly these fields. */
    boolean verifies(PublicKeyVerify verifier) {
        try {
            verifier.verify(signature, payload(lastSeq, lastHash, signedAt));
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** The canonical bytes a signature covers: domain, sequence, hash and time, each length-delimited. */
    static byte[] payload(long lastSeq, byte[] lastHash, Instant signedAt) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            byte[] domain = DOMAIN.getBytes(StandardCharsets.UTF_8);
            out.writeInt(domain.length);
            out.write(domain);
            out.writeLong(lastSeq);
            out.writeInt(lastHash.length);
            out.write(lastHash);
            out.writeLong(signedAt.getEpochSecond());
            out.writeInt(signedAt.getNano());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
