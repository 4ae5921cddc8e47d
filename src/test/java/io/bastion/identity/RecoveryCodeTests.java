package io.bastion.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.bastion.testing.BastionTest;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

@BastionTest
class RecoveryCodeTests {

    @Autowired
    RecoveryCodes recoveryCodes;

    @Autowired
    SecondFactors factors;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationContext context;

    FactorFixtures fixtures;

    @BeforeEach
    void fixtures() {
        fixtures = FactorFixtures.of(context);
    }

    private boolean signInWith(String userId, String code) {
        return factors.verify(userId, SecondFactors.Method.RECOVERY, code, false, "127.0.0.1");
    }

    @Test
    void tenDistinctHighEntropyCodesAreShownOnceAndOnlyKeyedHashesAreStored() {
        String userId = fixtures.customer().id();

        List<String> codes = recoveryCodes.regenerate(userId, "127.0.0.1");

        assertThat(codes).hasSize(RecoveryCodes.CODES_PER_SET).doesNotHaveDuplicates()
                .allMatch(c -> c.matches("[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{2}"));
        assertThat(recoveryCodes.remaining(userId)).isEqualTo(10);
        List<byte[]> stored = jdbc.sql("SELECT code_hash FROM identity_recovery_code WHERE user_id = ?").param(userId)
                .query(byte[].class).list();
        assertThat(stored).hasSize(10).allSatisfy(hash -> {
            assertThat(hash).hasSize(RecoveryCodes.HASH_BYTES);
            codes.forEach(code -> assertThat(new String(hash, StandardCharsets.ISO_8859_1)).doesNotContain(code));
        });
    }

    @Test
    void eachCodeWorksExactlyOnce() {
        String userId = fixtures.customer().id();
        List<String> codes = recoveryCodes.regenerate(userId, "127.0.0.1");

        for (int i = 0; i < codes.size(); i++) {
            assertThat(signInWith(userId, codes.get(i))).as("first use of code %d", i).isTrue();
            assertThat(signInWith(userId, codes.get(i))).as("second use of code %d", i).isFalse();
            assertThat(recoveryCodes.remaining(userId)).isEqualTo(codes.size() - i - 1);
        }
    }

    @Test
    void codesForgiveCaseAndSpacesButNotAnotherUsersCode() {
        String ada = fixtures.customer().id();
        String bob = fixtures.customer().id();
        List<String> adas = recoveryCodes.regenerate(ada, "127.0.0.1");
        recoveryCodes.regenerate(bob, "127.0.0.1");

        assertThat(signInWith(bob, adas.get(0))).isFalse();
        assertThat(signInWith(ada, " " + adas.get(0).toUpperCase().replace("-", " ") + " ")).isTrue();
        assertThat(signInWith(ada, "")).isFalse();
        assertThat(signInWith(ada, "aaaa-aaaa-aa")).isFalse();
    }

    @Test
    void aNewSetKillsTheOldOne() {
        String userId = fixtures.customer().id();
        List<String> old = recoveryCodes.regenerate(userId, "127.0.0.1");
        assertThat(signInWith(userId, old.get(0))).isTrue();

        List<String> fresh = recoveryCodes.regenerate(userId, "127.0.0.1");

        assertThat(new HashSet<>(fresh)).doesNotContainAnyElementsOf(old);
        assertThat(old).noneMatch(code -> signInWith(userId, code));
        assertThat(recoveryCodes.remaining(userId)).isEqualTo(10);
        assertThat(signInWith(userId, fresh.get(9))).isTrue();
    }

    @Test
    void aRecoveryCodeIsNoStepUp() {
        String userId = fixtures.customer().id();
        List<String> codes = recoveryCodes.regenerate(userId, "127.0.0.1");

        assertThat(factors.verify(userId, SecondFactors.Method.RECOVERY, codes.get(0), true, "127.0.0.1")).isFalse();
        assertThat(recoveryCodes.remaining(userId)).isEqualTo(10);
    }
}
