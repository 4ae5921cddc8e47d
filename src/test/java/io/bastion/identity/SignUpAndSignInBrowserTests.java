package io.bastion.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import io.bastion.notification.DevInbox;
import io.bastion.testing.BastionTest;
import io.bastion.testing.BrowserConsole;
import io.bastion.testing.BrowserExtension;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Sign-up, sign-in with an authenticator app, and lockout, as a person does them in Chromium. */
@BastionTest
@ExtendWith(BrowserExtension.class)
class SignUpAndSignInBrowserTests {

    @Autowired
    DevInbox inbox;

    @Autowired
    Registration registration;

    @Autowired
    Totp totp;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    private static void signIn(Page page, String email, String password) {
        page.navigate("/login");
        page.fill("input[name=email]", email);
        page.fill("input[name=password]", password);
        page.click("button[type=submit]");
    }

    @Test
    void aNewCustomerSignsUpConfirmsBothCodesAndSignsIn(Page page, BrowserConsole console) {
        String email = IdentityFixtures.email();
        String phone = IdentityFixtures.phone();
        page.navigate("/signup");
        assertThat(page.getAttribute("input[name=password]", "autocomplete")).isEqualTo("new-password");
        assertThat(page.getAttribute("input[name=email]", "autocomplete")).isEqualTo("email");
        assertThat(page.getAttribute("input[name=phone]", "autocomplete")).isEqualTo("tel");
        page.fill("input[name=name]", "Grace Hopper");
        page.fill("input[name=email]", email);
        page.fill("input[name=phone]", phone);
        page.fill("input[name=password]", IdentityFixtures.PASSWORD);
        page.click("button[type=submit]");

        assertThat(page.url()).endsWith("/signup/verify");
        page.fill("input[name=emailCode]", IdentityFixtures.latestCode(inbox, email));
        page.fill("input[name=smsCode]", IdentityFixtures.latestCode(inbox, phone));
        page.click("form[action='/signup/verify'] button[type=submit]");
        assertThat(page.url()).contains("/login?verified");

        signIn(page, email, IdentityFixtures.PASSWORD);
        assertThat(page.url()).endsWith("/account");
        assertThat(page.locator("h1").textContent()).isEqualTo("Hello, Grace Hopper");
        assertThat(console.problems()).isEmpty();
    }

    @Test
    void aWeakPasswordIsRefusedNamingTheRule(Page page) {
        page.navigate("/signup");
        page.fill("input[name=name]", "Weak Password");
        page.fill("input[name=email]", IdentityFixtures.email());
        page.fill("input[name=phone]", IdentityFixtures.phone());
        page.fill("input[name=password]", "password1234");
        page.click("button[type=submit]");
        assertThat(page.locator("p.alert-error:not(#passkey-error)").textContent()).contains("most common passwords");
    }

    @Test
    void signInWithAnAuthenticatorAppAndAReplayedCodeFails(Page page, BrowserConsole console) {
        String email = IdentityFixtures.email();
        IdentityFixtures.verifiedCustomer(registration, inbox, email, IdentityFixtures.phone(), false);
        signIn(page, email, IdentityFixtures.PASSWORD);
        page.navigate("/security/two-factor");
        String secret = page.locator("#totp-secret").textContent().trim();
        page.fill("input[name=code][autocomplete=one-time-code]", totp.codeAt(secret, clock.instant()));
        page.click("form[action='/security/two-factor'] button[type=submit]");
        assertThat(page.url()).contains("/security?totp");
        page.click("header form[action='/logout'] button");

        signIn(page, email, IdentityFixtures.PASSWORD);
        assertThat(page.url()).endsWith("/login/second-factor");
        // The enrolment used the current 30-second step; the app's next code is within the allowed drift.
        String code = totp.codeAt(secret, clock.instant().plusSeconds(30));
        page.fill("input[name=code][autocomplete=one-time-code]", code);
        page.click("form[action='/login/second-factor'] button[type=submit]");
        assertThat(page.url()).endsWith("/account");
        page.click("header form[action='/logout'] button");

        signIn(page, email, IdentityFixtures.PASSWORD);
        page.fill("input[name=code][autocomplete=one-time-code]", code);
        page.click("form[action='/login/second-factor'] button[type=submit]");
        assertThat(page.url()).endsWith("/login/second-factor");
        assertThat(page.locator("p.alert-error:not(#passkey-error)").textContent()).contains("not right");
        assertThat(console.problems()).isEmpty();
    }

    @Test
    void fiveWrongPasswordsLockTheAccountAndTheRightOneIsRefusedWhileLocked(Page page) {
        String email = IdentityFixtures.email();
        IdentityFixtures.verifiedCustomer(registration, inbox, email, IdentityFixtures.phone(), false);
        for (int i = 0; i < SignIn.LOGIN_FAILURES_MAX; i++) {
            signIn(page, email, "wrong password number " + i);
            assertThat(page.locator("p.alert-error:not(#passkey-error)").textContent()).isEqualTo(
                    "That e-mail and password do not match an account we can sign in.");
        }
        String wrongPasswordPage = page.locator("main").innerHTML().replaceAll("value=\"[^\"]*\"", "");

        signIn(page, email, IdentityFixtures.PASSWORD);

        assertThat(page.url()).endsWith("/login");
        assertThat(page.locator("main").innerHTML().replaceAll("value=\"[^\"]*\"", "")).isEqualTo(wrongPasswordPage);
        assertThat(inbox.newestTo(email).getFirst().subject()).isEqualTo("Your Bastion account is locked");
        assertThat(jdbc.sql("SELECT locked_until > now() FROM identity_user WHERE email = ?").param(email)
                .query(Boolean.class).single()).isTrue();
    }
}
