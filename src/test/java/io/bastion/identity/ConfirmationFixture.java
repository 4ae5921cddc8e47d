package io.bastion.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import io.bastion.notification.DevInbox;
import io.bastion.notification.InboxMessage;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Verified users (optionally with an authenticator app), businesses and sign-in, for the confirmation tests. */
final class ConfirmationFixture {

    static final String PASSWORD = "correct horse battery staple 42";
    private static final Pattern SMS_CODE = Pattern.compile("Bastion: ([0-9]{6}) is your code to confirm");

    private final UserStore users;
    private final PasswordHashing hashing;
    private final AccountSecurity security;
    private final Totp totp;
    private final JdbcClient jdbc;
    private final DevInbox inbox;

    ConfirmationFixture(org.springframework.context.ApplicationContext context) {
        this.users = context.getBean(UserStore.class);
        this.hashing = context.getBean(PasswordHashing.class);
        this.security = context.getBean(AccountSecurity.class);
        this.totp = context.getBean(Totp.class);
        this.jdbc = context.getBean(JdbcClient.class);
        this.inbox = context.getBean(DevInbox.class);
    }

    /** A person, with the authenticator app's secret when they have one. */
    record Person(String id, String email, String phone, String totpSecret) {

        boolean hasTotp() {
            return totpSecret != null;
        }
    }

    Person person(boolean withTotp) {
        long n = ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L);
        String id = RandomIds.id("usr");
        String email = "cnf-" + n + "@example.com";
        String phone = "+4477" + n;
        users.insert(id, UserAccount.Kind.CUSTOMER, null, email, phone, "Tester " + n, hashing.hash(PASSWORD));
        users.markEmailVerified(id);
        users.markPhoneVerified(id);
        if (!withTotp) {
            return new Person(id, email, phone, null);
        }
        String secret = security.startTotp(id).base32Secret();
        // Enrol with the previous step's code, so that sign-in and confirmations still have fresh steps ahead.
        assertThat(security.confirmTotp(id, secret, totp.codeAt(secret, Instant.now().minusSeconds(30)), "127.0.0.1")).isTrue();
        return new Person(id, email, phone, secret);
    }

    String business(Person member, BusinessApiKeys.Role role) {
        String id = RandomIds.id("biz");
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        jdbc.sql("INSERT INTO identity_business (id, name, created_at) VALUES (?, ?, ?)").params(id, "Shop " + id, now).update();
        join(id, member, role);
        return id;
    }

    void join(String businessId, Person member, BusinessApiKeys.Role role) {
        jdbc.sql("INSERT INTO identity_membership (business_id, user_id, role, created_at) VALUES (?, ?, ?, ?)")
                .params(businessId, member.id(), role.name(), OffsetDateTime.now(ZoneOffset.UTC)).update();
    }

    /** The authenticator code a given number of 30-second steps from now. */
    String totpCode(Person person, int stepsAhead) {
        return totp.codeAt(person.totpSecret(), Instant.now().plusSeconds(30L * stepsAhead));
    }

    /** The newest confirmation code texted to the person, with the whole message. */
    Matcher smsCode(Person person) {
        InboxMessage newest = inbox.newestTo(person.phone()).getFirst();
        Matcher matcher = SMS_CODE.matcher(newest.body());
        assertThat(matcher.find()).as(newest.body()).isTrue();
        return matcher;
    }

    String smsBody(Person person) {
        return inbox.newestTo(person.phone()).getFirst().body();
    }

    /** Signs in through the real pages, with the current authenticator code when the person has one. */
    void signIn(Page page, Person person) {
        page.navigate("/login");
        page.locator("input[name=email]").fill(person.email());
        page.locator("input[name=password]").fill(PASSWORD);
        page.locator("form.stack button[type=submit]").click();
        if (person.hasTotp()) {
            page.waitForURL("**/login/second-factor");
            page.locator("input[name=code]").fill(totpCode(person, 0));
            page.locator("form.stack button[type=submit]").click();
        }
        page.waitForURL("**/account");
    }
}
