package io.bastion.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.bastion.testing.BastionTest;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

@BastionTest
class FactorSettingsTests {

    @Autowired
    FactorSettings settings;

    @Autowired
    SignIn signIn;

    @Autowired
    Totp totp;

    @Autowired
    UserStore users;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    @Autowired
    ApplicationContext context;

    FactorFixtures fixtures;

    @BeforeEach
    void fixtures() {
        fixtures = FactorFixtures.of(context);
    }

    private String enableTotp(String userId) {
        Totp.Enrolment enrolment = totp.newEnrolment("ada@example.com");
        assertThat(totp.enable(userId, enrolment.base32Secret(), totp.codeAt(enrolment.base32Secret(), clock.instant()))).isTrue();
        return enrolment.base32Secret();
    }

    @Test
    void smsBecomesAFactorOnlyWithAVerifiedPhone() {
        UserAccount user = fixtures.customer();
        fixtures.unverifyPhone(user.id());

        assertThat(settings.setSmsFactor(user.id(), true, "127.0.0.1")).isEqualTo(FactorSettings.Change.PHONE_MUST_BE_VERIFIED);
        assertThat(fixtures.reload(user.id()).smsFactorEnabled()).isFalse();

        users.markPhoneVerified(user.id());
        assertThat(settings.setSmsFactor(user.id(), true, "127.0.0.1")).isEqualTo(FactorSettings.Change.DONE);
        assertThat(fixtures.reload(user.id()).smsFactorEnabled()).isTrue();
        assertThat(signIn.stageAfterPassword(fixtures.reload(user.id()))).isEqualTo(SignedInUser.Stage.AWAITING_SECOND_FACTOR);
    }

    @Test
    void anIndividualMaySwitchTheirOnlyFactorOff() {
        UserAccount user = fixtures.customer();
        settings.setSmsFactor(user.id(), true, "127.0.0.1");

        assertThat(settings.setSmsFactor(user.id(), false, "127.0.0.1")).isEqualTo(FactorSettings.Change.DONE);
        assertThat(settings.hasAnyFactor(user.id())).isFalse();
        assertThat(signIn.stageAfterPassword(fixtures.reload(user.id()))).isEqualTo(SignedInUser.Stage.COMPLETE);
    }

    @Test
    void aBusinessOwnerCannotRemoveTheirLastFactor() {
        UserAccount owner = fixtures.businessOwner();
        settings.setSmsFactor(owner.id(), true, "127.0.0.1");

        assertThat(settings.setSmsFactor(owner.id(), false, "127.0.0.1")).isEqualTo(FactorSettings.Change.LAST_FACTOR_MUST_STAY);
        assertThat(fixtures.reload(owner.id()).smsFactorEnabled()).isTrue();

        enableTotp(owner.id());
        assertThat(settings.setSmsFactor(owner.id(), false, "127.0.0.1")).isEqualTo(FactorSettings.Change.DONE);
        assertThat(settings.disableTotp(owner.id(), "127.0.0.1")).isEqualTo(FactorSettings.Change.LAST_FACTOR_MUST_STAY);
        assertThat(fixtures.reload(owner.id()).totpEnabled()).isTrue();
    }

    @Test
    void factorChangesAreAudited() {
        UserAccount user = fixtures.customer();
        settings.setSmsFactor(user.id(), true, "127.0.0.1");
        settings.setSmsFactor(user.id(), false, "127.0.0.1");

        assertThat(jdbc.sql("SELECT action FROM audit_entry WHERE target = ? ORDER BY seq").param(user.id())
                .query(String.class).list()).containsSubsequence("identity.factor.sms.enabled", "identity.factor.sms.disabled");
    }

    @Test
    void aTotpCodeCannotBeReplayed() {
        UserAccount user = fixtures.customer();
        String secret = enableTotp(user.id());
        String enrolmentCode = totp.codeAt(secret, clock.instant());
        String next = totp.codeAt(secret, clock.instant().plus(Duration.ofSeconds(30)));

        assertThat(totp.verify(user.id(), enrolmentCode)).as("the code that switched the app on").isFalse();
        assertThat(totp.verify(user.id(), next)).as("the next step's code").isTrue();
        assertThat(totp.verify(user.id(), next)).as("the same code again").isFalse();
        assertThat(totp.verify(user.id(), enrolmentCode)).as("an older code").isFalse();
    }
}
