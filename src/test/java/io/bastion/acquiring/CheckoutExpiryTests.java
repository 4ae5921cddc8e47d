package io.bastion.acquiring;

import static org.assertj.core.api.Assertions.assertThat;

import io.bastion.testing.BastionTest;
import io.bastion.testing.TestClient;
import io.bastion.vault.CardNumber;
import io.bastion.vault.CardToken;
import io.bastion.vault.Cvv;
import io.bastion.vault.Expiry;
import io.bastion.vault.TokenPurpose;
import io.bastion.vault.Vault;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** A hosted payment page takes cards for 24 hours (bastion.acquiring.checkout-lifetime) after its intent was made. */
@BastionTest
class CheckoutExpiryTests {

    @Autowired ApplicationContext context;
    @Autowired TestClient client;
    @Autowired JdbcClient jdbc;
    @Autowired Vault vault;
    @Autowired PaymentIntents intents;

    MerchantApi api;

    @BeforeEach
    void merchant() {
        api = new MerchantApi(context);
    }

    @Test
    void theMerchantSeesWhenThePageExpiresAndNoPageUrlOnceItHas() {
        JsonNode created = api.create(2400);
        Instant made = Instant.parse(created.get("created").asString());
        assertThat(Instant.parse(created.get("hosted_payment_expires_at").asString())).isEqualTo(made.plus(Duration.ofHours(24)));
        assertThat(created.get("hosted_payment_url").isNull()).isFalse();

        age(created.get("id").asString());

        JsonNode later = api.get(created.get("id").asString());
        assertThat(later.get("status").asString()).isEqualTo("requires_payment_method");
        assertThat(later.get("hosted_payment_url").isNull()).isTrue();
        assertThat(Instant.parse(later.get("hosted_payment_expires_at").asString())).isBefore(Instant.now());
    }

    @Test
    void anExpiredPageAnswersGoneWithoutTheCardForm() {
        JsonNode created = api.create(2400);
        String path = MerchantApi.path(created);
        assertThat(client.get(path).statusCode()).isEqualTo(200);

        age(created.get("id").asString());

        HttpResponse<String> page = client.get(path);
        assertThat(page.statusCode()).isEqualTo(410);
        assertThat(page.body()).contains("This payment page has expired").doesNotContain("id=\"card-form\"");
    }

    @Test
    void aCardPresentedToAnExpiredPageIsRefusedAndNothingIsAuthenticatedOrAuthorized() {
        JsonNode created = api.create(2400);
        String id = created.get("id").asString();
        String checkoutId = MerchantApi.path(created).substring("/pay/".length());
        age(id);
        CardToken token = vault.tokenize(CardNumber.of(TestCard.FRICTIONLESS.number()), new Expiry(12, 2035), "Ada",
                TokenPurpose.ONE_OFF_PAYMENT);
        vault.holdCvv(token, Cvv.of("123"), Duration.ofMinutes(5));

        PaymentOutcome outcome = intents.payOnPage(checkoutId, token, null, null, "https://localhost/pay/x/threeds");

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.rejection()).isEqualTo(PaymentRejection.CHECKOUT_MUST_NOT_HAVE_EXPIRED);
        assertThat(vault.takeCvv(token)).as("the held CVV2 is destroyed at the refusal").isEmpty();
        PaymentIntent after = intents.find(api.merchant.businessId(), id).orElseThrow();
        assertThat(after.status()).isEqualTo(PaymentStatus.REQUIRES_PAYMENT_METHOD);
        assertThat(after.threeDs().threeDSServerTransID()).isNull();
        assertThat(after.cardLast4()).isNull();
    }

    @Test
    void aPageWithinItsLifetimeStillTakesTheCard() {
        JsonNode created = api.create(2400);
        String checkoutId = MerchantApi.path(created).substring("/pay/".length());
        jdbc.sql("UPDATE acquiring_payment_intent SET created_at = created_at - interval '23 hours' WHERE id = ?")
                .param(created.get("id").asString()).update();
        CardToken token = vault.tokenize(CardNumber.of(TestCard.FRICTIONLESS.number()), new Expiry(12, 2035), "Ada",
                TokenPurpose.ONE_OFF_PAYMENT);
        vault.holdCvv(token, Cvv.of("123"), Duration.ofMinutes(5));

        PaymentOutcome outcome = intents.payOnPage(checkoutId, token, null, null, "https://localhost/pay/x/threeds");

        assertThat(outcome.ok()).isTrue();
        assertThat(outcome.intent().status()).isEqualTo(PaymentStatus.SUCCEEDED);
    }

    private void age(String id) {
        jdbc.sql("UPDATE acquiring_payment_intent SET created_at = created_at - interval '25 hours' WHERE id = ?")
                .param(id).update();
    }
}
