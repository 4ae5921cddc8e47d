package io.bastion.keys;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import io.bastion.platform.DataDirectory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Objects;

/**
 * The key-encryption key: an AES-256-GCM Tink keyset read from a file outside the database. Every
 * keyset Bastion stores is encrypted under it.
 */
public final class MasterKey {

    private final Aead aead;
    private final Path source;

    private MasterKey(Aead aead, Path source) {
        this.aead = aead;
        this.source = source;
    }

    /** Reads the master keyset (Tink JSON) from a file. */
    public static MasterKey read(Path file) {
        Objects.requireNonNull(file, "file");
        try {
            AeadConfig.register();
            String json = Files.readString(file, StandardCharsets.UTF_8);
            KeysetHandle handle = TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get());
            return new MasterKey(handle.getPrimitive(RegistryConfiguration.get(), Aead.class), file);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("the master key file " + file + " cannot be read as a Tink keyset", e);
        }
    }

    /** Generates a new master keyset into a file readable only by its owner. */
    public static void generate(Path file) {
        try {
            AeadConfig.register();
            KeysetHandle handle = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
            String json = TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get());
            DataDirectory.writePrivate(file, json.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a master key", e);
        }
    }

    Aead aead() {
        return aead;
    }

    Path source() {
        return source;
    }

    @Override
    public String toString() {
        return "MasterKey[" + source + "]";
    }
}
