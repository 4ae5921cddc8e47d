package io.bastion.issuing;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import io.bastion.identity.TotpFixture;
import io.bastion.testing.BastionTest;
import io.bastion.testing.BrowserConsole;
import io.bastion.testing.BrowserExtension;
import io.bastion.vault.CardNumber;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** The card pages in real Chromium: create, freeze (authorizations then decline), show details after a second factor. */
@BastionTest
@ExtendWith(BrowserExtension.class)
class CardBrowserTests {

    @Autowired
    ApplicationContext context;
    IssuingFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new IssuingFixture(context);
    }

    @Test
    void aCustomerCreatesAndFreezesACardAndSeesItsDetailsAfterASecondFactor(Page page, BrowserConsole console) {
        TotpFixture.Customer customer = fixture.people.verifiedCustomer();
        fixture.people.signIn(page, customer);
        page.locator("#cards-link").click();
        page.waitForURL("**/cards");
        page.locator("#create-card button[type=submit]").click();
        page.waitForURL("**/cards/card_*?created");
        String cardId = page.url().replaceAll(".*/cards/(card_[a-z0-9]+).*", "$1");
        Card card = fixture.cards.card(customer.id(), cardId).orElseThrow();
        assertThat(page.locator("h1").textContent()).contains(card.masked());
        String pan = fixture.cards.reveal(customer.id(), cardId, "127.0.0.1").orElseThrow().number();

        page.locator("#freeze button").click();
        page.waitForURL("**?frozen");
        assertThat(page.locator("#card-status").textContent()).isEqualTo("FROZEN");
        AuthorizationResult declined = fixture.issuing.authorize(new AuthorizationRequest(IssuingFixture.authorizationId(),
                CardNumber.of(pan), null, Optional.empty(), Optional.empty(), 100, "EUR", "Shop", "GB", "5411", false,
                Optional.empty()));
        assertThat(declined.declineReason()).isEqualTo(DeclineReason.CARD_FROZEN);
        page.locator("#unfreeze button").click();
        page.waitForURL("**?unfrozen");
        assertThat(page.locator("#card-status").textContent()).isEqualTo("ACTIVE");

        // The sign-in's second factor counts as fresh for five minutes; age it so the page must ask again.
        ageStepUp(customer.id());
        page.locator("#show-details button").click();
        assertThat(page.locator("#card-number").count()).isZero();
        page.locator("#details-code input[name=code]").fill(fixture.people.code(customer, 1));
        List<Response> responses = new java.util.concurrent.CopyOnWriteArrayList<>();
        page.onResponse(responses::add);
        page.locator("#details-code button[type=submit]").click();
        page.locator("#card-number").waitFor();
        Response shown = responses.stream().filter(r -> r.url().contains("/cards/" + cardId + "/details")).findFirst()
                .orElseThrow();
        assertThat(shown.status()).isEqualTo(200);
        assertThat(page.locator("#card-number").textContent().replace(" ", "")).isEqualTo(pan);
        assertThat(page.locator("#card-cvv").textContent()).matches("[0-9]{3}");
        assertThat(shown.headerValue("cache-control")).contains("no-store");
        assertThat(shown.headerValue("pragma")).isEqualTo("no-cache");
        assertThat(shown.request().method()).isEqualTo("POST");
        assertThat(page.url()).doesNotContain(pan).doesNotContain(pan.substring(6));
        Object stored = page.evaluate("() => JSON.stringify(localStorage) + JSON.stringify(sessionStorage) + document.cookie");
        assertThat(stored.toString()).doesNotContain(pan);
        assertThat(console.policyViolations()).isEmpty();
    }

    @Test
    void anotherCustomersCardAnswersNotFoundOnEveryPage(Page page) {
        IssuingFixture.Holder owner = fixture.holder(0);
        TotpFixture.Customer other = fixture.people.verifiedCustomer();
        fixture.people.signIn(page, other);
        String id = owner.card().id();
        assertThat(page.navigate("/cards/" + id).status()).isEqualTo(404);
        for (String action : List.of("freeze", "unfreeze", "replace", "details", "controls")) {
            Object status = page.evaluate("([url, token]) => fetch(url, {method: 'POST', headers: {'X-CSRF-TOKEN': token}})"
                    + ".then(r => r.status)", List.of("/cards/" + id + "/" + action, csrf(page)));
            assertThat(status).as(action).isEqualTo(404);
        }
        assertThat(fixture.cards.card(owner.id(), id).orElseThrow().status()).isEqualTo(CardStatus.ACTIVE);
    }

    private void ageStepUp(String userId) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(java.time.Instant.now().minus(java.time.Duration.ofMinutes(6)));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        int aged = context.getBean(org.springframework.jdbc.core.simple.JdbcClient.class).sql("""
                UPDATE identity_session_attributes SET attribute_bytes = ? WHERE attribute_name = 'bastion.steppedUpAt'
                AND session_primary_id IN (SELECT primary_id FROM identity_session WHERE principal_name = ?)""")
                .params(bytes.toByteArray(), userId).update();
        assertThat(aged).isEqualTo(1);
    }

    private static String csrf(Page page) {
        page.navigate("/cards");
        return page.locator("#create-card input[name=_csrf]").getAttribute("value");
    }
}
