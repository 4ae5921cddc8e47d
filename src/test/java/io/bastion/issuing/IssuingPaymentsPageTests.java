package io.bastion.issuing;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.bastion.testing.BastionTest;
import io.bastion.testing.BrowserConsole;
import io.bastion.testing.BrowserExtension;
import io.bastion.vault.CardToken;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** The customer's card payments page in real Chromium: their own payments only, with the 3-D Secure outcome in words. */
@BastionTest
@ExtendWith(BrowserExtension.class)
class IssuingPaymentsPageTests {

    @Autowired
    ApplicationContext context;
    IssuingFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new IssuingFixture(context);
    }

    @Test
    void aCustomerSeesOnlyTheirOwnCardPaymentsNewestFirstWithHowTheyWereVerified(Page page, BrowserConsole console) {
        IssuingFixture.Holder h = fixture.holder(10_000);
        IssuingFixture.Holder stranger = fixture.holder(10_000);
        AuthorizationResult inStore = fixture.issuing.authorize(withMerchant(IssuingFixture.inStore(h, 700, "GB", "5411"),
                "Corner Shop"));
        assertThat(fixture.issuing.capture(inStore.authorizationId(), 700)).isEqualTo(HoldOutcome.CAPTURED);
        CardToken oneOff = fixture.oneOffToken(h);
        ThreeDsResult threeDs = fixture.authenticated(h, oneOff, 1_250, IssuingFixture.MERCHANT_ID);
        AuthorizationResult online = fixture.issuing.authorize(new AuthorizationRequest(IssuingFixture.authorizationId(),
                null, oneOff, Optional.empty(), Optional.empty(), 1_250, "EUR", "Web Shop", "GB", "5999", true,
                Optional.of(threeDs)));
        assertThat(online.approved()).isTrue();
        AuthorizationResult unverified = fixture.issuing.authorize(new AuthorizationRequest(IssuingFixture.authorizationId(),
                null, oneOff, Optional.empty(), Optional.empty(), 300, "EUR", "Sketchy Shop", "GB", "5999", true,
                Optional.empty()));
        assertThat(unverified.declineReason()).isEqualTo(DeclineReason.AUTHENTICATION_REQUIRED);
        assertThat(fixture.issuing.authorize(withMerchant(IssuingFixture.inStore(stranger, 400, "GB", "5411"),
                "Strangers Bakery")).approved()).isTrue();

        fixture.people.signIn(page, h.customer());
        page.navigate("/cards");
        page.locator("#payments-link").click();
        page.waitForURL("**/cards/payments");

        Locator rows = page.locator("#payments .payment-row");
        assertThat(rows.count()).isEqualTo(3);
        assertThat(rows.nth(0).getAttribute("data-id")).isEqualTo(unverified.authorizationId());
        assertThat(rows.nth(0).locator(".status").textContent()).isEqualTo("Declined");
        assertThat(rows.nth(0).locator(".verification").textContent()).isEqualTo("Not verified");
        assertThat(rows.nth(1).locator(".merchant").textContent()).isEqualTo("Web Shop");
        assertThat(rows.nth(1).locator(".amount").textContent()).isEqualTo("12.50 EUR");
        assertThat(rows.nth(1).locator(".status").textContent()).isEqualTo("Authorized");
        assertThat(rows.nth(1).locator(".verification").textContent()).isEqualTo("Verified automatically (low risk)");
        assertThat(rows.nth(1).locator(".eci").textContent()).isEqualTo("05");
        assertThat(rows.nth(2).locator(".merchant").textContent()).isEqualTo("Corner Shop");
        assertThat(rows.nth(2).locator(".status").textContent()).isEqualTo("Paid");
        assertThat(rows.nth(2).locator(".verification").textContent()).isEqualTo("Not needed (in person)");
        String text = page.locator("main").textContent();
        assertThat(text).doesNotContain("Strangers Bakery").doesNotContain(stranger.card().masked())
                .doesNotContain(h.details().number());
        assertThat(console.policyViolations()).isEmpty();
    }

    @Test
    void aCustomerWithoutCardsSeesNoPayments(Page page) {
        IssuingFixture.Holder other = fixture.holder(10_000);
        assertThat(fixture.issuing.authorize(IssuingFixture.inStore(other, 400, "GB", "5411")).approved()).isTrue();
        fixture.people.signIn(page, fixture.people.verifiedCustomer());
        assertThat(page.navigate("/cards/payments").status()).isEqualTo(200);
        assertThat(page.locator(".payment-row").count()).isZero();
        assertThat(page.locator("main").textContent()).contains("No card payments yet.");
    }

    @Test
    void olderPaymentsAreOnTheNextPageAndABadPageIsRefused(Page page) {
        IssuingFixture.Holder h = fixture.holder(100_000);
        for (int i = 0; i <= Cards.PAYMENTS_PAGE_SIZE; i++) {
            assertThat(fixture.issuing.authorize(IssuingFixture.inStore(h, 10 + i, "GB", "5411")).approved()).isTrue();
        }
        fixture.people.signIn(page, h.customer());
        page.navigate("/cards/payments");
        assertThat(page.locator(".payment-row").count()).isEqualTo(Cards.PAYMENTS_PAGE_SIZE);
        assertThat(page.locator("#newer").count()).isZero();
        page.locator("#older").click();
        page.waitForURL("**/cards/payments?page=1");
        assertThat(page.locator(".payment-row").count()).isOne();
        assertThat(page.locator(".payment-row .amount").textContent()).isEqualTo("0.10 EUR");
        assertThat(page.locator("#older").count()).isZero();
        assertThat(page.navigate("/cards/payments?page=abc").status()).isEqualTo(400);
        assertThat(page.navigate("/cards/payments?page=100000").status()).isEqualTo(400);
    }

    private static AuthorizationRequest withMerchant(AuthorizationRequest r, String merchant) {
        return new AuthorizationRequest(r.authorizationId(), r.cardNumber(), r.token(), r.expiry(), r.cvv(), r.amountMinor(),
                r.currency(), merchant, r.merchantCountry(), r.mcc(), r.online(), r.threeDs());
    }
}
