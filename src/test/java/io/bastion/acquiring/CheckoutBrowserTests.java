package io.bastion.acquiring;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import io.bastion.identity.MerchantKeys;
import io.bastion.notification.DevInbox;
import io.bastion.testing.BastionTest;
import io.bastion.testing.BrowserConsole;
import io.bastion.testing.BrowserExtension;
import io.bastion.testing.TestClient;
import java.net.URI;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hosted payment page in real Chromium with the test network's cards: the merchant creates the intent
 * through the API, the customer pays on Bastion's page, and the merchant reads the outcome back.
 */
@BastionTest
@ExtendWith(BrowserExtension.class)
class CheckoutBrowserTests {

    static final Pattern OTP = Pattern.compile("is ([0-9]{6})\\.");

    @Autowired ApplicationContext context;
    @Autowired TestClient client;
    @Autowired JsonMapper json;
    @Autowired DevInbox inbox;
    @Autowired JdbcClient jdbc;

    MerchantKeys.Merchant merchant;

    @BeforeEach
    void merchant() {
        merchant = new MerchantKeys(context).merchant();
    }

    @Test
    void aFrictionlessTestCardPaysWithoutAChallengeAndTheMerchantSeesTheLiabilityShift(Page page, BrowserConsole console) {
        JsonNode intent = create(1250, false);
        Response response = page.navigate(path(intent));
        String policy = response.headers().get("content-security-policy");
        assertThat(policy).contains("script-src 'sha384-").doesNotContain("script-src 'self'")
                .doesNotContain("unsafe-inline").contains("frame-src 'self'");
        assertThat(page.locator("script[src='/js/pay.js']").getAttribute("integrity"))
                .isEqualTo(policy.replaceAll(".*script-src '([^']+)'.*", "$1"));
        assertThat(page.locator("#amount").textContent()).isEqualTo("12.50 EUR");
        assertThat(page.locator("#merchant").textContent()).isEqualTo(merchant.businessId());

        typeCard(page, "4000000000003055");
        page.click("#pay");

        assertThat(page.locator("#outcome-message").textContent()).isEqualTo("Payment successful. Thank you.");
        assertThat(page.locator("iframe").count()).isZero();
        assertThat(page.locator("#return").getAttribute("href"))
                .isEqualTo("https://shop.example/done?payment_intent=" + intent.get("id").asString());
        JsonNode paid = get(intent.get("id").asString());
        assertThat(paid.get("status").asString()).isEqualTo("succeeded");
        assertThat(paid.get("card_last4").asString()).isEqualTo("3055");
        assertThat(paid.get("three_d_secure").get("flow").asString()).isEqualTo("frictionless");
        assertThat(paid.get("three_d_secure").get("eci").asString()).isEqualTo("05");
        assertThat(paid.get("three_d_secure").get("liability_shift").asBoolean()).isTrue();
        assertThat(console.problems()).isEmpty();
        assertThat(console.policyViolations()).isEmpty();
    }

    @Test
    void aDeclinedCardShowsAClearMessageAndTakesNoMoney(Page page) {
        JsonNode intent = create(2000, false);
        page.navigate(path(intent));
        typeCard(page, "4000000000009995");
        page.click("#pay");

        assertThat(page.locator("#outcome-message").textContent())
                .isEqualTo("Your card was declined: there is not enough money on it. No money was taken.");
        JsonNode failed = get(intent.get("id").asString());
        assertThat(failed.get("status").asString()).isEqualTo("failed");
        assertThat(failed.get("decline_reason").asString()).isEqualTo("insufficient_funds");
        assertThat(failed.get("amount_captured").asLong()).isZero();
    }

    @Test
    void aPageLeftOpenPastItsLifetimeTakesNoCardAndSaysItExpired(Page page) {
        JsonNode intent = create(3100, false);
        page.navigate(path(intent));
        typeCard(page, "4000000000003055");
        // A day later the customer presses Pay on the page that stayed open.
        jdbc.sql("UPDATE acquiring_payment_intent SET created_at = created_at - interval '25 hours' WHERE id = ?")
                .param(intent.get("id").asString()).update();
        page.click("#pay");

        assertThat(page.locator("#outcome-message").textContent())
                .isEqualTo("This payment page has expired, so no payment can be made here. No money was taken.");
        assertThat(page.locator("#card-form").count()).isZero();
        assertThat(page.reload().status()).isEqualTo(410);
        JsonNode after = get(intent.get("id").asString());
        assertThat(after.get("status").asString()).isEqualTo("requires_payment_method");
        assertThat(after.get("card_last4").isNull()).isTrue();
        assertThat(after.get("hosted_payment_url").isNull()).isTrue();
    }

    @Test
    void theChallengeCardIsConfirmedWithTheSmsCodeInsideThePage(Page page, BrowserConsole console) {
        JsonNode intent = create(4200, false);
        page.navigate(path(intent));
        typeCard(page, "4000000000003220");
        page.click("#pay");

        FrameLocator frame = page.frameLocator("iframe.challenge-frame");
        assertThat(frame.locator("#merchant").textContent()).isEqualTo(merchant.businessId());
        assertThat(frame.locator("#amount").textContent()).isEqualTo("42.00 EUR");
        assertThat(frame.locator("#phone").textContent()).contains("0002");
        frame.locator("#code").fill(latestOtp());
        frame.locator("button[value=submit]").click();

        assertThat(page.locator("#outcome-message").textContent()).isEqualTo("Payment successful. Thank you.");
        JsonNode paid = get(intent.get("id").asString());
        assertThat(paid.get("status").asString()).isEqualTo("succeeded");
        assertThat(paid.get("three_d_secure").get("flow").asString()).isEqualTo("challenge");
        assertThat(paid.get("three_d_secure").get("liability_shift").asBoolean()).isTrue();
        assertThat(console.policyViolations()).isEmpty();
    }

    @Test
    void fiveWrongCodesFailThePaymentAndTheCustomerIsToldWhy(Page page) {
        JsonNode intent = create(4300, false);
        page.navigate(path(intent));
        typeCard(page, "4000000000003220");
        page.click("#pay");

        FrameLocator frame = page.frameLocator("iframe.challenge-frame");
        String wrong = latestOtp().equals("000000") ? "111111" : "000000";
        for (int attempt = 0; attempt < 4; attempt++) {
            frame.locator("#code").fill(wrong);
            frame.locator("button[value=submit]").click();
            PlaywrightAssertions.assertThat(frame.locator("#prompt")).containsText("Attempts left: " + (4 - attempt));
        }
        frame.locator("#code").fill(wrong);
        frame.locator("button[value=submit]").click();

        assertThat(page.locator("#outcome-message").textContent())
                .isEqualTo("We could not confirm that it was you, so the payment was not made. No money was taken.");
        JsonNode failed = get(intent.get("id").asString());
        assertThat(failed.get("status").asString()).isEqualTo("failed");
        assertThat(failed.get("decline_reason").asString()).isEqualTo("authentication_failed");
        assertThat(failed.get("three_d_secure").get("trans_status").asString()).isEqualTo("N");
    }

    @Test
    void mistakesAreNamedPerFieldAndTheCardNumberIsNeverShownBack(Page page) {
        JsonNode intent = create(990, false);
        page.navigate(path(intent));
        page.fill("#number", "4000 0000 0000 3055");
        page.fill("#expiry", "01/20");
        page.fill("#cvc", "12");
        page.fill("#name", "Ada Lovelace");
        page.click("#pay");

        assertThat(page.locator("#expiry-error").textContent()).isEqualTo("This card has expired.");
        assertThat(page.locator("#cvc-error").textContent()).contains("3 or 4 digit security code");
        assertThat(page.locator("#number").inputValue()).isEmpty();
        assertThat(page.content()).doesNotContain("4000000000003055").doesNotContain("4000 0000 0000 3055");
        assertThat(get(intent.get("id").asString()).get("status").asString()).isEqualTo("requires_payment_method");

        page.fill("#number", "4000 0000 0000 3056");
        page.click("#pay");
        assertThat(page.locator("#number-error").textContent()).contains("not valid");
    }

    @Test
    void thePageFitsAPhoneScreen(Page page) {
        page.setViewportSize(360, 740);
        page.navigate(path(create(1500, true)));
        assertThat((Integer) page.evaluate("document.documentElement.scrollWidth")).isLessThanOrEqualTo(360);
        assertThat(page.locator("#pay").isVisible()).isTrue();
    }

    @Test
    void aCardIsSavedOnlyWithConsentAndTheConsentIsRecorded(Page page) {
        JsonNode offered = create(1100, true);
        page.navigate(path(offered));
        assertThat(page.locator("label.check").textContent()).contains("Save this card so " + merchant.businessId());
        typeCard(page, "4000000000003055");
        page.check("#save");
        page.click("#pay");
        assertThat(page.locator("#outcome-message").textContent()).isEqualTo("Payment successful. Thank you.");

        JsonNode cards = json.readTree(client.get("/v1/payment_methods", auth()).body());
        assertThat(cards.get("data").size()).isEqualTo(1);
        JsonNode saved = cards.get("data").get(0);
        assertThat(saved.get("card").get("last4").asString()).isEqualTo("3055");
        assertThat(saved.get("consent").get("ip_address").asString()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
        assertThat(saved.get("consent").get("text").asString()).contains("future payments");
        assertThat(saved.get("initial_transaction").get("payment_intent").asString()).isEqualTo(offered.get("id").asString());
        assertThat(saved.get("initial_transaction").get("eci").asString()).isEqualTo("05");

        JsonNode notTicked = create(1200, true);
        page.navigate(path(notTicked));
        typeCard(page, "4000000000003055");
        page.click("#pay");
        assertThat(page.locator("#outcome-message").textContent()).isEqualTo("Payment successful. Thank you.");
        assertThat(json.readTree(client.get("/v1/payment_methods", auth()).body()).get("data").size()).isEqualTo(1);

        MerchantKeys.Merchant other = new MerchantKeys(context).merchant();
        HttpResponse<String> foreign = client.get("/v1/payment_methods/" + saved.get("id").asString(),
                Map.of("Authorization", "Bearer " + other.secret()));
        assertThat(foreign.statusCode()).isEqualTo(404);
    }

    static void typeCard(Page page, String number) {
        page.fill("#number", number);
        page.fill("#expiry", "12/35");
        page.fill("#cvc", "123");
        page.fill("#name", "Ada Lovelace");
    }

    String latestOtp() {
        Matcher m = OTP.matcher(inbox.newestTo(TestNetworkCardholders.TEST_PHONE).getFirst().body());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    Map<String, String> auth() {
        return Map.of("Authorization", "Bearer " + merchant.secret());
    }

    JsonNode create(long amount, boolean offerToSave) {
        HttpResponse<String> response = client.post("/v1/payment_intents", """
                {"amount": %d, "currency": "EUR", "description": "Order %s", "customer_email": "buyer@example.com",
                 "return_url": "https://shop.example/done"%s}"""
                .formatted(amount, UUID.randomUUID().toString().substring(0, 8),
                        offerToSave ? ", \"setup_future_usage\": \"off_session\"" : ""),
                Map.of("Authorization", "Bearer " + merchant.secret(), "Idempotency-Key", UUID.randomUUID().toString()));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    JsonNode get(String id) {
        HttpResponse<String> response = client.get("/v1/payment_intents/" + id, auth());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    static String path(JsonNode intent) {
        return URI.create(intent.get("hosted_payment_url").asString()).getPath();
    }
}
