package io.bastion.acquiring;

import static org.assertj.core.api.Assertions.assertThat;

import io.bastion.identity.MerchantKeys;
import io.bastion.testing.TestClient;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A new merchant calling the payment intents API with its secret key, as a shop's server does. */
public final class MerchantApi {

    public final MerchantKeys.Merchant merchant;
    private final TestClient client;
    private final JsonMapper json;

    public MerchantApi(ApplicationContext context) {
        this.merchant = new MerchantKeys(context).merchant();
        this.client = context.getBean(TestClient.class);
        this.json = context.getBean(JsonMapper.class);
    }

    /** Creates an EUR intent for the amount, with a return URL, and answers it as the API did. */
    public JsonNode create(long amount) {
        HttpResponse<String> response = client.post("/v1/payment_intents", """
                {"amount": %d, "currency": "EUR", "description": "Order %s", "return_url": "https://shop.example/done"}"""
                .formatted(amount, UUID.randomUUID().toString().substring(0, 8)),
                Map.of("Authorization", "Bearer " + merchant.secret(), "Idempotency-Key", UUID.randomUUID().toString()));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    /** Reads the intent back through the API. */
    public JsonNode get(String id) {
        HttpResponse<String> response = client.get("/v1/payment_intents/" + id,
                Map.of("Authorization", "Bearer " + merchant.secret()));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    /** The path of the intent's hosted payment page. */
    public static String path(JsonNode intent) {
        return URI.create(intent.get("hosted_payment_url").asString()).getPath();
    }
}
