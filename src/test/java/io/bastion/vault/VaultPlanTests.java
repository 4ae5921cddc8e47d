package io.bastion.vault;

import static org.assertj.core.api.Assertions.assertThat;

import io.bastion.keys.Keys;
import io.bastion.platform.VaultDataSource;
import io.bastion.testing.BastionTest;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The vault's fingerprint lookups read a handful of pages however many cards share a key or a purpose, also on a
 * new database whose card table has no statistics yet (autovacuum analyzes it only after a minute or more). Before
 * they were written so, the payment path's lookup read every card of the key there.
 */
@BastionTest
class VaultPlanTests {

    private static final Expiry EXPIRY = new Expiry(1, 2032);
    /** Copies of the tested card's one-off token, older than everything else, and of 32 other cards' tokens. */
    private static final int SIBLINGS = 1_500;
    private static final int OTHERS = 5_000;
    private static final String COPY_PREFIX = "tok_plancopy";
    /** An index probe reads a few pages; a walk of the cards above reads well over a hundred. */
    private static final int PAGES_MAX = 30;

    @Autowired
    Vault vault;
    @Autowired
    Keys keys;
    @Autowired
    @VaultDataSource
    DataSource vaultDataSource;

    @Autowired
    JsonMapper json;
    private CardNumber number;
    private CardToken issued;
    private CardToken oneOff;

    @BeforeEach
    void manyCardsUnderOneKeyAndTheTableWithoutStatistics() {
        number = VaultOnUsTests.freshVisa();
        issued = vault.tokenize(number, EXPIRY, "A", TokenPurpose.ISSUED_CARD);
        oneOff = vault.tokenize(number, EXPIRY, "A", TokenPurpose.ONE_OFF_PAYMENT);
        // Older one-off tokens of the same card, then newer ones of other cards, all under the current keys.
        vaultJdbc().sql("""
                INSERT INTO vault_card (token, purpose, brand, first6, last4, pan_ciphertext, details_ciphertext, key_id,
                                        fingerprint, fingerprint_key_id, created_at)
                SELECT ? || 's' || n, purpose, brand, first6, last4, pan_ciphertext, details_ciphertext, key_id,
                       fingerprint, fingerprint_key_id, created_at - interval '1 hour'
                FROM vault_card, generate_series(1, ?) n WHERE token = ?""")
                .params(COPY_PREFIX, SIBLINGS, oneOff.value()).update();
        vaultJdbc().sql("""
                INSERT INTO vault_card (token, purpose, brand, first6, last4, pan_ciphertext, details_ciphertext, key_id,
                                        fingerprint, fingerprint_key_id, created_at)
                SELECT ? || 'o' || n, purpose, brand, first6, last4, pan_ciphertext, details_ciphertext, key_id,
                       sha256(convert_to('other card ' || n % 32, 'UTF8')), fingerprint_key_id, created_at
                FROM vault_card, generate_series(1, ?) n WHERE token = ?""")
                .params(COPY_PREFIX, OTHERS, oneOff.value()).update();
        clearStatistics();
    }

    @AfterEach
    void removeTheCopiesAndAnalyze() {
        vaultJdbc().sql("DELETE FROM vault_card WHERE token LIKE ?").param(COPY_PREFIX + "%").update();
        vaultJdbc().sql("ANALYZE vault_card").update();
    }

    @Test
    void theIssuedCardBehindAPaymentPagesTokenIsFoundReadingAFewPages() {
        assertThat(vault.findToken(oneOff, TokenPurpose.ISSUED_CARD)).contains(issued);
        assertThat(pagesRead(Vault.SAME_CARD, TokenPurpose.ISSUED_CARD.name(), oneOff.value())).isLessThan(PAGES_MAX);
    }

    @Test
    void theIssuedCardBehindACardNumberIsFoundReadingAFewPages() {
        assertThat(vault.findToken(number, TokenPurpose.ISSUED_CARD)).contains(issued);
        assertThat(vault.findToken(number, TokenPurpose.ONE_OFF_PAYMENT)).contains(oneOff);
        assertThat(pagesRead(Vault.NEWEST_BY_FINGERPRINT, fingerprints(), TokenPurpose.ONE_OFF_PAYMENT.name()))
                .isLessThan(PAGES_MAX);
        assertThat(pagesRead(Vault.NEWEST_BY_FINGERPRINT, fingerprints(), TokenPurpose.ISSUED_CARD.name()))
                .isLessThan(PAGES_MAX);
    }

    @Test
    void whetherTheVaultKnowsACardIsAnsweredReadingAFewPages() {
        assertThat(vault.knows(number)).isTrue();
        assertThat(vault.knows(VaultOnUsTests.freshVisa())).isFalse();
        assertThat(pagesRead(Vault.KNOWN, (Object) fingerprints())).isLessThan(PAGES_MAX);
    }

    private byte[][] fingerprints() {
        return new VaultCrypto(keys, java.time.Clock.systemUTC()).fingerprintsUnderEveryKey(number).toArray(new byte[0][]);
    }

    /** What a new database looks like to the planner: neither the table nor its indexes have been analyzed. */
    private void clearStatistics() {
        JdbcClient jdbc = vaultJdbc();
        jdbc.sql("SELECT pg_clear_relation_stats('vault', 'vault_card')").query(Object.class).list();
        jdbc.sql("""
                SELECT pg_clear_attribute_stats('vault', 'vault_card', attname::text, false)
                FROM pg_attribute WHERE attrelid = 'vault_card'::regclass AND attnum > 0 AND NOT attisdropped""")
                .query(Object.class).list();
        jdbc.sql("""
                SELECT pg_clear_relation_stats('vault', c.relname::text) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                WHERE i.indrelid = 'vault_card'::regclass""").query(Object.class).list();
        assertThat(jdbc.sql("SELECT reltuples FROM pg_class WHERE oid = 'vault_card'::regclass").query(Double.class).single())
                .isEqualTo(-1.0);
    }

    /** Runs the statement under EXPLAIN ANALYZE and returns the buffers it touched. */
    private long pagesRead(String sql, Object... params) {
        String plan = vaultJdbc().sql("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + sql).params(List.of(params))
                .query(String.class).single();
        JsonNode top = json.readTree(plan).get(0).get("Plan");
        return top.get("Shared Hit Blocks").asLong() + top.get("Shared Read Blocks").asLong();
    }

    private JdbcClient vaultJdbc() {
        return JdbcClient.create(vaultDataSource);
    }
}
