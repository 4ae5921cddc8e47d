package io.bastion.issuing;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import io.bastion.acquiring.MerchantApi;
import io.bastion.identity.MerchantKeys;
import io.bastion.testing.BastionTest;
import io.bastion.testing.BrowserConsole;
import io.bastion.testing.BrowserExtension;
import io.bastion.testing.TestClient;
import io.bastion.vault.Expiry;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 6's "done means" in real Chromium with Bastion's own cards: the merchant creates the intent through
 * the API, the cardholder pays on the hosted page, confirms with the code the ACS sent to their verified phone
 * (read from the development inbox), and the issuer holds and takes the money from their wallet on-us.
 */
@BastionTest
@ExtendWith(BrowserExtension.class)
class OnUsCheckoutBrowserTests {

    private static final Pattern OTP = Pattern.compile("is ([0-9]{6})\\.");

    @Autowired ApplicationContext context;
    @Autowired TestClient client;
    @Autowired JsonMapper json;

    IssuingFixture fixture;
    MerchantKeys.Merchant merchant;
    MerchantApi api;

    @BeforeEach
    void setUp() {
        fixture = new IssuingFixture(context);
        api = new MerchantApi(context);
        merchant = api.merchant;
    }

    @Test
    void aCardholderPaysWithTheSmsCodeAndTheNextSmallPaymentFromTheSameBrowserIsFrictionless(Page page, BrowserConsole console) {
        IssuingFixture.Holder h = fixture.holder(100_00);
        JsonNode intent = api.create(25_00);
        page.navigate(MerchantApi.path(intent));
        typeCard(page, h);
        page.click("#pay");

        FrameLocator frame = page.frameLocator("iframe.challenge-frame");
        PlaywrightAssertions.assertThat(frame.locator("#phone")).containsText(h.customer().phone().substring(h.customer().phone().length() - 4));
        assertThat(frame.locator("#amount").textContent()).isEqualTo("25.00 EUR");
        frame.locator("#code").fill(otp(h));
        frame.locator("button[value=submit]").click();

        PlaywrightAssertions.assertThat(page.locator("#outcome-message")).hasText("Payment successful. Thank you.");
        JsonNode paid = api.get(intent.get("id").asString());
        assertThat(paid.get("status").asString()).isEqualTo("succeeded");
        assertThat(paid.get("card_brand").asString()).isEqualTo("visa");
        assertThat(paid.get("three_d_secure").get("flow").asString()).isEqualTo("challenge");
        assertThat(paid.get("three_d_secure").get("eci").asString()).isEqualTo("05");
        assertThat(paid.get("three_d_secure").get("liability_shift").asBoolean()).isTrue();
        assertThat(fixture.posted(h.wallet())).isEqualTo(75_00);
        Authorization authorization = fixture.issuing.authorization(intent.get("id").asString()).orElseThrow();
        assertThat(authorization.status()).isEqualTo(AuthorizationStatus.CAPTURED);
        // On-us, what the issuer owes and what the acquirer is owed are netted at once.
        var settled = fixture.ledger.transfer(intent.get("id").asString() + "_onus_settle").orElseThrow();
        assertThat(settled.amount()).isEqualTo(25_00);
        assertThat(settled.debitAccountId()).isEqualTo(Issuing.settlementAccount("EUR"));
        assertThat(settled.creditAccountId()).isEqualTo("sys-card-receivable-EUR");

        HttpResponse<String> refund = client.post("/v1/refunds", "{\"payment_intent\": \"" + intent.get("id").asString()
                + "\", \"amount\": 500}", Map.of("Authorization", "Bearer " + merchant.secret(),
                "Idempotency-Key", UUID.randomUUID().toString()));
        assertThat(refund.statusCode()).as(refund.body()).isEqualTo(200);
        String refundId = json.readTree(refund.body()).get("id").asString();
        assertThat(fixture.posted(h.wallet())).isEqualTo(80_00);
        assertThat(fixture.ledger.transfer(refundId + "_onus_settle").orElseThrow().debitAccountId())
                .isEqualTo("sys-card-receivable-EUR");

        JsonNode small = api.create(12_00);
        page.navigate(MerchantApi.path(small));
        typeCard(page, h);
        page.click("#pay");
        PlaywrightAssertions.assertThat(page.locator("#outcome-message")).hasText("Payment successful. Thank you.");
        assertThat(page.locator("iframe").count()).isZero();
        assertThat(api.get(small.get("id").asString()).get("three_d_secure").get("flow").asString()).isEqualTo("frictionless");
        assertThat(fixture.posted(h.wallet())).isEqualTo(68_00);
        assertThat(console.policyViolations()).isEmpty();
    }

    @Test
    void fiveWrongCodesFailTheBastionCardPaymentAndNothingIsHeld(Page page) {
        IssuingFixture.Holder h = fixture.holder(100_00);
        JsonNode intent = api.create(40_00);
        page.navigate(MerchantApi.path(intent));
        typeCard(page, h);
        page.click("#pay");

        FrameLocator frame = page.frameLocator("iframe.challenge-frame");
        String wrong = otp(h).equals("000000") ? "111111" : "000000";
        for (int attempt = 0; attempt < 4; attempt++) {
            frame.locator("#code").fill(wrong);
            frame.locator("button[value=submit]").click();
            PlaywrightAssertions.assertThat(frame.locator("#prompt")).containsText("Attempts left: " + (4 - attempt));
        }
        frame.locator("#code").fill(wrong);
        frame.locator("button[value=submit]").click();

        PlaywrightAssertions.assertThat(page.locator("#outcome-message"))
                .hasText("We could not confirm that it was you, so the payment was not made. No money was taken.");
        assertThat(api.get(intent.get("id").asString()).get("status").asString()).isEqualTo("failed");
        assertThat(fixture.available(h.wallet())).isEqualTo(100_00);
        assertThat(fixture.issuing.authorization(intent.get("id").asString())).isEmpty();
    }

    @Test
    void aBastionCardWithoutEnoughMoneyIsDeclinedWithAClearMessage(Page page) {
        IssuingFixture.Holder h = fixture.holder(10_00);
        JsonNode intent = api.create(20_00);
        page.navigate(MerchantApi.path(intent));
        typeCard(page, h);
        page.click("#pay");
        FrameLocator frame = page.frameLocator("iframe.challenge-frame");
        frame.locator("#code").fill(otp(h));
        frame.locator("button[value=submit]").click();

        PlaywrightAssertions.assertThat(page.locator("#outcome-message"))
                .hasText("Your card was declined: there is not enough money on it. No money was taken.");
        JsonNode failed = api.get(intent.get("id").asString());
        assertThat(failed.get("decline_reason").asString()).isEqualTo("insufficient_funds");
        assertThat(fixture.available(h.wallet())).isEqualTo(10_00);
    }

    @Test
    void aWrongSecurityCodeIsDeclinedByTheIssuer(Page page) {
        IssuingFixture.Holder h = fixture.holder(50_00);
        JsonNode intent = api.create(5_00);
        page.navigate(MerchantApi.path(intent));
        typeCard(page, h);
        String wrong = h.details().cvv().equals("000") ? "111" : "000";
        page.fill("#cvc", wrong);
        page.click("#pay");
        FrameLocator frame = page.frameLocator("iframe.challenge-frame");
        frame.locator("#code").fill(otp(h));
        frame.locator("button[value=submit]").click();

        PlaywrightAssertions.assertThat(page.locator("#outcome-message"))
                .hasText("Your card was declined: the security code is not right. No money was taken.");
        assertThat(api.get(intent.get("id").asString()).get("decline_reason").asString()).isEqualTo("incorrect_cvc");
    }

    private String otp(IssuingFixture.Holder h) {
        Matcher m = OTP.matcher(fixture.inbox.newestTo(h.customer().phone()).getFirst().body());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static void typeCard(Page page, IssuingFixture.Holder h) {
        Expiry expiry = Expiry.parse(h.details().expiry());
        page.fill("#number", h.details().number());
        page.fill("#expiry", String.format("%02d/%02d", expiry.month(), expiry.year() % 100));
        page.fill("#cvc", h.details().cvv());
        page.fill("#name", h.details().cardholderName());
    }
}
