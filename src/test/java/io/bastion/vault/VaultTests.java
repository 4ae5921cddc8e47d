package io.bastion.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bastion.Bastion;
import io.bastion.keys.KeyPurpose;
import io.bastion.keys.Keys;
import io.bastion.platform.CommandLine;
import io.bastion.platform.VaultDataSource;
import io.bastion.testing.BastionTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

@BastionTest
class VaultTests {

    static final String VISA = "4111111111111111";
    static final String MASTERCARD = "5555555555554444";

    @Autowired
    Vault vault;

    @Autowired
    VaultMaintenance maintenance;

    @Autowired
    Keys keys;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    @VaultDataSource
    DataSource vaultDataSource;

    private JdbcClient vaultJdbc() {
        return JdbcClient.create(vaultDataSource);
    }

    private static CardNumber visa() {
        return CardNumber.of(VISA);
    }

    @Test
    void aTokenizedCardComesBackWholeWhenDetokenized() {
        CardToken token = vault.tokenize(visa(), new Expiry(12, 2031), "Ada Lovelace", TokenPurpose.STORED_CARD);

        CardDetails details = vault.detokenize(token, DetokenizationPurpose.AUTHORIZATION, "test", "127.0.0.1");

        assertThat(token.value()).startsWith("tok_");
        assertThat(details.number().digits()).isEqualTo(VISA);
        assertThat(details.expiry()).isEqualTo(new Expiry(12, 2031));
        assertThat(details.cardholderName()).isEqualTo("Ada Lovelace");
        assertThat(details.toString()).doesNotContain(VISA).doesNotContain("Ada");
    }

    @Test
    void anExpiredCardIsRefused() {
        assertThatThrownBy(() -> vault.tokenize(visa(), new Expiry(1, 2020), "A", TokenPurpose.ONE_OFF_PAYMENT))
                .hasMessageContaining("EXPIRY_MUST_BE_IN_THE_FUTURE");
    }

    @Test
    void retirementWaitsUntilNoRecordIsLeftUnderAnOldKey() {
        vault.tokenize(visa(), new Expiry(1, 2032), "A", TokenPurpose.STORED_CARD);
        keys.rotate(KeyPurpose.VAULT_PAN);

        assertThat(maintenance.retireUnusedKeys()).isEqualTo(-1);
        int sizeBefore = keys.keyIds(KeyPurpose.VAULT_PAN).size();
        maintenance.reEncryptAll();
        assertThat(maintenance.retireUnusedKeys()).isGreaterThanOrEqualTo(1);
        assertThat(keys.keyIds(KeyPurpose.VAULT_PAN)).hasSizeLessThan(sizeBefore);
    }

    @Test
    void theMaskedFormShowsFirstSixAndLastFourOnly() {
        CardToken token = vault.tokenize(CardNumber.of(MASTERCARD), new Expiry(3, 2030), "Grace Hopper",
                TokenPurpose.ONE_OFF_PAYMENT);

        MaskedCard masked = vault.masked(token);

        assertThat(masked).isEqualTo(new MaskedCard("555555", "4444", CardBrand.MASTERCARD, 3, 2030));
    }

    @Test
    void theSameCardHasTheSameFingerprintWithoutDecrypting() {
        CardToken first = vault.tokenize(visa(), new Expiry(1, 2032), "A", TokenPurpose.ONE_OFF_PAYMENT);
        CardToken second = vault.tokenize(visa(), new Expiry(1, 2032), "A", TokenPurpose.ONE_OFF_PAYMENT);
        CardToken other = vault.tokenize(CardNumber.of(MASTERCARD), new Expiry(1, 2032), "A", TokenPurpose.ONE_OFF_PAYMENT);

        assertThat(first).isNotEqualTo(second);
        assertThat(fingerprint(first)).isEqualTo(fingerprint(second)).isNotEqualTo(fingerprint(other));
        assertThat(vault.knows(visa())).isTrue();
        assertThat(vault.knows(CardNumber.of("378282246310005"))).isFalse();
    }

    @Test
    void everyDetokenizationIsAuditedWithItsPurposeAndNeverTheCardNumber() {
        CardToken token = vault.tokenize(visa(), new Expiry(6, 2033), "Ada", TokenPurpose.ISSUED_CARD);

        vault.detokenize(token, DetokenizationPurpose.CARDHOLDER_VIEW, "user_42", "203.0.113.9");

        List<String> entries = jdbc.sql("""
                SELECT actor || ' ' || action || ' ' || outcome || ' ' || origin_ip || ' ' || details
                FROM audit_entry WHERE target = ?""").param(token.value()).query(String.class).list();
        assertThat(entries).singleElement().satisfies(entry -> {
            assertThat(entry).contains("user_42", "vault.detokenize", "SUCCESS", "203.0.113.9", "CARDHOLDER_VIEW");
            assertThat(entry).doesNotContain(VISA).doesNotContain("11111111");
        });
    }

    @Test
    void anUnknownTokenIsAuditedAsAFailedDetokenization() {
        CardToken unknown = new CardToken("tok_" + UUID.randomUUID().toString().replace("-", ""));

        assertThatThrownBy(() -> vault.detokenize(unknown, DetokenizationPurpose.AUTHORIZATION, "test", "127.0.0.1"))
                .isInstanceOf(NoSuchElementException.class);

        assertThat(jdbc.sql("SELECT outcome FROM audit_entry WHERE target = ?").param(unknown.value())
                .query(String.class).list()).containsExactly("FAILURE");
    }

    @Test
    void theApplicationsDatabaseRoleCannotReadTheVault() {
        vault.tokenize(visa(), new Expiry(1, 2032), "A", TokenPurpose.ONE_OFF_PAYMENT);

        for (String table : List.of("vault.vault_card", "vault.vault_reference", "vault.vault_flyway_history")) {
            assertThatThrownBy(() -> jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single())
                    .isInstanceOf(DataAccessException.class)
                    .rootCause().hasMessageContaining("permission denied");
        }
        assertThat(jdbc.sql("SELECT current_user").query(String.class).single()).isEqualTo("bastion_app");
        assertThat(jdbc.sql("SELECT rolsuper FROM pg_roles WHERE rolname = current_user").query(Boolean.class).single())
                .isFalse();
    }

    @Test
    void rotationThenReEncryptionLeavesEveryTokenReadableUnderTheNewKeysThenOldKeysRetire() {
        List<CardToken> tokens = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            tokens.add(vault.tokenize(visa(), new Expiry(1 + i, 2034), "Holder " + i, TokenPurpose.STORED_CARD));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = CommandLine.run(Bastion.class, new String[] {"keys", "rotate", "--vault"}, new PrintStream(out, true));
        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("rotated vault_pan", "rotated vault_fingerprint")
                .doesNotContain("rotated code_hash");

        maintenance.reEncryptAll();

        assertThat(maintenance.recordsLeft()).isZero();
        int panKey = keys.primaryKeyId(KeyPurpose.VAULT_PAN);
        assertThat(vaultJdbc().sql("SELECT DISTINCT key_id::int FROM vault_card WHERE purged_at IS NULL")
                .query(Integer.class).list()).containsExactly(panKey);
        for (int i = 0; i < tokens.size(); i++) {
            CardDetails details = vault.detokenize(tokens.get(i), DetokenizationPurpose.AUTHORIZATION, "test", "");
            assertThat(details.number().digits()).isEqualTo(VISA);
            assertThat(details.expiry()).isEqualTo(new Expiry(1 + i, 2034));
        }
        assertThat(vault.knows(visa())).isTrue();

        out.reset();
        assertThat(CommandLine.run(Bastion.class, new String[] {"keys", "retire", "--vault"}, new PrintStream(out, true)))
                .isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).containsPattern("retired [1-9][0-9]* vault keys");
        keys.reload(KeyPurpose.VAULT_PAN);
        keys.reload(KeyPurpose.VAULT_FINGERPRINT);

        assertThat(keys.keyIds(KeyPurpose.VAULT_PAN)).containsExactly(panKey);
        assertThat(keys.keyIds(KeyPurpose.VAULT_FINGERPRINT)).hasSize(1);
        assertThat(vault.detokenize(tokens.getFirst(), DetokenizationPurpose.AUTHORIZATION, "test", "").number().digits())
                .isEqualTo(VISA);
    }

    @Test
    void purgingErasesTheCiphertextOfUnreferencedTokensPastRetentionAndKeepsReferencedOnes() {
        CardToken loose = vault.tokenize(visa(), new Expiry(1, 2032), "A", TokenPurpose.ONE_OFF_PAYMENT);
        CardToken kept = vault.tokenize(visa(), new Expiry(1, 2032), "A", TokenPurpose.STORED_CARD);
        CardToken released = vault.tokenize(visa(), new Expiry(1, 2032), "A", TokenPurpose.STORED_CARD);
        vault.reference(kept, ReferenceKind.MERCHANT_MANDATE, "mdt_1");
        vault.reference(released, ReferenceKind.MERCHANT_MANDATE, "mdt_2");
        vault.release(released, ReferenceKind.MERCHANT_MANDATE, "mdt_2");
        vaultJdbc().sql("UPDATE vault_card SET created_at = created_at - interval '30 days' WHERE token IN (?, ?, ?)")
                .params(loose.value(), kept.value(), released.value()).update();

        maintenance.purgeExpired();

        assertThat(ciphertextErased(loose)).isTrue();
        assertThat(ciphertextErased(released)).isTrue();
        assertThat(ciphertextErased(kept)).isFalse();
        assertThatThrownBy(() -> vault.masked(loose)).isInstanceOf(NoSuchElementException.class);
        assertThat(vault.masked(kept).last4()).isEqualTo("1111");
    }

    private boolean ciphertextErased(CardToken token) {
        return vaultJdbc().sql("""
                SELECT pan_ciphertext IS NULL AND details_ciphertext IS NULL AND fingerprint IS NULL
                       AND purged_at IS NOT NULL FROM vault_card WHERE token = ?""")
                .param(token.value()).query(Boolean.class).single();
    }

    private byte[] fingerprint(CardToken token) {
        return vaultJdbc().sql("SELECT fingerprint FROM vault_card WHERE token = ?").param(token.value())
                .query((rs, n) -> rs.getBytes(1)).single();
    }
}
