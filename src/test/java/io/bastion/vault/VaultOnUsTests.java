package io.bastion.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bastion.keys.KeyPurpose;
import io.bastion.keys.Keys;
import io.bastion.platform.VaultDataSource;
import io.bastion.testing.BastionTest;
import io.bastion.threeds.AccountToken;
import io.bastion.threeds.CardRangeLookup;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The vault's part in on-us payments: a token's sibling by fingerprint, the pre-authorization CVV2 hold, card ranges. */
@BastionTest
class VaultOnUsTests {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Expiry EXPIRY = new Expiry(1, 2032);

    @Autowired
    Vault vault;
    @Autowired
    VaultMaintenance maintenance;
    @Autowired
    List<CardRangeLookup> rangeLookups;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Keys keys;
    @Autowired
    io.bastion.audit.AuditLog audit;
    @Autowired
    @VaultDataSource
    DataSource vaultDataSource;

    /** A fresh Luhn-valid Visa number no other test uses. */
    static CardNumber freshVisa() {
        StringBuilder digits = new StringBuilder("4");
        while (digits.length() < 15) {
            digits.append(RANDOM.nextInt(10));
        }
        for (int check = 0; check < 10; check++) {
            if (CardNumber.luhnValid(digits.toString() + check)) {
                return CardNumber.of(digits.toString() + check);
            }
        }
        throw new IllegalStateException("no check digit");
    }

    @Test
    void theNewestTokenOfAPurposeForTheSameCardIsFoundFromAnotherToken() {
        CardNumber number = freshVisa();
        CardToken olderIssued = vault.tokenize(number, EXPIRY, "A", TokenPurpose.ISSUED_CARD);
        CardToken issued = vault.tokenize(number, EXPIRY, "A", TokenPurpose.ISSUED_CARD);
        CardToken oneOff = vault.tokenize(number, EXPIRY, "A", TokenPurpose.ONE_OFF_PAYMENT);
        CardToken otherCard = vault.tokenize(freshVisa(), EXPIRY, "A", TokenPurpose.ONE_OFF_PAYMENT);
        vaultJdbc().sql("UPDATE vault_card SET created_at = created_at - interval '1 minute' WHERE token = ?")
                .param(olderIssued.value()).update();

        assertThat(vault.findToken(oneOff, TokenPurpose.ISSUED_CARD)).contains(issued);
        assertThat(vault.findToken(issued, TokenPurpose.ONE_OFF_PAYMENT)).contains(oneOff);
        assertThat(vault.findToken(oneOff, TokenPurpose.STORED_CARD)).isEmpty();
        assertThat(vault.findToken(otherCard, TokenPurpose.ISSUED_CARD)).isEmpty();
        assertThat(vault.findToken(new CardToken("tok_doesnotexist"), TokenPurpose.ISSUED_CARD)).isEmpty();
    }

    @Test
    void aHeldCvvIsTakenOnceAndNeverAgainWhetherItsDeletionCommitsAtOnceOrLater() {
        List<Function<CardToken, Optional<Cvv>>> takes = List.of(vault::takeCvv, vault::takeCvvCommittingLater);
        for (Function<CardToken, Optional<Cvv>> take : takes) {
            CardToken token = vault.tokenize(freshVisa(), EXPIRY, "A", TokenPurpose.ONE_OFF_PAYMENT);
            vault.holdCvv(token, Cvv.of("9173"), Duration.ofMinutes(10));

            assertThat(take.apply(token)).hasValueSatisfying(cvv -> assertThat(cvv.matches("9173")).isTrue());
            assertThat(take.apply(token)).isEmpty();
            assertThat(vault.takeCvv(token)).isEmpty();
            assertThat(heldRows(token)).isZero();
        }
    }

    @Test
    void anExpiredCvvIsNeverReturnedAndMaintenanceDeletesIt() {
        CardToken taken = vault.tokenize(freshVisa(), EXPIRY, "A", TokenPurpose.ONE_OFF_PAYMENT);
        CardToken left = vault.tokenize(freshVisa(), EXPIRY, "A", TokenPurpose.ONE_OFF_PAYMENT);
        vault.holdCvv(taken, Cvv.of("123"), Duration.ofMinutes(1));
        vault.holdCvv(left, Cvv.of("456"), Duration.ofMinutes(1));
        vaultJdbc().sql("""
                UPDATE vault_cvv_hold SET created_at = created_at - interval '2 minutes',
                                          expires_at = expires_at - interval '2 minutes' WHERE token IN (?, ?)""")
                .params(taken.value(), left.value()).update();

        assertThat(vault.takeCvv(taken)).isEmpty();
        assertThat(heldRows(left)).isOne();
        assertThat(maintenance.deleteExpiredCvvHolds()).isGreaterThanOrEqualTo(1);
        assertThat(heldRows(left)).isZero();
    }

    @Test
    void aCvvIsHeldAtMostTwentyMinutesAndOnlyForALiveToken() {
        CardToken token = vault.tokenize(freshVisa(), EXPIRY, "A", TokenPurpose.ONE_OFF_PAYMENT);

        assertThatThrownBy(() -> vault.holdCvv(token, Cvv.of("123"), Duration.ofMinutes(20).plusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> vault.holdCvv(token, Cvv.of("123"), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> vault.holdCvv(new CardToken("tok_doesnotexist"), Cvv.of("123"), Duration.ofMinutes(5)))
                .isInstanceOf(NoSuchElementException.class);
        vault.holdCvv(token, Cvv.of("123"), Vault.CVV_HOLD_MAX);
        assertThat(vault.takeCvv(token)).isPresent();
    }

    @Test
    void aHeldCvvIsEncryptedAndTheApplicationsRoleCannotReadIt() {
        CardToken token = vault.tokenize(freshVisa(), EXPIRY, "A", TokenPurpose.ONE_OFF_PAYMENT);
        vault.holdCvv(token, Cvv.of("8642"), Duration.ofMinutes(5));

        byte[] ciphertext = vaultJdbc().sql("SELECT cvv_ciphertext FROM vault_cvv_hold WHERE token = ?")
                .param(token.value()).query((rs, n) -> rs.getBytes(1)).single();
        String row = vaultJdbc().sql("SELECT t::text FROM vault_cvv_hold t WHERE token = ?").param(token.value())
                .query(String.class).single();
        assertThat(new String(ciphertext, StandardCharsets.ISO_8859_1)).doesNotContain("8642");
        assertThat(row).doesNotContain("8642").doesNotContain("38363432");
        assertThatThrownBy(() -> jdbc.sql("SELECT count(*) FROM vault.vault_cvv_hold").query(Long.class).single())
                .isInstanceOf(DataAccessException.class);
        // Bound to its token: the ciphertext moved under another token does not open.
        CardToken other = vault.tokenize(freshVisa(), EXPIRY, "A", TokenPurpose.ONE_OFF_PAYMENT);
        vault.holdCvv(other, Cvv.of("111"), Duration.ofMinutes(5));
        vaultJdbc().sql("UPDATE vault_cvv_hold SET cvv_ciphertext = ? WHERE token = ?").params(ciphertext, other.value())
                .update();
        assertThatThrownBy(() -> vault.takeCvv(other)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aHeldCvvKeepsItsKeyThroughRotationAndRetirement() {
        CardToken token = vault.tokenize(freshVisa(), EXPIRY, "A", TokenPurpose.ONE_OFF_PAYMENT);
        vault.holdCvv(token, Cvv.of("5309"), Duration.ofMinutes(5));
        keys.rotate(KeyPurpose.VAULT_PAN);
        maintenance.reEncryptAll();
        maintenance.retireUnusedKeys();

        assertThat(vault.takeCvv(token)).hasValueSatisfying(cvv -> assertThat(cvv.matches("5309")).isTrue());
    }

    @Test
    void theCardRangeOfALiveTokenIsItsFirstSixDigitsAndUnknownTokensHaveNone() {
        CardNumber number = freshVisa();
        CardToken token = vault.tokenize(number, EXPIRY, "A", TokenPurpose.ONE_OFF_PAYMENT);
        CardRangeLookup ranges = rangeLookups.stream().filter(VaultCardRanges.class::isInstance).findFirst().orElseThrow();

        assertThat(ranges.bin(new AccountToken(token.value()))).contains(number.first6());
        assertThat(ranges.bin(new AccountToken("tok_doesnotexist"))).isEmpty();
        assertThat(ranges.bin(new AccountToken(number.digits()))).isEmpty();
        assertThat(ranges.bin(new AccountToken("tok_' OR 1=1 --"))).isEmpty();
    }

    @Test
    void theDirectoryServerRoutesACardThisProcessJustStoredWithoutReadingTheVaultAgain() {
        CardNumber number = freshVisa();
        CardToken token = vault.tokenize(number, EXPIRY, "A", TokenPurpose.ONE_OFF_PAYMENT);
        // Were the range read again, it would now be wrong: the answer can only come from memory.
        vaultJdbc().sql("UPDATE vault_card SET first6 = '999999' WHERE token = ?").param(token.value()).update();
        CardRangeLookup ranges = rangeLookups.stream().filter(VaultCardRanges.class::isInstance).findFirst().orElseThrow();

        assertThat(ranges.bin(new AccountToken(token.value()))).contains(number.first6());
    }

    @Test
    void thePaymentPageSeesTheMaskedCardItJustStoredWithoutReadingTheVaultAgain() {
        CardNumber number = freshVisa();
        CardToken token = vault.tokenize(number, EXPIRY, "A", TokenPurpose.ONE_OFF_PAYMENT);
        // Were the card read again, its last four digits would now be wrong: the answer can only come from memory.
        vaultJdbc().sql("UPDATE vault_card SET last4 = '0000' WHERE token = ?").param(token.value()).update();

        MaskedCard masked = vault.masked(token);

        assertThat(masked.first6()).isEqualTo(number.first6());
        assertThat(masked.last4()).isEqualTo(number.last4());
        assertThat(masked.expiryMonth()).isEqualTo(EXPIRY.month());
        assertThat(masked.expiryYear()).isEqualTo(EXPIRY.year());
    }

    @Test
    void aCardAnotherProcessStoredIsRoutedByWhatTheVaultHoldsAndOnlyWhileItIsLive() {
        Vault otherProcess = new Vault(vaultJdbc(), new org.springframework.transaction.support.TransactionTemplate(
                new org.springframework.jdbc.support.JdbcTransactionManager(vaultDataSource)),
                new VaultCrypto(keys, java.time.Clock.systemUTC()), audit, java.time.Clock.systemUTC());
        CardToken live = otherProcess.tokenize(freshVisa(), EXPIRY, "A", TokenPurpose.ONE_OFF_PAYMENT);
        CardToken purged = otherProcess.tokenize(freshVisa(), EXPIRY, "A", TokenPurpose.ONE_OFF_PAYMENT);
        vaultJdbc().sql("UPDATE vault_card SET first6 = '411111' WHERE token = ?").param(live.value()).update();
        vaultJdbc().sql("""
                UPDATE vault_card SET purged_at = now(), pan_ciphertext = NULL, details_ciphertext = NULL, key_id = NULL,
                    fingerprint = NULL, fingerprint_key_id = NULL WHERE token = ?""").param(purged.value()).update();
        CardRangeLookup ranges = rangeLookups.stream().filter(VaultCardRanges.class::isInstance).findFirst().orElseThrow();

        assertThat(ranges.bin(new AccountToken(live.value()))).contains("411111");
        assertThat(ranges.bin(new AccountToken(purged.value()))).isEmpty();
    }

    private long heldRows(CardToken token) {
        return vaultJdbc().sql("SELECT count(*) FROM vault_cvv_hold WHERE token = ?").param(token.value())
                .query(Long.class).single();
    }

    private JdbcClient vaultJdbc() {
        return JdbcClient.create(vaultDataSource);
    }
}
