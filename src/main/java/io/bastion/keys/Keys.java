package io.bastion.keys;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeyTemplates;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.PublicKeySign;
import com.google.crypto.tink.PublicKeyVerify;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.prf.PrfConfig;
import com.google.crypto.tink.prf.PrfSet;
import com.google.crypto.tink.signature.SignatureConfig;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The key service: hands out Tink primitives per purpose. Keysets are created on first use, stored
 * encrypted under the master key (bound to their purpose), and rotated by adding a new primary key so
 * that everything produced under older keys stays readable.
 */
public final class Keys {

    private final MasterKey masterKey;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Map<KeyPurpose, KeysetHandle> cache = new EnumMap<>(KeyPurpose.class);

    public Keys(MasterKey masterKey, JdbcClient jdbc, TransactionTemplate transactions, Clock clock) {
        this.masterKey = Objects.requireNonNull(masterKey, "masterKey");
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
        try {
            AeadConfig.register();
            PrfConfig.register();
            SignatureConfig.register();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Tink cannot register its primitives", e);
        }
    }

    /** Authenticated encryption for a purpose. */
    public Aead aead(KeyPurpose purpose) {
        return primitive(purpose, KeyPurpose.KeyKind.AEAD, Aead.class, false);
    }

    /** Keyed pseudo-random functions for a purpose: one per key, so lookups survive rotation. */
    public PrfSet prf(KeyPurpose purpose) {
        return primitive(purpose, KeyPurpose.KeyKind.PRF, PrfSet.class, false);
    }

    /** Signs with the primary private key of a purpose. */
    public PublicKeySign signer(KeyPurpose purpose) {
        return primitive(purpose, KeyPurpose.KeyKind.SIGNATURE, PublicKeySign.class, false);
    }

    /** Verifies signatures made by any key of a purpose, old or new. */
    public PublicKeyVerify verifier(KeyPurpose purpose) {
        return primitive(purpose, KeyPurpose.KeyKind.SIGNATURE, PublicKeyVerify.class, true);
    }

    /** Adds a new primary key to a purpose's keyset; returns the number of keys it now holds. */
    public int rotate(KeyPurpose purpose) {
        Integer size = transactions.execute(status -> {
            KeysetHandle current = loadForUpdate(purpose);
            try {
                KeysetHandle.Builder builder = KeysetHandle.newBuilder(current);
                builder.addEntry(KeysetHandle.generateEntryFromParametersName(purpose.kind().template())
                        .withRandomId().makePrimary());
                KeysetHandle rotated = builder.build();
                store(purpose, rotated, true);
                return rotated.size();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot rotate keyset " + purpose, e);
            }
        });
        synchronized (cache) {
            cache.remove(purpose);
        }
        return size == null ? 0 : size;
    }

    /**
     * Forgets the cached keyset of a purpose, so the next use reads it again: a rotation made by the
     * command line in another process becomes visible to this one.
     */
    public void reload(KeyPurpose purpose) {
        synchronized (cache) {
            cache.remove(purpose);
        }
    }

    /** The id of the key new data is protected with; Tink writes it into each ciphertext's prefix. */
    public int primaryKeyId(KeyPurpose purpose) {
        return handle(purpose).getPrimary().getId();
    }

    /** The ids of every key a purpose's keyset holds, primary or not. */
    public java.util.Set<Integer> keyIds(KeyPurpose purpose) {
        KeysetHandle handle = handle(purpose);
        java.util.Set<Integer> ids = new java.util.TreeSet<>();
        for (int i = 0; i < handle.size(); i++) {
            ids.add(handle.getAt(i).getId());
        }
        return ids;
    }

    /**
     * Removes the keys of a purpose that are neither primary nor in {@code stillUsed}; the caller
     * knows which keys its stored data still needs. Returns how many keys were removed.
     */
    public int retire(KeyPurpose purpose, java.util.Set<Integer> stillUsed) {
        Objects.requireNonNull(stillUsed, "stillUsed");
        Integer removed = transactions.execute(status -> {
            KeysetHandle current = loadForUpdate(purpose);
            KeysetHandle.Builder builder = KeysetHandle.newBuilder(current);
            int count = 0;
            for (int i = current.size() - 1; i >= 0; i--) {
                KeysetHandle.Entry entry = current.getAt(i);
                if (!entry.isPrimary() && !stillUsed.contains(entry.getId())) {
                    builder.deleteAt(i);
                    count++;
                }
            }
            if (count > 0) {
                try {
                    store(purpose, builder.build(), true);
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException("cannot retire keys of " + purpose, e);
                }
            }
            return count;
        });
        synchronized (cache) {
            cache.remove(purpose);
        }
        return removed == null ? 0 : removed;
    }

    private <P> P primitive(KeyPurpose purpose, KeyPurpose.KeyKind kind, Class<P> type, boolean publicPart) {
        if (purpose.kind() != kind) {
            throw new IllegalArgumentException(purpose + " is a " + purpose.kind() + " keyset, not " + kind);
        }
        try {
            KeysetHandle handle = handle(purpose);
            return (publicPart ? handle.getPublicKeysetHandle() : handle).getPrimitive(RegistryConfiguration.get(), type);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("keyset " + purpose + " is unusable", e);
        }
    }

    private KeysetHandle handle(KeyPurpose purpose) {
        synchronized (cache) {
            KeysetHandle cached = cache.get(purpose);
            if (cached != null) {
                return cached;
            }
            KeysetHandle loaded = transactions.execute(status -> loadOrCreate(purpose));
            cache.put(purpose, loaded);
            return loaded;
        }
    }

    private KeysetHandle loadOrCreate(KeyPurpose purpose) {
        return load(purpose, false).orElseGet(() -> {
            try {
                store(purpose, KeysetHandle.generateNew(KeyTemplates.get(purpose.kind().template())), false);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot generate keyset " + purpose, e);
            }
            // Another node may have created it first; whichever row won is the keyset.
            return load(purpose, false).orElseThrow();
        });
    }

    private KeysetHandle loadForUpdate(KeyPurpose purpose) {
        return load(purpose, true).orElseGet(() -> {
            loadOrCreate(purpose);
            return load(purpose, true).orElseThrow();
        });
    }

    private java.util.Optional<KeysetHandle> load(KeyPurpose purpose, boolean forUpdate) {
        return jdbc.sql("SELECT encrypted_keyset FROM keys_keyset WHERE purpose = ?" + (forUpdate ? " FOR UPDATE" : ""))
                .param(purpose.name())
                .query((rs, n) -> rs.getBytes(1))
                .optional()
                .map(bytes -> decrypt(purpose, bytes));
    }

    private KeysetHandle decrypt(KeyPurpose purpose, byte[] bytes) {
        try {
            return TinkProtoKeysetFormat.parseEncryptedKeyset(bytes, masterKey.aead(), associatedData(purpose));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("keyset " + purpose + " cannot be decrypted with the configured master key", e);
        }
    }

    private void store(KeyPurpose purpose, KeysetHandle handle, boolean replace) {
        byte[] encrypted;
        try {
            encrypted = TinkProtoKeysetFormat.serializeEncryptedKeyset(handle, masterKey.aead(), associatedData(purpose));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt keyset " + purpose, e);
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (replace) {
            jdbc.sql("UPDATE keys_keyset SET encrypted_keyset = ?, key_count = ?, rotated_at = ? WHERE purpose = ?")
                    .params(encrypted, handle.size(), now, purpose.name()).update();
        } else {
            jdbc.sql("""
                    INSERT INTO keys_keyset (purpose, kind, encrypted_keyset, key_count, created_at)
                    VALUES (?, ?, ?, ?, ?) ON CONFLICT (purpose) DO NOTHING""")
                    .params(purpose.name(), purpose.kind().name(), encrypted, handle.size(), now).update();
        }
    }

    private static byte[] associatedData(KeyPurpose purpose) {
        return ("bastion-keyset:" + purpose.name()).getBytes(StandardCharsets.UTF_8);
    }
}
