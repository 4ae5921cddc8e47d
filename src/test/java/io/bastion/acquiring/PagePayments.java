package io.bastion.acquiring;

import static org.assertj.core.api.Assertions.assertThat;

import io.bastion.testing.TestClient;
import io.bastion.threeds.ThreeDsChallenges;
import io.bastion.vault.CardNumber;
import io.bastion.vault.CardToken;
import io.bastion.vault.Cvv;
import io.bastion.vault.Expiry;
import io.bastion.vault.TokenPurpose;
import io.bastion.vault.Vault;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Card payments on the hosted page without a browser: the merchant's intent by API, the card typed into the vault
 * with its CVV2 held, Pay pressed from a device, and the cardholder's OTP answered when 3-D Secure challenges.
 */
final class PagePayments {

    private static final Pattern OTP = Pattern.compile("is ([0-9]{6})\\.");

    private final TestClient client;
    private final JsonMapper json;
    private final PaymentIntents intents;
    private final ThreeDsChallenges challenges;
    private final Vault vault;
    private final IntentStore store;

    PagePayments(ApplicationContext context) {
        this.client = context.getBean(TestClient.class);
        this.json = context.getBean(JsonMapper.class);
        this.intents = context.getBean(PaymentIntents.class);
        this.challenges = context.getBean(ThreeDsChallenges.class);
        this.vault = context.getBean(Vault.class);
        this.store = context.getBean(IntentStore.class);
    }

    /**
     * Pays a new intent of {@code intentJson} on its page from {@code device} (the card saved when {@code save});
     * answers the intent's id.
     */
    String onPage(Map<String, String> auth, String intentJson, String number, String expiry, String cvv, boolean save,
                  String device) {
        JsonNode intent = ok(client.post("/v1/payment_intents", intentJson, headers(auth)));
        String checkout = intent.get("hosted_payment_url").asString().replaceAll(".*/pay/", "");
        CardToken token = vault.tokenize(CardNumber.of(number), Expiry.parse(expiry), "Ada Lovelace",
                save ? TokenPurpose.STORED_CARD : TokenPurpose.ONE_OFF_PAYMENT);
        vault.holdCvv(token, Cvv.of(cvv), Duration.ofMinutes(15));
        PaymentOutcome outcome = intents.payOnPage(checkout, token, device, save ? "127.0.0.1" : null,
                "https://localhost/pay/" + checkout + "/threeds");
        assertThat(outcome.ok()).isTrue();
        return outcome.intent().id();
    }

    /** Answers the challenge with the OTP in {@code sms}, if the payment was challenged; answers the intent after. */
    PaymentIntent challenge(String intentId, String sms) {
        PaymentIntent intent = store.byId(intentId).orElseThrow();
        if (intent.status() != PaymentStatus.REQUIRES_ACTION) {
            // The device is known after the first challenge, so the next small payment is frictionless.
            return intent;
        }
        Matcher m = OTP.matcher(sms);
        assertThat(m.find()).isTrue();
        challenges.respond("""
                {"messageType":"CReq","messageVersion":"2.2.0","threeDSServerTransID":"%s","acsTransID":"%s",
                 "challengeWindowSize":"05","challengeDataEntry":"%s"}"""
                .formatted(intent.threeDs().threeDSServerTransID(), intent.threeDs().acsTransID(), m.group(1)));
        return intents.resumeAfterChallenge(intentId).intent();
    }

    /** The merchant's key with a new Idempotency-Key. */
    static Map<String, String> headers(Map<String, String> auth) {
        Map<String, String> h = new HashMap<>(auth);
        h.put("Idempotency-Key", UUID.randomUUID().toString());
        return h;
    }

    JsonNode ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }
}
