package io.bastion.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.bastion.audit.AuditLog;
import io.bastion.keys.Keys;
import io.bastion.notification.Notifications;
import io.bastion.testing.BastionTest;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

@BastionTest
class PasswordResetTests {

    @Autowired
    PasswordReset reset;
    @Autowired
    SignIn signIn;
    @Autowired
    UserStore users;
    @Autowired
    PasswordHashing hashing;
    @Autowired
    AccountSecurity security;
    @Autowired
    SecondFactors factors;
    @Autowired
    Notifications notifications;
    @Autowired
    RateLimits limits;
    @Autowired
    AuditLog audit;
    @Autowired
    Keys keys;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Clock clock;

    @Autowired
    ApplicationContext context;

    TestAccounts accounts;
    String ip;

    @BeforeEach
    void setUp() {
        accounts = TestAccounts.of(context);
        // A fresh documentation-range address per test keeps the per-address rate limits out of the way.
        ip = "198.51.100." + ThreadLocalRandom.current().nextInt(1, 255) + "." + ThreadLocalRandom.current().nextInt(1_000_000);
    }

    private String requestLink(TestAccounts.Person person) {
        assertThat(reset.request(person.email(), ip)).isEqualTo(PasswordReset.Requested.ANSWERED);
        return accounts.resetToken(person.email());
    }

    private boolean signsInWith(TestAccounts.Person person, String password) {
        return signIn.attempt(person.email(), password, ip, "reset-tests") instanceof SignIn.Outcome.Accepted;
    }

    @Test
    void aResetLinkSetsTheNewPasswordOnceAndNeverAgain() {
        TestAccounts.Person person = accounts.person();
        String token = requestLink(person);
        assertThat(reset.open(token)).hasValueSatisfying(link -> assertThat(link.totpRequired()).isFalse());

        String next = TestAccounts.randomPassword();
        assertThat(reset.complete(token, next, "", ip)).isInstanceOf(PasswordReset.Outcome.Changed.class);
        assertThat(signsInWith(person, next)).isTrue();
        assertThat(signsInWith(person, person.password())).isFalse();

        assertThat(reset.open(token)).isEmpty();
        assertThat(reset.complete(token, TestAccounts.randomPassword(), "", ip)).isInstanceOf(PasswordReset.Outcome.LinkDead.class);
        assertThat(signsInWith(person, next)).isTrue();
    }

    @Test
    void aResetLinkExpiresAfterThirtyMinutes() {
        TestAccounts.Person person = accounts.person();
        String token = requestLink(person);
        PasswordReset at29 = resetAt(Clock.offset(clock, Duration.ofMinutes(29)));
        PasswordReset at31 = resetAt(Clock.offset(clock, Duration.ofMinutes(31)));

        assertThat(at29.open(token)).isPresent();
        assertThat(at31.open(token)).isEmpty();
        assertThat(at31.complete(token, TestAccounts.randomPassword(), "", ip)).isInstanceOf(PasswordReset.Outcome.LinkDead.class);
        assertThat(signsInWith(person, person.password())).isTrue();
    }

    private PasswordReset resetAt(Clock at) {
        VerificationCodes codes = new VerificationCodes(jdbc, keys, at);
        return new PasswordReset(users, codes, security, factors, hashing, notifications, limits, audit, "https://bastion.test");
    }

    @Test
    void aResetNeedsTheAuthenticatorCodeWhenTheUserHasOne() {
        TestAccounts.Person person = accounts.withTotp(accounts.person());
        String token = requestLink(person);
        assertThat(reset.open(token)).hasValueSatisfying(link -> assertThat(link.totpRequired()).isTrue());
        String next = TestAccounts.randomPassword();

        assertThat(reset.complete(token, next, "", ip)).isInstanceOf(PasswordReset.Outcome.SecondFactorWrong.class);
        assertThat(reset.complete(token, next, "000000".equals(accounts.totpCode(person, 0)) ? "111111" : "000000", ip))
                .isInstanceOf(PasswordReset.Outcome.SecondFactorWrong.class);
        assertThat(signsInWith(person, person.password())).as("nothing changed yet").isTrue();

        assertThat(reset.complete(token, next, accounts.totpCode(person, 0), ip)).isInstanceOf(PasswordReset.Outcome.Changed.class);
        assertThat(signsInWith(person, next)).isTrue();
        assertThat(reset.complete(token, TestAccounts.randomPassword(), accounts.totpCode(person, 1), ip))
                .isInstanceOf(PasswordReset.Outcome.LinkDead.class);
    }

    @Test
    void wrongAuthenticatorCodesUseUpTheLink() {
        TestAccounts.Person person = accounts.withTotp(accounts.person());
        String token = requestLink(person);
        for (int i = 0; i < VerificationCodes.ATTEMPTS_MAX; i++) {
            assertThat(reset.complete(token, TestAccounts.randomPassword(), "12345", ip))
                    .isInstanceOf(PasswordReset.Outcome.SecondFactorWrong.class);
        }
        assertThat(reset.open(token)).isEmpty();
        assertThat(reset.complete(token, TestAccounts.randomPassword(), accounts.totpCode(person, 0), ip))
                .isInstanceOf(PasswordReset.Outcome.LinkDead.class);
        assertThat(signsInWith(person, person.password())).isTrue();
    }

    @Test
    void aPasswordThatBreaksARuleLeavesTheLinkUsable() {
        TestAccounts.Person person = accounts.person();
        String token = requestLink(person);
        assertThat(reset.complete(token, "short", "", ip)).isInstanceOf(PasswordReset.Outcome.Invalid.class);
        assertThat(reset.complete(token, person.password(), "", ip))
                .as("the current password is one of the last four")
                .isInstanceOf(PasswordReset.Outcome.Invalid.class);
        assertThat(reset.complete(token, TestAccounts.randomPassword(), "", ip)).isInstanceOf(PasswordReset.Outcome.Changed.class);
    }

    @Test
    void aNewerLinkReplacesTheOlderOne() {
        TestAccounts.Person person = accounts.person();
        String first = requestLink(person);
        String second = requestLink(person);
        assertThat(second).isNotEqualTo(first);
        assertThat(reset.open(first)).isEmpty();
        assertThat(reset.complete(second, TestAccounts.randomPassword(), "", ip)).isInstanceOf(PasswordReset.Outcome.Changed.class);
    }

    @Test
    void anUnknownAddressGetsTheSameAnswerAndNoMail() {
        String nobody = TestAccounts.randomEmail();
        assertThat(reset.request(nobody, ip)).isEqualTo(PasswordReset.Requested.ANSWERED);
        assertThat(accounts.messagesTo(nobody)).isEmpty();
    }

    @Test
    void requestsAreLimitedPerClientAddressWhateverTheEmail() {
        TestAccounts.Person person = accounts.person();
        // RESET_PER_IP allows ten requests in fifteen minutes.
        for (int i = 0; i < 10; i++) {
            assertThat(reset.request(i == 0 ? person.email() : TestAccounts.randomEmail(), ip)).isEqualTo(PasswordReset.Requested.ANSWERED);
        }
        assertThat(reset.request(person.email(), ip)).isEqualTo(PasswordReset.Requested.RATE_LIMITED);
        assertThat(accounts.messagesTo(person.email())).hasSize(1);
    }

    @Test
    void forgedOrMangledLinksOpenNothing() {
        TestAccounts.Person person = accounts.person();
        String token = requestLink(person);
        String codeId = token.substring(0, token.indexOf('.'));
        assertThat(reset.open(codeId + ".AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")).isEmpty();
        assertThat(reset.open("nonsense")).isEmpty();
        assertThat(reset.open("")).isEmpty();
        assertThat(reset.open(token)).isPresent();
    }
}
