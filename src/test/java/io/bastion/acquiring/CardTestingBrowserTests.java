package io.bastion.acquiring;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import io.bastion.identity.MerchantKeys;
import io.bastion.testing.BastionTest;
import io.bastion.testing.BrowserExtension;
import io.bastion.testing.TestClient;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Card testing: someone with a list of stolen numbers tries them one after another on hosted payment pages.
 * Past the allowance per address, the page refuses to take another card, and no card reaches the network.
 */
@BastionTest
@ExtendWith(BrowserExtension.class)
@TestPropertySource(properties = "bastion.rate-limits.card-entry-per-ip.capacity=3")
class CardTestingBrowserTests {

    @Autowired ApplicationContext context;
    @Autowired TestClient client;
    @Autowired JsonMapper json;
    @Autowired JdbcClient jdbc;

    /**
     * A bucket keeps the allowance it was made with: the shared database may hold one for 127.0.0.1 made by
     * another test context with the suite's wide allowance, and this test's narrow one must not outlive it.
     */
    @BeforeEach
    @AfterEach
    void freshBuckets() {
        jdbc.sql("DELETE FROM identity_rate_limit WHERE id LIKE 'CARD_ENTRY_PER_IP:%'").update();
    }

    @Test
    void afterThreeCardsFromOneAddressTheFourthIsRefusedAndNeverTried(Page page) {
        MerchantKeys.Merchant merchant = new MerchantKeys(context).merchant();
        for (int i = 0; i < 3; i++) {
            page.navigate(path(create(merchant)));
            CheckoutBrowserTests.typeCard(page, "4000000000009995");
            page.click("#pay");
            PlaywrightAssertions.assertThat(page.locator("#outcome-message")).containsText("not enough money");
        }
        JsonNode fourth = create(merchant);
        page.navigate(path(fourth));
        CheckoutBrowserTests.typeCard(page, "4000000000009995");
        page.click("#pay");

        PlaywrightAssertions.assertThat(page.locator("#number-error")).containsText("Too many cards were tried");
        HttpResponse<String> after = client.get("/v1/payment_intents/" + fourth.get("id").asString(),
                Map.of("Authorization", "Bearer " + merchant.secret()));
        assertThat(json.readTree(after.body()).get("status").asString()).isEqualTo("requires_payment_method");
        assertThat(json.readTree(after.body()).get("card_last4").isNull()).isTrue();
    }

    private JsonNode create(MerchantKeys.Merchant merchant) {
        HttpResponse<String> response = client.post("/v1/payment_intents", "{\"amount\": 700, \"currency\": \"EUR\"}",
                Map.of("Authorization", "Bearer " + merchant.secret(), "Idempotency-Key", UUID.randomUUID().toString()));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private static String path(JsonNode intent) {
        return URI.create(intent.get("hosted_payment_url").asString()).getPath();
    }
}
