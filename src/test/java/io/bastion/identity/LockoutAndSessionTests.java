package io.bastion.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.bastion.testing.BastionTest;
import io.bastion.testing.BrowserlessSession;
import io.bastion.testing.TestClient;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/** Lockout and sessions over plain HTTP: what the sign-in pages and the security centre really do. */
@BastionTest
@TestPropertySource(properties = "bastion.rate-limits.enabled=false")
class LockoutAndSessionTests {

    static final Pattern END_SESSION = Pattern.compile("/security/sessions/([0-9a-f]+)/end");

    @Autowired
    TestClient client;
    @Autowired
    UserStore users;
    @Autowired
    SecurityAlerts alerts;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Clock clock;

    @Autowired
    ApplicationContext context;

    TestAccounts accounts;

    @BeforeEach
    void setUp() {
        accounts = TestAccounts.of(context);
    }

    private BrowserlessSession signedIn(TestAccounts.Person person, String device) {
        BrowserlessSession browser = new BrowserlessSession(client, device);
        BrowserlessSession.Page answer = TestAccounts.logIn(browser, person.email(), person.password());
        assertThat(answer.status()).isEqualTo(302);
        assertThat(answer.redirectPath()).isEqualTo("/account");
        return browser;
    }

    private long sessionsOf(TestAccounts.Person person) {
        return jdbc.sql("SELECT count(*) FROM identity_session WHERE principal_name = ?").param(person.id()).query(Long.class).single();
    }

    @Test
    void theSessionCookieIsHostOnlySecureAndStrict() {
        TestAccounts.Person person = accounts.person();
        BrowserlessSession browser = new BrowserlessSession(client);
        BrowserlessSession.Page answer = TestAccounts.logIn(browser, person.email(), person.password());
        String cookie = answer.response().headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("__Host-bastion=")).findFirst().orElseThrow();
        assertThat(cookie).contains("Secure").contains("Path=/").contains("HttpOnly").containsIgnoringCase("SameSite=Strict")
                .doesNotContainIgnoringCase("Domain=");
    }

    @Test
    void fiveWrongPasswordsLockTheAccountRefuseTheRightOneAlikeAndEndEverySession() {
        TestAccounts.Person owner = accounts.person();
        BrowserlessSession ownersBrowser = signedIn(owner, "owner-laptop");
        assertThat(ownersBrowser.get("/account").status()).isEqualTo(200);
        assertThat(sessionsOf(owner)).isEqualTo(1);

        BrowserlessSession attacker = new BrowserlessSession(client, "attacker");
        BrowserlessSession.Page wrong = null;
        for (int i = 0; i < SignIn.LOGIN_FAILURES_MAX; i++) {
            wrong = TestAccounts.logIn(attacker, owner.email(), TestAccounts.randomPassword());
            assertThat(wrong.status()).isEqualTo(200);
        }
        BrowserlessSession.Page right = TestAccounts.logIn(attacker, owner.email(), owner.password());
        assertThat(right.status()).isEqualTo(200);
        assertThat(right.bodyWithoutCsrf()).isEqualTo(wrong.bodyWithoutCsrf())
                .contains("That e-mail and password do not match an account we can sign in.");

        assertThat(users.byId(owner.id()).orElseThrow().locked(clock.instant())).isTrue();
        assertThat(sessionsOf(owner)).isZero();
        BrowserlessSession.Page ownerAfter = ownersBrowser.get("/account");
        assertThat(ownerAfter.status()).isEqualTo(302);
        assertThat(ownerAfter.redirectPath()).endsWith("/login");
        assertThat(accounts.messagesTo(owner.email()))
                .anySatisfy(m -> assertThat(m.subject()).isEqualTo("Your Bastion account is locked"));
        assertThat(alerts.recent(owner.id())).extracting(SecurityAlerts.Alert::kind).contains(SecurityAlerts.Kind.ACCOUNT_LOCKED);
    }

    @Test
    void oneCustomerCannotEndAnotherCustomersSession() {
        TestAccounts.Person mallory = accounts.person();
        TestAccounts.Person bob = accounts.person();
        BrowserlessSession mallorysBrowser = signedIn(mallory, "mallory");
        BrowserlessSession bobsPhone = signedIn(bob, "bob-phone");
        BrowserlessSession bobsLaptop = signedIn(bob, "bob-laptop");

        Matcher handles = END_SESSION.matcher(bobsLaptop.get("/security").body());
        assertThat(handles.find()).as("bob's laptop lists his phone's session").isTrue();
        String phoneHandle = handles.group(1);
        assertThat(handles.find()).isFalse();

        mallorysBrowser.get("/security");
        BrowserlessSession.Page refused = mallorysBrowser.post("/security/sessions/" + phoneHandle + "/end", Map.of());
        assertThat(refused.status()).isEqualTo(404);
        assertThat(bobsPhone.get("/account").status()).isEqualTo(200);
        assertThat(sessionsOf(bob)).isEqualTo(2);

        BrowserlessSession.Page ended = bobsLaptop.post("/security/sessions/" + phoneHandle + "/end", Map.of());
        assertThat(ended.redirectPath()).isEqualTo("/security?ended");
        assertThat(bobsPhone.get("/account").status()).isEqualTo(302);
        assertThat(mallorysBrowser.get("/account").status()).isEqualTo(200);
    }

    @Test
    void aSignInFromANewDeviceIsAnAlertInTheSecurityCentreAndAnEmail() {
        TestAccounts.Person person = accounts.person();
        signedIn(person, "first-device");
        signedIn(person, "first-device");
        assertThat(alerts.recent(person.id())).isEmpty();

        BrowserlessSession second = signedIn(person, "second-device");
        String page = second.get("/security").body();
        assertThat(page).contains("Recent security alerts").contains("data-kind=\"NEW_DEVICE\"")
                .contains("Your password was used to sign in from a device not seen before.").contains("second-device");
        assertThat(page).as("moments as the shared page format, with the ISO instant for <time datetime>")
                .containsPattern("<time datetime=\"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z\">"
                        + "[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2} UTC</time>")
                .as("no raw instant").doesNotContainPattern("[0-9]T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]+Z");
        assertThat(accounts.messagesTo(person.email()))
                .anySatisfy(m -> assertThat(m.subject()).isEqualTo("New sign-in to your Bastion account"));
        assertThat(alerts.recent(person.id())).extracting(SecurityAlerts.Alert::kind).isEqualTo(List.of(SecurityAlerts.Kind.NEW_DEVICE));
    }
}
