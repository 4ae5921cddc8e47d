package io.bastion.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.bastion.testing.BastionTest;
import io.bastion.testing.BrowserlessSession;
import io.bastion.testing.TestClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reset-link pages and the contact-change pages over plain HTTP, and the whole identity journey
 * (sign-up, sign-in, authenticator, reset, API key) with the log watched for every secret involved.
 */
@BastionTest
@TestPropertySource(properties = "bastion.rate-limits.enabled=false")
@ExtendWith(OutputCaptureExtension.class)
class ResetAndContactPagesTests {

    static final Pattern TOTP_SECRET = Pattern.compile("id=\"totp-secret\">([A-Z2-7]+)<");
    /** ISO timestamps carry six-digit fractions that could look like a one-time code. */
    static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}([.,]\\d+)?");

    @Autowired
    TestClient client;
    @Autowired
    UserStore users;
    @Autowired
    Totp totp;
    @Autowired
    JsonMapper json;
    @Autowired
    Clock clock;

    @Autowired
    ApplicationContext context;

    TestAccounts accounts;

    @BeforeEach
    void setUp() {
        accounts = TestAccounts.of(context);
    }

    private String requestResetLink(BrowserlessSession browser, String email) {
        browser.get("/password/reset");
        BrowserlessSession.Page answer = browser.post("/password/reset", Map.of("email", email));
        assertThat(answer.redirectPath()).isEqualTo("/password/reset?sent");
        return accounts.resetToken(email);
    }

    @Test
    void theResetLinkPageIsNeverCachedAsksForTheAuthenticatorCodeAndWorksOnce() {
        TestAccounts.Person person = accounts.withTotp(accounts.person());
        BrowserlessSession browser = new BrowserlessSession(client);
        String token = requestResetLink(browser, person.email());

        BrowserlessSession.Page form = browser.get("/password/reset/" + token);
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.header("Cache-Control")).isEqualTo("no-store");
        assertThat(form.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(form.body()).contains("action=\"/password/new\"").contains("name=\"token\" value=\"" + token + "\"")
                .contains("name=\"code\"").contains("/js/reset-link.js");

        String next = TestAccounts.randomPassword();
        BrowserlessSession.Page wrongCode = browser.post("/password/new", Map.of("token", token, "password", next, "code", "12345"));
        assertThat(wrongCode.status()).isEqualTo(422);
        assertThat(wrongCode.header("Cache-Control")).isEqualTo("no-store");
        assertThat(wrongCode.body()).contains("authenticator app is not right");

        BrowserlessSession.Page changed = browser.post("/password/new",
                Map.of("token", token, "password", next, "code", accounts.totpCode(person, 0)));
        assertThat(changed.status()).isEqualTo(302);
        assertThat(changed.redirectPath()).isEqualTo("/login?reset");

        BrowserlessSession.Page reopened = browser.get("/password/reset/" + token);
        assertThat(reopened.status()).isEqualTo(410);
        assertThat(reopened.body()).contains("This link no longer works").doesNotContain(token);
        BrowserlessSession.Page reused = browser.post("/password/new",
                Map.of("token", token, "password", TestAccounts.randomPassword(), "code", accounts.totpCode(person, 1)));
        assertThat(reused.status()).isEqualTo(410);

        BrowserlessSession.Page signIn = TestAccounts.logIn(new BrowserlessSession(client), person.email(), next);
        assertThat(signIn.redirectPath()).isEqualTo("/login/second-factor");
    }

    @Test
    void aResetEndsEverySessionOfTheUser() {
        TestAccounts.Person person = accounts.person();
        BrowserlessSession signedIn = new BrowserlessSession(client);
        assertThat(TestAccounts.logIn(signedIn, person.email(), person.password()).redirectPath()).isEqualTo("/account");
        BrowserlessSession elsewhere = new BrowserlessSession(client);
        String token = requestResetLink(elsewhere, person.email());
        elsewhere.get("/password/reset/" + token);
        assertThat(elsewhere.post("/password/new", Map.of("token", token, "password", TestAccounts.randomPassword())).redirectPath())
                .isEqualTo("/login?reset");
        assertThat(signedIn.get("/account").status()).isEqualTo(302);
    }

    @Test
    void changingTheEmailNeedsAFreshSecondFactorAndACodeFromTheNewAddressAndTellsTheOldOne() {
        TestAccounts.Person person = accounts.person();
        String newEmail = TestAccounts.randomEmail();
        BrowserlessSession browser = new BrowserlessSession(client);
        TestAccounts.logIn(browser, person.email(), person.password());

        assertThat(browser.get("/security/contact/email").redirectPath()).isEqualTo("/security/step-up?next=email");
        browser.get("/security");
        assertThat(browser.post("/security/contact/email", Map.of("value", newEmail)).redirectPath())
                .isEqualTo("/security/step-up?next=email");
        assertThat(accounts.messagesTo(newEmail)).as("no code without a fresh second factor").isEmpty();

        stepUpBySms(browser, person, "email");
        assertThat(browser.get("/security/contact/email").status()).isEqualTo(200);
        assertThat(browser.post("/security/contact/email", Map.of("value", newEmail)).redirectPath())
                .isEqualTo("/security/contact/email/confirm");
        String code = accounts.newest(newEmail, TestAccounts.SIX_DIGITS);
        assertThat(browser.get("/security/contact/email/confirm").body()).contains(newEmail);
        String wrong = code.equals("000000") ? "111111" : "000000";
        assertThat(browser.post("/security/contact/email/confirm", Map.of("code", wrong)).status()).isEqualTo(422);
        assertThat(browser.post("/security/contact/email/confirm", Map.of("code", code)).redirectPath())
                .isEqualTo("/security?changed=email");

        assertThat(users.byId(person.id()).orElseThrow().email()).isEqualTo(newEmail);
        assertThat(accounts.messagesTo(person.email()))
                .anySatisfy(m -> assertThat(m.subject()).isEqualTo("Your Bastion e-mail address was changed"));
        assertThat(browser.get("/security").body()).contains("data-kind=\"EMAIL_CHANGED\"").contains(newEmail);
        assertThat(TestAccounts.logIn(new BrowserlessSession(client), newEmail, person.password()).redirectPath()).isEqualTo("/account");
    }

    @Test
    void changingThePhoneProvesTheNewNumberAndACodeForAnotherNumberDoesNotCount() {
        TestAccounts.Person person = accounts.person();
        String newPhone = TestAccounts.randomPhone();
        String otherPhone = TestAccounts.randomPhone();
        BrowserlessSession browser = new BrowserlessSession(client);
        TestAccounts.logIn(browser, person.email(), person.password());
        stepUpBySms(browser, person, "phone");

        browser.get("/security/contact/phone");
        assertThat(browser.post("/security/contact/phone", Map.of("value", person.phone())).body())
                .contains("That is already your phone number.");
        browser.post("/security/contact/phone", Map.of("value", newPhone));
        String codeForNew = accounts.newest(newPhone, TestAccounts.SIX_DIGITS);
        browser.post("/security/contact/phone", Map.of("value", otherPhone));
        assertThat(browser.post("/security/contact/phone/confirm", Map.of("code", codeForNew)).status())
                .as("the pending number is now the other one").isEqualTo(422);
        String codeForOther = accounts.newest(otherPhone, TestAccounts.SIX_DIGITS);
        assertThat(browser.post("/security/contact/phone/confirm", Map.of("code", codeForOther)).redirectPath())
                .isEqualTo("/security?changed=phone");
        assertThat(users.byId(person.id()).orElseThrow().phone()).isEqualTo(otherPhone);
        assertThat(accounts.messagesTo(person.phone())).anySatisfy(m -> assertThat(m.body()).contains("phone number of your account was changed"));
    }

    @Test
    void movingToAnAddressThatHasAnAccountLooksTheSameButSendsNoCode() {
        TestAccounts.Person person = accounts.person();
        TestAccounts.Person other = accounts.person();
        BrowserlessSession browser = new BrowserlessSession(client);
        TestAccounts.logIn(browser, person.email(), person.password());
        stepUpBySms(browser, person, "email");
        browser.get("/security/contact/email");
        assertThat(browser.post("/security/contact/email", Map.of("value", other.email())).redirectPath())
                .isEqualTo("/security/contact/email/confirm");
        assertThat(accounts.messagesTo(other.email()))
                .allSatisfy(m -> assertThat(m.subject()).isEqualTo("Someone tried to move a Bastion account to your address"))
                .hasSize(1);
        assertThat(users.byId(person.id()).orElseThrow().email()).isEqualTo(person.email());
    }

    private void stepUpBySms(BrowserlessSession browser, TestAccounts.Person person, String next) {
        browser.get("/security/step-up?next=" + next);
        assertThat(browser.post("/security/step-up/sms", Map.of("next", next)).body()).contains("We sent a code to your phone.");
        String code = accounts.newest(person.phone(), TestAccounts.SIX_DIGITS);
        BrowserlessSession.Page done = browser.post("/security/step-up", Map.of("next", next, "method", "SMS", "code", code));
        assertThat(done.redirectPath()).isEqualTo("/security/contact/" + next);
    }

    @Test
    void noPasswordCodeResetTokenOrApiKeyEverReachesTheLog(CapturedOutput output) {
        List<String> secrets = new ArrayList<>();
        String email = TestAccounts.randomEmail();
        String phone = TestAccounts.randomPhone();
        String password = TestAccounts.randomPassword();
        secrets.add(password);
        BrowserlessSession browser = new BrowserlessSession(client);

        browser.get("/signup");
        Map<String, String> form = new LinkedHashMap<>(Map.of("kind", "individual", "name", "Log Watcher", "email", email,
                "phone", phone, "password", password));
        assertThat(browser.post("/signup", form).redirectPath()).isEqualTo("/signup/verify");
        String emailCode = accounts.newest(email, TestAccounts.SIX_DIGITS);
        String smsCode = accounts.newest(phone, TestAccounts.SIX_DIGITS);
        secrets.addAll(List.of(emailCode, smsCode));
        browser.get("/signup/verify");
        assertThat(browser.post("/signup/verify", Map.of("emailCode", emailCode, "smsCode", smsCode)).redirectPath())
                .isEqualTo("/login?verified");

        String wrongPassword = TestAccounts.randomPassword();
        secrets.add(wrongPassword);
        TestAccounts.logIn(browser, email, wrongPassword);
        assertThat(TestAccounts.logIn(browser, email, password).redirectPath()).isEqualTo("/account");

        Matcher secretOnPage = TOTP_SECRET.matcher(browser.get("/security/two-factor").body());
        assertThat(secretOnPage.find()).isTrue();
        String totpSecret = secretOnPage.group(1);
        String enrolCode = totp.codeAt(totpSecret, clock.instant().minusSeconds(30));
        secrets.addAll(List.of(totpSecret, enrolCode));
        assertThat(browser.post("/security/two-factor", Map.of("code", enrolCode)).redirectPath()).isEqualTo("/security?totp");

        BrowserlessSession again = new BrowserlessSession(client);
        assertThat(TestAccounts.logIn(again, email, password).redirectPath()).isEqualTo("/login/second-factor");
        String loginCode = totp.codeAt(totpSecret, clock.instant());
        secrets.add(loginCode);
        assertThat(again.post("/login/second-factor", Map.of("method", "TOTP", "code", loginCode)).redirectPath()).isEqualTo("/account");

        String token = requestResetLink(again, email);
        String newPassword = TestAccounts.randomPassword();
        String resetCode = totp.codeAt(totpSecret, clock.instant().plusSeconds(30));
        secrets.addAll(List.of(token, token.substring(token.indexOf('.') + 1), newPassword, resetCode));
        again.get("/password/reset/" + token);
        assertThat(again.post("/password/new", Map.of("token", token, "password", newPassword, "code", resetCode)).redirectPath())
                .isEqualTo("/login?reset");

        String apiKey = json.readTree(client.postAsOperator("/v1/operator/api-keys", "{\"name\":\"log-watch\",\"scopes\":[\"metrics\"]}")
                .body()).get("secret").asString();
        secrets.add(apiKey);
        client.get("/actuator/prometheus", Map.of("Authorization", "Bearer " + apiKey));

        String logs = TIMESTAMP.matcher(output.getAll()).replaceAll("[time]");
        for (String secret : secrets) {
            assertThat(Pattern.compile("(?<![0-9A-Za-z])" + Pattern.quote(secret) + "(?![0-9A-Za-z])").matcher(logs).find())
                    .as("a secret of length %d appears in the log", secret.length()).isFalse();
        }
    }
}
