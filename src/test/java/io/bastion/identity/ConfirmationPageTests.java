package io.bastion.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import io.bastion.testing.BastionTest;
import io.bastion.testing.BrowserConsole;
import io.bastion.testing.BrowserExtension;
import io.bastion.testing.TestClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** Transfer confirmation in real Chromium: the page shows exactly what is confirmed and only to its owner. */
@BastionTest
@ExtendWith(BrowserExtension.class)
class ConfirmationPageTests {

    static final ConfirmationAction.Payment PAYMENT = new ConfirmationAction.Payment(12_550, "EUR", "pay_bakery", "Ada's Bakery");

    @Autowired
    ApplicationContext context;

    @Autowired
    Confirmations confirmations;

    @Autowired
    TestClient client;

    ConfirmationFixture fixture;

    @BeforeEach
    void fixture() {
        fixture = new ConfirmationFixture(context);
    }

    @Test
    void aUserConfirmsAPaymentWithTheirAuthenticatorAndOnlyThatExactPaymentCanUseItOnce(Page page, BrowserConsole console) {
        var person = fixture.person(true);
        fixture.signIn(page, person);
        Confirmation confirmation = confirmations.request(person.id(), PAYMENT);

        page.navigate("/confirm/" + confirmation.id());
        assertThat(page.locator("#amount").textContent()).isEqualTo("EUR 125.50");
        assertThat(page.locator("#currency").textContent()).isEqualTo("EUR");
        assertThat(page.locator("#payee").textContent()).isEqualTo("Ada's Bakery");
        assertThat(page.locator("#expires time").textContent()).matches("[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2} UTC");
        assertThat(java.time.Instant.parse(page.locator("#expires time").getAttribute("datetime")))
                .isEqualTo(confirmation.expiresAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        page.locator("#confirm-form input[name=code]").fill(fixture.totpCode(person, 1));
        page.locator("#confirm-form button[type=submit]").click();

        assertThat(page.locator("#state").textContent()).isEqualTo("Confirmed.");
        assertThat(page.locator("#confirm-form").count()).isZero();
        assertThat(confirmations.consume(person.id(), confirmation.id(),
                new ConfirmationAction.Payment(12_551, "EUR", "pay_bakery", "Ada's Bakery"))).as("changed amount").isFalse();
        assertThat(confirmations.consume(person.id(), confirmation.id(),
                new ConfirmationAction.Payment(12_550, "EUR", "pay_mallory", "Ada's Bakery"))).as("changed payee").isFalse();
        assertThat(confirmations.consume(person.id(), confirmation.id(), PAYMENT)).isTrue();
        assertThat(confirmations.consume(person.id(), confirmation.id(), PAYMENT)).as("second use").isFalse();
        assertThat(console.problems()).isEmpty();
    }

    @Test
    void aTextedCodeNamesThePaymentAndConfirmsIt(Page page, BrowserConsole console) {
        var person = fixture.person(true);
        fixture.signIn(page, person);
        Confirmation confirmation = confirmations.request(person.id(), PAYMENT);

        page.navigate("/confirm/" + confirmation.id());
        page.locator("#sms-form button").click();
        assertThat(page.locator(".alert-info").first().textContent()).contains("We sent a code");
        assertThat(fixture.smsBody(person)).contains("EUR 125.50").contains("Ada's Bakery");
        page.locator("#confirm-form input[name=code]").fill(fixture.smsCode(person).group(1));
        assertThat(page.locator("input[name=method][value=SMS]").isChecked()).isTrue();
        page.locator("#confirm-form button[type=submit]").click();

        assertThat(page.locator("#state").textContent()).isEqualTo("Confirmed.");
        assertThat(confirmations.consume(person.id(), confirmation.id(), PAYMENT)).isTrue();
        assertThat(console.problems()).isEmpty();
    }

    @Test
    void fiveWrongCodesCancelTheConfirmation(Page page, BrowserConsole console) {
        var person = fixture.person(true);
        fixture.signIn(page, person);
        Confirmation confirmation = confirmations.request(person.id(), PAYMENT);
        page.navigate("/confirm/" + confirmation.id());
        String right = fixture.totpCode(person, 1);
        String wrong = right.equals("000000") ? "111111" : "000000";

        for (int i = 0; i < Confirmations.ATTEMPTS_MAX; i++) {
            page.locator("#confirm-form input[name=code]").fill(wrong);
            page.locator("#confirm-form button[type=submit]").click();
            page.waitForLoadState();
        }

        assertThat(page.locator(".alert-error").textContent()).contains("Too many wrong codes");
        assertThat(page.locator("#confirm-form").count()).isZero();
        assertThat(confirmations.confirm(person.id(), confirmation.id(), SecondFactors.Method.TOTP, right, "127.0.0.1"))
                .isEqualTo(Confirmations.Outcome.TOO_MANY_ATTEMPTS);
        assertThat(confirmations.consume(person.id(), confirmation.id(), PAYMENT)).isFalse();
    }

    @Test
    void rulesAndTrustedPayeesChangeInTheSecurityCentreOnlyAfterAConfirmation(Page page, BrowserConsole console) {
        var person = fixture.person(false);
        fixture.signIn(page, person);
        ConfirmationRules rules = context.getBean(ConfirmationRules.class);

        page.navigate("/security/confirmation-rules");
        page.locator("#rule-form input[name=mode][value=ALWAYS]").check();
        page.locator("#rule-form textarea[name=thresholds]").fill("EUR 200.00");
        page.locator("#rule-form button[type=submit]").click();
        page.waitForURL("**/confirm/cnf_*");
        assertThat(page.locator("#summary").textContent()).contains("except to trusted payees up to EUR 200.00");
        assertThat(rules.rule(person.id())).as("unchanged before the confirmation").isEqualTo(ConfirmationRules.Rule.strictest());
        confirmOnPageBySms(page, person);
        page.waitForURL("**/security/confirmation-rules?saved");
        assertThat(page.locator("#current-rule").textContent()).contains("EUR 200.00");

        page.locator("#payee-form input[name=payeeId]").fill("pay_bakery");
        page.locator("#payee-form input[name=label]").fill("Ada's Bakery");
        page.locator("#payee-form button[type=submit]").click();
        page.waitForURL("**/confirm/cnf_*");
        assertThat(page.locator("#summary").textContent()).contains("Trust payee Ada's Bakery (pay_bakery)");
        confirmOnPageBySms(page, person);
        page.waitForURL("**/security/confirmation-rules?trusted");
        assertThat(page.locator("#payees .payee").textContent()).contains("pay_bakery");

        assertThat(confirmations.requiresConfirmation(person.id(), PAYMENT)).isFalse();
        assertThat(confirmations.requiresConfirmation(person.id(),
                new ConfirmationAction.Payment(20_001, "EUR", "pay_bakery", "Ada's Bakery"))).isTrue();
        assertThat(console.problems()).isEmpty();
    }

    private void confirmOnPageBySms(Page page, ConfirmationFixture.Person person) {
        page.locator("#sms-form button").click();
        page.locator("#confirm-form input[name=code]").fill(fixture.smsCode(person).group(1));
        page.locator("#confirm-form button[type=submit]").click();
    }

    @Test
    void anotherUserGetsNotFoundForSomeoneElsesConfirmation(Page page) {
        var owner = fixture.person(true);
        fixture.signIn(page, owner);
        Confirmation confirmation = confirmations.request(owner.id(), PAYMENT);
        assertThat(page.navigate("/confirm/" + confirmation.id()).status()).isEqualTo(200);

        Browser browser = page.context().browser();
        try (BrowserContext otherContext = browser.newContext(new Browser.NewContextOptions().setBaseURL(client.uri("/").toString()))) {
            Page other = otherContext.newPage();
            fixture.signIn(other, fixture.person(false));
            Response response = other.navigate("/confirm/" + confirmation.id());
            assertThat(response.status()).isEqualTo(404);
            assertThat(other.content()).doesNotContain("Ada's Bakery");
            assertThat(other.navigate("/confirm/cnf_doesnotexist").status()).isEqualTo(404);
        }
    }
}
