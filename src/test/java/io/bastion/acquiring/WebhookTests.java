package io.bastion.acquiring;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.bastion.identity.MerchantKeys;
import io.bastion.testing.BastionTest;
import io.bastion.testing.TestClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Standard Webhooks delivery: signed per the spec, retried with backoff on failure, logged, resent on request. */
@BastionTest
// Jobs off: the test drives the sender with explicit instants, so a background run must not race it.
@TestPropertySource(properties = {"bastion.acquiring.webhooks.allow-loopback-http=true", "bastion.jobs.enabled=false"})
class WebhookTests {

    @Autowired
    ApplicationContext context;

    @Autowired
    TestClient client;

    @Autowired
    JsonMapper json;

    @Autowired
    WebhookSender sender;

    @Autowired
    JdbcClient jdbc;

    /** A request the receiver saw. */
    record Received(String id, String timestamp, String signature, String body) {
    }

    HttpServer receiver;
    final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
    final AtomicInteger failuresLeft = new AtomicInteger();
    MerchantKeys.Merchant merchant;

    @BeforeEach
    void receiver() throws IOException {
        merchant = new MerchantKeys(context).merchant();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(exchange.getRequestHeaders().getFirst("webhook-id"),
                    exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                    exchange.getRequestHeaders().getFirst("webhook-signature"), body));
            exchange.sendResponseHeaders(failuresLeft.getAndDecrement() > 0 ? 500 : 204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
    }

    String url() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    HttpResponse<String> post(MerchantKeys.Merchant as, String path, String body) {
        return client.post(path, body, Map.of("Authorization", "Bearer " + as.secret(), "Idempotency-Key", UUID.randomUUID().toString()));
    }

    JsonNode ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    JsonNode endpoint() {
        return ok(post(merchant, "/v1/webhook_endpoints", "{\"url\": \"" + url() + "\"}"));
    }

    String pay() {
        String id = ok(post(merchant, "/v1/payment_intents", "{\"amount\": 1000, \"currency\": \"EUR\"}")).get("id").asString();
        ok(post(merchant, "/v1/payment_intents/" + id + "/confirm", "{\"payment_method\": \"pm_card_visa\"}"));
        return id;
    }

    /** The reference algorithm, written here from the spec without calling Bastion's signer. */
    static String reference(String secret, String id, String timestamp, String body) throws Exception {
        byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return "v1," + Base64.getEncoder().encodeToString(mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theSignerMatchesTheSpecsTestVectorAndTheReferenceAlgorithm() throws Exception {
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        String body = "{\"test\": 2432232314}";
        assertThat(WebhookSignature.sign(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L, body))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
                .isEqualTo(reference(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", "1614265330", body));
    }

    @Test
    void aPaymentsEventsArriveSignedWithTheSecretShownOnce() throws Exception {
        JsonNode endpoint = endpoint();
        String secret = endpoint.get("secret").asString();
        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSize(32);
        assertThat(ok(client.get("/v1/webhook_endpoints/" + endpoint.get("id").asString(),
                Map.of("Authorization", "Bearer " + merchant.secret()))).has("secret")).isFalse();
        String intent = pay();
        sender.deliverDue(Instant.now().plusSeconds(1));
        List<Received> got = new ArrayList<>(received);
        assertThat(got).hasSize(2);
        List<String> types = new ArrayList<>();
        for (Received r : got) {
            assertThat(r.signature()).isEqualTo(reference(secret, r.id(), r.timestamp(), r.body()));
            JsonNode body = json.readTree(r.body());
            types.add(body.get("type").asString());
            assertThat(body.get("data").get("id").asString()).isEqualTo(intent);
            assertThat(r.id()).startsWith("evt_");
        }
        assertThat(types).containsExactlyInAnyOrder("payment_intent.succeeded", "payment_intent.captured");
    }

    @Test
    void anEndpointReceivesOnlyTheEventTypesItSubscribedTo() throws Exception {
        JsonNode endpoint = ok(post(merchant, "/v1/webhook_endpoints",
                "{\"url\": \"" + url() + "\", \"enabled_events\": [\"payment_intent.canceled\"]}"));
        assertThat(endpoint.get("enabled_events")).extracting(JsonNode::asString).containsExactly("payment_intent.canceled");
        pay();
        String canceled = ok(post(merchant, "/v1/payment_intents", "{\"amount\": 700, \"currency\": \"EUR\"}")).get("id").asString();
        ok(post(merchant, "/v1/payment_intents/" + canceled + "/cancel", ""));

        sender.deliverDue(Instant.now().plusSeconds(1));

        assertThat(received).hasSize(1);
        JsonNode body = json.readTree(received.peek().body());
        assertThat(body.get("type").asString()).isEqualTo("payment_intent.canceled");
        assertThat(body.get("data").get("id").asString()).isEqualTo(canceled);
        assertThat(endpoint().get("enabled_events")).extracting(JsonNode::asString).containsExactly("*");
    }

    @Test
    void aDisabledEndpointIsSentNothingAndGetsNoNewEventsUntilItsMerchantEnablesIt() {
        String endpointId = endpoint().get("id").asString();
        String path = "/v1/webhook_endpoints/" + endpointId;
        pay();
        assertThat(ok(post(merchant, path, "{\"disabled\": true}")).get("status").asString()).isEqualTo("disabled");

        assertThat(sender.deliverDue(Instant.now().plusSeconds(1))).as("queued before, held while disabled").isZero();
        pay();
        assertThat(received).isEmpty();

        MerchantKeys.Merchant other = new MerchantKeys(context).merchant();
        assertThat(post(other, path, "{\"disabled\": false}").statusCode()).isEqualTo(404);
        assertThat(post(merchant, path, "{\"disabled\": \"maybe\"}").statusCode()).isEqualTo(400);
        assertThat(ok(post(merchant, path, "{\"disabled\": false}")).get("status").asString()).isEqualTo("enabled");
        sender.deliverDue(Instant.now().plusSeconds(1));

        assertThat(received).hasSize(2).extracting(r -> json.readTree(r.body()).get("type").asString())
                .containsExactlyInAnyOrder("payment_intent.succeeded", "payment_intent.captured");
    }

    @Test
    void anUnknownOrRepeatedEventTypeIsRefusedNamingTheFieldAndCreatesNoEndpoint() {
        for (String events : List.of("[\"payment_intent.paid\"]", "[]",
                "[\"payment_intent.failed\", \"payment_intent.failed\"]")) {
            HttpResponse<String> refused = post(merchant, "/v1/webhook_endpoints",
                    "{\"url\": \"" + url() + "\", \"enabled_events\": " + events + "}");
            assertThat(refused.statusCode()).as(events).isEqualTo(400);
            assertThat(refused.body()).as(events).contains("enabled_events").contains("assert-true");
        }
        assertThat(ok(client.get("/v1/webhook_endpoints", Map.of("Authorization", "Bearer " + merchant.secret())))
                .get("data")).isEmpty();
    }

    @Test
    void aFailingReceiverIsRetriedWithGrowingWaitsUntilItRecoversAndEveryAttemptIsListed() {
        String endpointId = endpoint().get("id").asString();
        String intent = ok(post(merchant, "/v1/payment_intents", "{\"amount\": 1000, \"currency\": \"EUR\"}")).get("id").asString();
        ok(post(merchant, "/v1/payment_intents/" + intent + "/cancel", ""));
        failuresLeft.set(2);
        Instant t = Instant.now().plusSeconds(1);
        assertThat(sender.deliverDue(t)).isZero();
        assertThat(sender.deliverDue(t.plus(WebhookSender.backoff(1)).minusSeconds(1))).as("not due yet").isZero();
        assertThat(received).hasSize(1);
        assertThat(sender.deliverDue(t.plus(WebhookSender.backoff(1)))).isZero();
        assertThat(WebhookSender.backoff(2)).isEqualTo(WebhookSender.backoff(1).multipliedBy(2));
        Instant third = t.plus(WebhookSender.backoff(1)).plus(WebhookSender.backoff(2));
        assertThat(sender.deliverDue(third)).isEqualTo(1);
        assertThat(received).hasSize(3);
        assertThat(received).extracting(Received::id).containsOnly(received.peek().id());
        JsonNode deliveries = ok(client.get("/v1/webhook_endpoints/" + endpointId + "/deliveries",
                Map.of("Authorization", "Bearer " + merchant.secret()))).get("data");
        assertThat(deliveries).hasSize(1);
        JsonNode delivery = deliveries.get(0);
        assertThat(delivery.get("status").asString()).isEqualTo("succeeded");
        assertThat(delivery.get("event_type").asString()).isEqualTo("payment_intent.canceled");
        assertThat(delivery.get("attempt_log")).extracting(a -> a.get("status_code").asInt()).containsExactly(500, 500, 204);
        ok(post(merchant, "/v1/webhook_endpoints/" + endpointId + "/deliveries/" + delivery.get("id").asString() + "/resend", ""));
        assertThat(sender.deliverDue(third.plusSeconds(1))).isEqualTo(1);
        assertThat(received).hasSize(4);
    }

    @Test
    void aDeliveryStillFailingAfterADayFailsForGood() {
        endpoint();
        String intent = ok(post(merchant, "/v1/payment_intents", "{\"amount\": 1000, \"currency\": \"EUR\"}")).get("id").asString();
        ok(post(merchant, "/v1/payment_intents/" + intent + "/cancel", ""));
        failuresLeft.set(1000);
        Instant t = Instant.now().plusSeconds(1);
        int attempts = 0;
        while (attempts < 40 && t.isBefore(Instant.now().plus(Duration.ofHours(30)))) {
            sender.deliverDue(t);
            attempts++;
            t = t.plus(WebhookSender.RETRY_INTERVAL_MAX);
        }
        String status = jdbc.sql("""
                SELECT d.status FROM acquiring_webhook_delivery d JOIN acquiring_event e ON e.id = d.event_id
                WHERE e.merchant_id = ?""").param(merchant.businessId()).query(String.class).single();
        assertThat(status).isEqualTo("failed");
        assertThat(received.size()).isBetween(5, 20);
    }

    @Test
    void rotatingSignsWithBothSecretsDuringTheOverlap() throws Exception {
        JsonNode endpoint = endpoint();
        String old = endpoint.get("secret").asString();
        String fresh = ok(post(merchant, "/v1/webhook_endpoints/" + endpoint.get("id").asString() + "/rotate_secret", ""))
                .get("secret").asString();
        assertThat(fresh).isNotEqualTo(old).startsWith("whsec_");
        pay();
        sender.deliverDue(Instant.now().plusSeconds(1));
        Received r = received.peek();
        assertThat(r.signature().split(" ")).containsExactly(reference(fresh, r.id(), r.timestamp(), r.body()),
                reference(old, r.id(), r.timestamp(), r.body()));
    }

    @Test
    void anotherMerchantSeesNoneOfTheEndpointsAndPlainHttpElsewhereIsRefused() {
        String endpointId = endpoint().get("id").asString();
        MerchantKeys.Merchant other = new MerchantKeys(context).merchant();
        Map<String, String> auth = Map.of("Authorization", "Bearer " + other.secret());
        assertThat(client.get("/v1/webhook_endpoints/" + endpointId, auth).statusCode()).isEqualTo(404);
        assertThat(client.get("/v1/webhook_endpoints/" + endpointId + "/deliveries", auth).statusCode()).isEqualTo(404);
        assertThat(post(other, "/v1/webhook_endpoints/" + endpointId + "/rotate_secret", "").statusCode()).isEqualTo(404);
        assertThat(client.send(client.builder("/v1/webhook_endpoints/" + endpointId, auth).DELETE().build()).statusCode())
                .isEqualTo(404);
        assertThat(ok(client.get("/v1/webhook_endpoints", auth)).get("data")).isEmpty();
        assertThat(post(other, "/v1/webhook_endpoints", "{\"url\": \"http://shop.example/hook\"}").statusCode()).isEqualTo(422);
        assertThat(client.send(client.builder("/v1/webhook_endpoints/" + endpointId,
                Map.of("Authorization", "Bearer " + merchant.secret())).DELETE().build()).statusCode()).isEqualTo(200);
    }
}
