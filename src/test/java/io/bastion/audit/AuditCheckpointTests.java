package io.bastion.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.crypto.tink.KeyTemplates;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.PublicKeySign;
import com.google.crypto.tink.PublicKeyVerify;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.signature.SignatureConfig;
import java.security.GeneralSecurityException;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AuditCheckpointTests {

    static PublicKeySign signer;
    static PublicKeyVerify verifier;

    @BeforeAll
    static void keys() throws GeneralSecurityException {
        SignatureConfig.register();
        KeysetHandle handle = KeysetHandle.generateNew(KeyTemplates.get("ED25519"));
        signer = handle.getPrimitive(RegistryConfiguration.get(), PublicKeySign.class);
        verifier = handle.getPublicKeysetHandle().getPrimitive(RegistryConfiguration.get(), PublicKeyVerify.class);
    }

    @Test
    void aSignatureCoversTheSequenceTheHashAndTheTime() {
        byte[] hash = new byte[32];
        hash[0] = 7;
        Instant at = Instant.parse("2026-11-21T10:00:00.123456789Z");
        AuditCheckpoint signed = AuditCheckpoint.sign(42, hash, at, signer);

        assertThat(signed.signedAt()).isEqualTo(Instant.parse("2026-11-21T10:00:00.123456Z"));
        assertThat(signed.verifies(verifier)).isTrue();
        assertThat(new AuditCheckpoint(43, hash, signed.signedAt(), signed.signature()).verifies(verifier)).isFalse();
        assertThat(new AuditCheckpoint(42, new byte[32], signed.signedAt(), signed.signature()).verifies(verifier)).isFalse();
        assertThat(new AuditCheckpoint(42, hash, signed.signedAt().plusMillis(1), signed.signature()).verifies(verifier)).isFalse();
    }
}
