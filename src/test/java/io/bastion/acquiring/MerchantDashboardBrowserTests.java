package io.bastion.acquiring;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import io.bastion.identity.BusinessApiKeys;
import io.bastion.identity.TotpFixture;
import io.bastion.shared.TimeText;
import io.bastion.testing.BastionTest;
import io.bastion.testing.BrowserConsole;
import io.bastion.testing.BrowserExtension;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** The merchant dashboard in real Chromium: an owner finds a payment made through the API and refunds part of it. */
@BastionTest
@ExtendWith(BrowserExtension.class)
class MerchantDashboardBrowserTests {

    @Autowired
    ApplicationContext context;
    MerchantDashboardFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new MerchantDashboardFixture(context);
    }

    @Test
    void anOwnerRefundsPartOfAPaymentAfterConfirmingItAndSeesTheRefundInTheTimeline(Page page, BrowserConsole console) {
        TotpFixture.Customer owner = fixture.people.verifiedCustomer();
        MerchantDashboardFixture.Business shop = fixture.business(owner, BusinessApiKeys.Role.OWNER);
        String paymentId = fixture.pay(shop, 10_000, "automatic", "pm_card_visa");
        fixture.people.signIn(page, owner);

        page.navigate("/merchant");
        page.waitForURL("**/merchant/" + shop.id() + "/payments");
        var row = page.locator("tr.payment[data-payment-id=" + paymentId + "]");
        assertThat(row.locator("td.status").textContent()).isEqualTo("succeeded");
        assertThat(row.locator("td.card").textContent()).endsWith("•••• 4242");
        assertThat(row.textContent()).contains("EUR 100.00");
        assertThat(row.locator("time").textContent()).matches("[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2} UTC");
        row.locator("a").click();
        page.waitForURL("**/payments/" + paymentId);
        assertThat(page.locator("#status").textContent()).isEqualTo("succeeded");
        assertThat(page.locator("#refunded").textContent()).isEqualTo("EUR 0.00");

        page.locator("#refund input[name=amount]").fill("12.34");
        page.locator("#refund button[type=submit]").click();
        page.waitForURL("**/payments/" + paymentId + "/refunds/cnf_*");
        assertThat(page.locator("#summary").textContent()).contains("EUR 12.34").contains(paymentId);
        assertThat(page.locator("#amount").textContent()).isEqualTo("EUR 12.34");
        assertThat(page.locator("#currency").textContent()).isEqualTo("EUR");
        assertThat(fixture.intents.find(shop.id(), paymentId).orElseThrow().amountRefunded()).isZero();

        page.locator("#confirm-form input[name=code]").fill(fixture.people.code(owner, 1));
        page.locator("#confirm-form button[type=submit]").click();
        page.waitForURL("**/payments/" + paymentId + "?refunded");
        assertThat(page.locator("#refunded").textContent()).isEqualTo("EUR 12.34");
        assertThat(page.locator("#timeline").textContent()).contains("payment_intent.refunded").contains("EUR 12.34");
        assertThat(page.locator("#refunds tr.refund").count()).isEqualTo(1);
        var refunded = page.locator("#timeline li.event:has-text('payment_intent.refunded') time");
        assertThat(refunded.textContent()).matches("[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2} UTC");
        Instant refundedAt = Instant.parse(refunded.getAttribute("datetime"));
        assertThat(refundedAt).isEqualTo(refundedAt.truncatedTo(ChronoUnit.SECONDS));
        assertThat(refunded.textContent()).isEqualTo(TimeText.minute(refundedAt));
        assertThat(fixture.intents.find(shop.id(), paymentId).orElseThrow().amountRefunded()).isEqualTo(1_234);
        assertThat(console.policyViolations()).isEmpty();
    }
}
