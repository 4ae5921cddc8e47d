package io.bastion.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.bastion.audit.AuditLog;
import io.bastion.keys.Keys;
import io.bastion.notification.Notifications;
import io.bastion.testing.BastionTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

@BastionTest
class ConfirmationTests {

    @Autowired
    ApplicationContext context;

    @Autowired
    Confirmations confirmations;

    @Autowired
    ConfirmationRules rules;

    @Autowired
    JdbcClient jdbc;

    ConfirmationFixture fixture;

    static final ConfirmationAction.Payment PAYMENT = new ConfirmationAction.Payment(12_550, "EUR", "pay_bakery", "Ada's Bakery");

    @BeforeEach
    void fixture() {
        fixture = new ConfirmationFixture(context);
    }

    private void confirmBySms(Confirmations service, ConfirmationFixture.Person person, String id) {
        assertThat(service.sendSmsCode(person.id(), id, "127.0.0.1")).isEqualTo(Confirmations.SmsOutcome.SENT);
        assertThat(service.confirm(person.id(), id, SecondFactors.Method.SMS, fixture.smsCode(person).group(1), "127.0.0.1"))
                .isEqualTo(Confirmations.Outcome.CONFIRMED);
    }

    @Test
    void aConfirmedPaymentIsConsumedOnceAndOnlyForTheIdenticalPayment() {
        var person = fixture.person(false);
        Confirmation confirmation = confirmations.request(person.id(), PAYMENT);
        assertThat(confirmation.id()).startsWith("cnf_");
        assertThat(confirmations.consume(person.id(), confirmation.id(), PAYMENT)).as("not yet confirmed").isFalse();
        confirmBySms(confirmations, person, confirmation.id());

        assertThat(confirmations.consume(person.id(), confirmation.id(),
                new ConfirmationAction.Payment(12_551, "EUR", "pay_bakery", "Ada's Bakery"))).isFalse();
        assertThat(confirmations.consume(person.id(), confirmation.id(),
                new ConfirmationAction.Payment(12_550, "GBP", "pay_bakery", "Ada's Bakery"))).isFalse();
        assertThat(confirmations.consume(person.id(), confirmation.id(),
                new ConfirmationAction.Payment(12_550, "EUR", "pay_mallory", "Ada's Bakery"))).isFalse();
        assertThat(confirmations.consume(fixture.person(false).id(), confirmation.id(), PAYMENT)).as("another user").isFalse();
        assertThat(confirmations.consume(person.id(), confirmation.id(), PAYMENT)).isTrue();
        assertThat(confirmations.consume(person.id(), confirmation.id(), PAYMENT)).as("single use").isFalse();
        assertThat(confirmations.confirm(person.id(), confirmation.id(), SecondFactors.Method.SMS, "123456", "127.0.0.1"))
                .isEqualTo(Confirmations.Outcome.ALREADY_USED);
    }

    @Test
    void theTextMessageNamesTheAmountAndThePayee() {
        var person = fixture.person(false);
        Confirmation confirmation = confirmations.request(person.id(), PAYMENT);
        assertThat(confirmation.summary()).isEqualTo("Pay EUR 125.50 to Ada's Bakery (pay_bakery)");
        confirmations.sendSmsCode(person.id(), confirmation.id(), "127.0.0.1");
        assertThat(fixture.smsBody(person)).contains("EUR 125.50").contains("Ada's Bakery");
        String stored = jdbc.sql("SELECT encode(action_digest, 'hex') || coalesce(encode(sms_code_hash, 'hex'), '') FROM identity_confirmation WHERE id = ?")
                .param(confirmation.id()).query(String.class).single();
        assertThat(stored).doesNotContain(fixture.smsCode(person).group(1));
    }

    @Test
    void theFifthWrongCodeBurnsTheConfirmation() {
        var person = fixture.person(false);
        Confirmation confirmation = confirmations.request(person.id(), PAYMENT);
        confirmations.sendSmsCode(person.id(), confirmation.id(), "127.0.0.1");
        String right = fixture.smsCode(person).group(1);
        String wrong = right.equals("000000") ? "111111" : "000000";
        for (int i = 1; i < Confirmations.ATTEMPTS_MAX; i++) {
            assertThat(confirmations.confirm(person.id(), confirmation.id(), SecondFactors.Method.SMS, wrong, "127.0.0.1"))
                    .isEqualTo(Confirmations.Outcome.WRONG_CODE);
        }
        assertThat(confirmations.confirm(person.id(), confirmation.id(), SecondFactors.Method.SMS, wrong, "127.0.0.1"))
                .isEqualTo(Confirmations.Outcome.TOO_MANY_ATTEMPTS);
        assertThat(confirmations.confirm(person.id(), confirmation.id(), SecondFactors.Method.SMS, right, "127.0.0.1"))
                .isEqualTo(Confirmations.Outcome.TOO_MANY_ATTEMPTS);
        assertThat(confirmations.consume(person.id(), confirmation.id(), PAYMENT)).isFalse();
    }

    @Test
    void aConfirmationExpiresAfterFiveMinutesBeforeAndAfterItIsConfirmed() {
        MovableClock clock = new MovableClock(Instant.now());
        Confirmations timed = new Confirmations(jdbc, context.getBean(Totp.class), context.getBean(UserStore.class),
                context.getBean(Keys.class), context.getBean(Notifications.class), context.getBean(RateLimits.class),
                context.getBean(AuditLog.class), clock);
        var person = fixture.person(false);

        Confirmation confirmed = timed.request(person.id(), PAYMENT);
        clock.advance(Duration.ofMinutes(4));
        confirmBySms(timed, person, confirmed.id());
        clock.advance(Duration.ofMinutes(1));
        assertThat(timed.consume(person.id(), confirmed.id(), PAYMENT)).as("confirmed, but five minutes old").isFalse();

        Confirmation late = timed.request(person.id(), PAYMENT);
        timed.sendSmsCode(person.id(), late.id(), "127.0.0.1");
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        assertThat(timed.confirm(person.id(), late.id(), SecondFactors.Method.SMS, fixture.smsCode(person).group(1), "127.0.0.1"))
                .isEqualTo(Confirmations.Outcome.EXPIRED);
    }

    @Test
    void anUnknownOrForeignConfirmationIsNotFound() {
        var owner = fixture.person(false);
        Confirmation confirmation = confirmations.request(owner.id(), PAYMENT);
        var other = fixture.person(false);
        assertThat(confirmations.find(other.id(), confirmation.id())).isEmpty();
        assertThat(confirmations.confirm(other.id(), confirmation.id(), SecondFactors.Method.SMS, "123456", "127.0.0.1"))
                .isEqualTo(Confirmations.Outcome.NOT_FOUND);
        assertThat(confirmations.confirm(owner.id(), "cnf_nope", SecondFactors.Method.SMS, "123456", "127.0.0.1"))
                .isEqualTo(Confirmations.Outcome.NOT_FOUND);
    }

    @Test
    void everyPaymentNeedsConfirmationUntilTheUserSavesALooserRuleThroughAConfirmation() {
        var person = fixture.person(false);
        assertThat(confirmations.requiresConfirmation(person.id(), PAYMENT)).isTrue();

        ConfirmationRules.Rule above = new ConfirmationRules.Rule(ConfirmationRules.Mode.ABOVE, Map.of("EUR", 20_000L));
        Confirmation change = rules.requestRuleChange(person.id(), above, "127.0.0.1");
        assertThat(rules.changeRule(person.id(), change.id(), above, "127.0.0.1")).as("not confirmed yet").isFalse();
        confirmBySms(confirmations, person, change.id());
        ConfirmationRules.Rule looser = new ConfirmationRules.Rule(ConfirmationRules.Mode.ABOVE, Map.of("EUR", 90_000L));
        assertThat(rules.changeRule(person.id(), change.id(), looser, "127.0.0.1")).as("a different rule").isFalse();
        assertThat(rules.changeRule(person.id(), change.id(), above, "127.0.0.1")).isTrue();

        assertThat(confirmations.requiresConfirmation(person.id(), PAYMENT)).isFalse();
        assertThat(confirmations.requiresConfirmation(person.id(),
                new ConfirmationAction.Payment(20_001, "EUR", "pay_bakery", "Ada's Bakery"))).isTrue();
        assertThat(confirmations.requiresConfirmation(person.id(),
                new ConfirmationAction.Payment(100, "GBP", "pay_bakery", "Ada's Bakery"))).as("no amount for GBP").isTrue();
    }

    @Test
    void trustedPayeesSkipConfirmationUpToTheAmountOnlyAfterTheyWereAddedWithAConfirmation() {
        var person = fixture.person(false);
        ConfirmationRules.Rule always = new ConfirmationRules.Rule(ConfirmationRules.Mode.ALWAYS, Map.of("EUR", 20_000L));
        Confirmation change = rules.requestRuleChange(person.id(), always, "127.0.0.1");
        confirmBySms(confirmations, person, change.id());
        assertThat(rules.changeRule(person.id(), change.id(), always, "127.0.0.1")).isTrue();
        assertThat(confirmations.requiresConfirmation(person.id(), PAYMENT)).as("payee not trusted yet").isTrue();

        var payee = new ConfirmationAction.AddPayee("pay_bakery", "Ada's Bakery");
        Confirmation trust = rules.requestTrustedPayee(person.id(), payee, "127.0.0.1");
        assertThat(rules.addTrustedPayee(person.id(), trust.id(), payee, "127.0.0.1")).as("not confirmed yet").isFalse();
        confirmBySms(confirmations, person, trust.id());
        assertThat(rules.addTrustedPayee(person.id(), trust.id(), new ConfirmationAction.AddPayee("pay_mallory", "Ada's Bakery"),
                "127.0.0.1")).as("another payee").isFalse();
        assertThat(rules.addTrustedPayee(person.id(), trust.id(), payee, "127.0.0.1")).isTrue();

        assertThat(confirmations.requiresConfirmation(person.id(), PAYMENT)).isFalse();
        assertThat(confirmations.requiresConfirmation(person.id(),
                new ConfirmationAction.Payment(20_001, "EUR", "pay_bakery", "Ada's Bakery"))).as("above the amount").isTrue();
        assertThat(confirmations.requiresConfirmation(person.id(),
                new ConfirmationAction.Payment(100, "EUR", "pay_other", "Other"))).as("untrusted payee").isTrue();
        assertThat(rules.removeTrustedPayee(person.id(), "pay_bakery", "127.0.0.1")).isTrue();
        assertThat(confirmations.requiresConfirmation(person.id(), PAYMENT)).isTrue();
    }

    @Test
    void ipRangesMatchOnlyTheirOwnAddresses() {
        IpRange ten = IpRange.parse("10.1.2.3/8").orElseThrow();
        assertThat(ten.toString()).isEqualTo("10.0.0.0/8");
        assertThat(ten.contains("10.255.0.1")).isTrue();
        assertThat(ten.contains("127.0.0.1")).isFalse();
        assertThat(ten.contains("0:0:0:0:0:0:0:1")).isFalse();
        assertThat(IpRange.parse("::1").orElseThrow().contains("0:0:0:0:0:0:0:1")).isTrue();
        assertThat(IpRange.parse("2001:db8::/32").orElseThrow().contains("2001:db8:ffff::1")).isTrue();
        assertThat(IpRange.parse("example.com")).isEmpty();
        assertThat(IpRange.parse("10.0.0.0/33")).isEmpty();
        assertThat(IpRange.parse("256.0.0.1")).isEmpty();
    }

    /** A clock the test moves by hand. */
    static final class MovableClock extends Clock {

        private Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
