package io.bastion.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.Aead;
import io.bastion.Bastion;
import io.bastion.platform.CommandLine;
import io.bastion.testing.BastionTest;
import io.bastion.testing.TestDataDirectory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

@BastionTest
class KeysTests {

    @Autowired
    Keys keys;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void dataEncryptedBeforeARotationStaysReadableAfterIt() throws Exception {
        byte[] plain = "stays readable".getBytes(StandardCharsets.UTF_8);
        byte[] ad = "context".getBytes(StandardCharsets.UTF_8);
        byte[] before = keys.aead(KeyPurpose.PERSONAL_DATA).encrypt(plain, ad);

        int size = keys.rotate(KeyPurpose.PERSONAL_DATA);

        assertThat(size).isGreaterThanOrEqualTo(2);
        Aead rotated = keys.aead(KeyPurpose.PERSONAL_DATA);
        assertThat(rotated.decrypt(before, ad)).isEqualTo(plain);
        byte[] after = rotated.encrypt(plain, ad);
        // Tink prefixes each ciphertext with the id of the key that made it: a new primary means a new prefix.
        assertThat(Arrays.copyOfRange(after, 0, 5)).isNotEqualTo(Arrays.copyOfRange(before, 0, 5));
    }

    @Test
    void theRotateCommandAddsAPrimaryKeyToEveryKeyset() {
        keys.prf(KeyPurpose.CODE_HASH);
        long before = jdbc.sql("SELECT key_count FROM keys_keyset WHERE purpose = 'CODE_HASH'").query(Long.class).single();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = CommandLine.run(Bastion.class, new String[] {"keys", "rotate", "code-hash"}, new PrintStream(out, true));
        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("rotated code_hash");
        long after = jdbc.sql("SELECT key_count FROM keys_keyset WHERE purpose = 'CODE_HASH'").query(Long.class).single();
        assertThat(after).isEqualTo(before + 1);
    }

    @Test
    void storedKeysetsAreUnreadableWithoutTheMasterKey(@TempDir Path elsewhere) {
        keys.aead(KeyPurpose.IDEMPOTENCY_RECORDS);
        Path otherMaster = elsewhere.resolve("other-master.json");
        MasterKey.generate(otherMaster);
        Keys withWrongMaster = new Keys(MasterKey.read(otherMaster), jdbc, transactions, Clock.systemUTC());
        assertThatThrownBy(() -> withWrongMaster.aead(KeyPurpose.IDEMPOTENCY_RECORDS))
                .hasMessageContaining("cannot be decrypted with the configured master key");
    }

    @Test
    void theDevMasterKeyLivesInTheDataDirectoryReadableOnlyByItsOwner() throws Exception {
        Path file = TestDataDirectory.path().resolve("master-key.json");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(java.nio.file.Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
    }
}
