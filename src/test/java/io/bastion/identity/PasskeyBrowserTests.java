package io.bastion.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import io.bastion.notification.DevInbox;
import io.bastion.testing.BastionTest;
import io.bastion.testing.BrowserConsole;
import io.bastion.testing.BrowserExtension;
import io.bastion.testing.TestClient;
import io.bastion.testing.VirtualAuthenticator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Passkeys, recovery codes and the SMS factor as people use them, in real Chromium. */
@BastionTest
@ExtendWith(BrowserExtension.class)
class PasskeyBrowserTests {

    static final Pattern SMS_CODE = Pattern.compile("\\b([0-9]{6})\\b");

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RecoveryCodes recoveryCodes;

    @Autowired
    FactorSettings settings;

    @Autowired
    DevInbox inbox;

    @Autowired
    ApplicationContext context;

    FactorFixtures fixtures;

    @BeforeEach
    void fixtures() {
        fixtures = FactorFixtures.of(context);
    }

    private void signInWithPassword(Page page, UserAccount user) {
        page.navigate("/login");
        page.locator("input[name=email]").fill(user.email());
        page.locator("input[name=password]").fill(FactorFixtures.PASSWORD);
        page.locator("button[type=submit]").click();
        page.waitForLoadState();
    }

    private void signOut(Page page) {
        page.locator("form[action='/logout'] button").click();
        page.waitForURL("**/login?signedout");
    }

    private String latestSmsCode(UserAccount user) {
        Matcher matcher = SMS_CODE.matcher(inbox.newestTo(user.phone()).getFirst().body());
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }

    @Test
    void registersAPasskeyAndSignsInWithPasswordAndPasskey(Page page, BrowserConsole console) {
        UserAccount user = fixtures.customer();
        signInWithPassword(page, user);
        assertThat(page.url()).endsWith("/account");
        VirtualAuthenticator authenticator = VirtualAuthenticator.attach(page);

        page.navigate("/security");
        page.locator("#passkey-label").fill("Test laptop");
        page.locator("#passkey-register").click();
        page.waitForURL("**/security?passkey");

        assertThat(page.locator(".passkey-row").textContent()).contains("Test laptop");
        assertThat(authenticator.credentials()).hasSize(1);
        signOut(page);

        signInWithPassword(page, user);
        assertThat(page.url()).endsWith("/login/second-factor");
        page.locator("#passkey-authenticate").click();
        page.waitForURL("**/account");

        assertThat(page.locator("h1").textContent()).isNotBlank();
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entry WHERE target = ? AND action = 'identity.login.second-factor' AND outcome = 'SUCCESS'")
                .param(user.id()).query(Long.class).single()).isEqualTo(1);
        assertThat(console.problems()).isEmpty();
    }

    @Test
    void anOwnerWithoutAFactorEnrolsAPasskeyBeforeReachingTheAccount(Page page, BrowserConsole console) {
        UserAccount owner = fixtures.businessOwner();
        VirtualAuthenticator.attach(page);

        signInWithPassword(page, owner);
        assertThat(page.url()).endsWith("/security/two-factor");
        assertThat(page.navigate("/account").status()).as("the account before enrolment").isEqualTo(403);
        page.navigate("/security/two-factor");
        page.locator("#passkey-register").click();
        page.waitForURL("**/security?passkey");

        assertThat(page.locator(".passkey-row").count()).isEqualTo(1);
        assertThat(page.navigate("/account").status()).isEqualTo(200);
        assertThat(console.problems()).as("only the refused visit before enrolment")
                .allMatch(problem -> problem.contains("status of 403") && problem.contains("/account"));
    }

    @Test
    void aRecoveryCodeSignsInOnceAndIsCountedDown(Page page, BrowserConsole console) {
        UserAccount user = fixtures.customer();
        settings.setSmsFactor(user.id(), true, "127.0.0.1");
        List<String> codes = recoveryCodes.regenerate(user.id(), "127.0.0.1");

        signInWithPassword(page, user);
        page.locator("summary").click();
        page.locator("#recovery-code").fill(codes.get(3));
        page.locator("#recovery-code").press("Enter");
        page.waitForURL("**/account");
        page.navigate("/security");
        assertThat(page.locator("#recovery-codes-left").textContent()).contains("9 unused");
        signOut(page);

        signInWithPassword(page, user);
        page.locator("summary").click();
        page.locator("#recovery-code").fill(codes.get(3));
        page.locator("#recovery-code").press("Enter");
        page.waitForLoadState();
        assertThat(page.url()).endsWith("/login/second-factor");
        assertThat(page.locator(".alert-error:not(.hidden)").textContent()).contains("not right");
        assertThat(console.problems()).isEmpty();
    }

    @Test
    void switchingTheSmsFactorOffNeedsAFreshCode(Page page, BrowserConsole console) {
        UserAccount user = fixtures.customer();
        signInWithPassword(page, user);
        page.navigate("/security");
        page.locator("#sms-factor-toggle").click();
        page.waitForURL("**/security?changed=sms-on");
        assertThat(page.locator("#sms-factor").textContent()).isEqualTo("On");

        page.locator("#sms-factor-toggle").click();
        page.waitForURL("**/security/step-up");
        page.locator("form[action='/security/step-up/sms'] button").click();
        page.waitForLoadState();
        page.locator("input[name=code]").fill(latestSmsCode(user));
        page.locator("input[value=SMS]").check();
        page.locator("form[action='/security/step-up'] button[type=submit]").click();
        page.waitForURL("**/security?steppedup");
        page.locator("#sms-factor-toggle").click();
        page.waitForURL("**/security?changed=sms-off");

        assertThat(page.locator("#sms-factor").textContent()).isEqualTo("Fallback only");
        assertThat(fixtures.reload(user.id()).smsFactorEnabled()).isFalse();
        assertThat(console.problems()).isEmpty();
    }

    @Test
    void newRecoveryCodesAreShownOnceAfterAFreshSecondFactor(Page page, BrowserConsole console) {
        UserAccount user = fixtures.customer();
        settings.setSmsFactor(user.id(), true, "127.0.0.1");
        signInWithPassword(page, user);
        page.locator("form[action='/login/second-factor/sms'] button").click();
        page.waitForLoadState();
        page.locator("input[name=code]").first().fill(latestSmsCode(user));
        page.locator("input[value=SMS]").check();
        page.locator("form[action='/login/second-factor'] button[type=submit]").first().click();
        page.waitForURL("**/account");

        page.navigate("/security");
        page.locator("form[action='/security/recovery-codes'] button").click();
        page.waitForLoadState();

        assertThat(page.locator("#recovery-codes li").allTextContents()).hasSize(10)
                .allMatch(c -> c.strip().matches("[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{2}"));
        assertThat(recoveryCodes.remaining(user.id())).isEqualTo(10);
        assertThat(console.problems()).isEmpty();
    }

    @Test
    void addingAPasskeyNeedsAFreshSecondFactorOnceTheUserHasOne(Page page, BrowserConsole console) {
        UserAccount user = fixtures.customer();
        signInWithPassword(page, user);
        settings.setSmsFactor(user.id(), true, "127.0.0.1");
        VirtualAuthenticator authenticator = VirtualAuthenticator.attach(page);

        page.navigate("/security");
        page.locator("#passkey-register").click();
        page.waitForURL("**/security/step-up");

        assertThat(authenticator.credentials()).isEmpty();
        assertThat(console.problems()).as("only the refused options request")
                .allMatch(problem -> problem.contains("status of 403") && problem.contains("/security/passkeys/options"));
    }

    @Test
    void theRelyingPartyIsLocalhostAndAcceptsOnlyThePublicUrlAndThisServersOwnOrigin(@Autowired Passkeys passkeys,
                                                                                      @Autowired TestClient client) {
        assertThat(passkeys.rpId()).isEqualTo("localhost");
        assertThat(passkeys.allowedOrigins()).containsExactlyInAnyOrder("https://localhost:8443", "https://localhost:" + client.port());
    }
}
