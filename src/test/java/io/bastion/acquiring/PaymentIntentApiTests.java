package io.bastion.acquiring;

import static org.assertj.core.api.Assertions.assertThat;

import io.bastion.identity.ApiScope;
import io.bastion.identity.MerchantKeys;
import io.bastion.ledger.Account;
import io.bastion.ledger.Ledger;
import io.bastion.testing.BastionTest;
import io.bastion.testing.TestClient;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The payment intent API over HTTPS with merchant keys and the test network's cards. */
@BastionTest
class PaymentIntentApiTests {

    @Autowired
    ApplicationContext context;

    @Autowired
    TestClient client;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Ledger ledger;

    @Autowired
    PaymentPostings postings;

    MerchantKeys.Merchant merchant;

    @BeforeEach
    void merchant() {
        merchant = new MerchantKeys(context).merchant();
    }

    HttpResponse<String> post(MerchantKeys.Merchant as, String path, String body) {
        return client.post(path, body, Map.of("Authorization", "Bearer " + as.secret(),
                "Idempotency-Key", UUID.randomUUID().toString()));
    }

    HttpResponse<String> get(MerchantKeys.Merchant as, String path) {
        return client.get(path, Map.of("Authorization", "Bearer " + as.secret()));
    }

    JsonNode ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    String create(MerchantKeys.Merchant as, long amount, String captureMethod) {
        return ok(post(as, "/v1/payment_intents", """
                {"amount": %d, "currency": "EUR", "description": "Order 42", "merchant_reference": "order-42",
                 "capture_method": "%s", "customer_email": "buyer@example.com", "return_url": "https://shop.example/done"}"""
                .formatted(amount, captureMethod))).get("id").asString();
    }

    JsonNode confirm(String id, String token) {
        return ok(post(merchant, "/v1/payment_intents/" + id + "/confirm", "{\"payment_method\": \"" + token + "\"}"));
    }

    long merchantBalance(String businessId) {
        String account = jdbc.sql("SELECT ledger_account_id FROM acquiring_merchant_account WHERE merchant_id = ? AND currency = 'EUR'")
                .param(businessId).query(String.class).single();
        Account a = ledger.account(account).orElseThrow();
        return a.balance().creditsPosted() - a.balance().debitsPosted();
    }

    @Test
    void aMerchantCreatesAnIntentAndReadsItBackInSnakeCase() {
        String id = create(merchant, 2500, "automatic");
        JsonNode intent = ok(get(merchant, "/v1/payment_intents/" + id));
        assertThat(id).startsWith("pi_");
        assertThat(intent.get("status").asString()).isEqualTo("requires_payment_method");
        assertThat(intent.get("merchant_reference").asString()).isEqualTo("order-42");
        assertThat(intent.get("capture_method").asString()).isEqualTo("automatic");
        assertThat(intent.get("customer_email").asString()).isEqualTo("buyer@example.com");
        assertThat(intent.get("amount").asLong()).isEqualTo(2500);
    }

    @Test
    void anApprovedCardWithAutomaticCaptureSucceedsAndCreditsTheMerchantLessTheFee() {
        String id = create(merchant, 10_000, "automatic");
        JsonNode intent = confirm(id, "pm_card_visa");
        assertThat(intent.get("status").asString()).isEqualTo("succeeded");
        assertThat(intent.get("card_last4").asString()).isEqualTo("4242");
        assertThat(intent.get("amount_captured").asLong()).isEqualTo(10_000);
        long fee = postings.fee(10_000);
        assertThat(intent.get("application_fee_amount").asLong()).isEqualTo(fee);
        assertThat(merchantBalance(merchant.businessId())).isEqualTo(10_000 - fee);
        assertThat(ledger.transfer(id + "_fee").orElseThrow().creditAccountId()).isEqualTo("sys-fee-revenue-EUR");
    }

    @Test
    void eachDecliningTestCardFailsTheIntentWithItsReasonAndMovesNoMoney() {
        Map<String, String> reasons = Map.of("pm_card_insufficient_funds", "insufficient_funds",
                "pm_card_expired", "expired_card", "pm_card_processing_error", "processing_error",
                "pm_card_stolen", "stolen_card");
        reasons.forEach((token, reason) -> {
            String id = create(merchant, 700, "automatic");
            JsonNode intent = confirm(id, token);
            assertThat(intent.get("status").asString()).as(token).isEqualTo("failed");
            assertThat(intent.get("decline_reason").asString()).as(token).isEqualTo(reason);
            assertThat(ledger.transfer(id + "_auth")).as(token).isEmpty();
        });
    }

    @Test
    void aChallengeCardRequiresActionAndAFrictionlessCardSucceeds() {
        String challenged = create(merchant, 900, "automatic");
        assertThat(confirm(challenged, "pm_card_challenge").get("status").asString()).isEqualTo("requires_action");
        String frictionless = create(merchant, 900, "automatic");
        assertThat(confirm(frictionless, "pm_card_frictionless").get("status").asString()).isEqualTo("succeeded");
    }

    @Test
    void aManualCaptureHoldsThenCapturesPartOfTheAmount() {
        String id = create(merchant, 5000, "manual");
        assertThat(confirm(id, "pm_card_visa").get("status").asString()).isEqualTo("requires_capture");
        assertThat(ledger.transfer(id + "_auth").orElseThrow().amount()).isEqualTo(5000);
        JsonNode captured = ok(post(merchant, "/v1/payment_intents/" + id + "/capture", "{\"amount_to_capture\": 3000}"));
        assertThat(captured.get("status").asString()).isEqualTo("succeeded");
        assertThat(captured.get("amount_captured").asLong()).isEqualTo(3000);
        assertThat(merchantBalance(merchant.businessId())).isEqualTo(3000 - postings.fee(3000));
        assertThat(post(merchant, "/v1/payment_intents/" + id + "/capture", "{}").statusCode()).isEqualTo(409);
    }

    @Test
    void capturingMoreThanAuthorizedIsRefused() {
        String id = create(merchant, 5000, "manual");
        confirm(id, "pm_card_visa");
        assertThat(post(merchant, "/v1/payment_intents/" + id + "/capture", "{\"amount_to_capture\": 5001}").statusCode())
                .isEqualTo(422);
    }

    @Test
    void cancelingAnAuthorizedIntentVoidsItsHoldAndASucceededOneCannotBeCanceled() {
        String id = create(merchant, 4000, "manual");
        confirm(id, "pm_card_visa");
        JsonNode canceled = ok(post(merchant, "/v1/payment_intents/" + id + "/cancel", ""));
        assertThat(canceled.get("status").asString()).isEqualTo("canceled");
        assertThat(ledger.transfer(id + "_auth").orElseThrow().resolution()).isEqualTo("void");
        String paid = create(merchant, 4000, "automatic");
        confirm(paid, "pm_card_visa");
        assertThat(post(merchant, "/v1/payment_intents/" + paid + "/cancel", "").statusCode()).isEqualTo(409);
        String fresh = create(merchant, 4000, "automatic");
        assertThat(ok(post(merchant, "/v1/payment_intents/" + fresh + "/cancel", "")).get("status").asString())
                .isEqualTo("canceled");
    }

    @Test
    void severalRefundsMayTogetherReachTheCapturedAmountButNotExceedIt() {
        String id = create(merchant, 10_000, "automatic");
        confirm(id, "pm_card_visa");
        // The merchant's balance after the fee cannot cover a full refund, so the test tops it up with sales.
        confirm(create(merchant, 10_000, "automatic"), "pm_card_visa");
        JsonNode first = ok(post(merchant, "/v1/refunds", "{\"payment_intent\": \"" + id + "\", \"amount\": 4000}"));
        assertThat(first.get("id").asString()).startsWith("re_");
        assertThat(ok(get(merchant, "/v1/refunds/" + first.get("id").asString())).get("amount").asLong()).isEqualTo(4000);
        ok(post(merchant, "/v1/refunds", "{\"payment_intent\": \"" + id + "\", \"amount\": 6000}"));
        assertThat(post(merchant, "/v1/refunds", "{\"payment_intent\": \"" + id + "\", \"amount\": 1}").statusCode())
                .isEqualTo(422);
        assertThat(ok(get(merchant, "/v1/payment_intents/" + id)).get("amount_refunded").asLong()).isEqualTo(10_000);
        assertThat(merchantBalance(merchant.businessId())).isEqualTo(20_000 - 2 * postings.fee(10_000) - 10_000);
    }

    @Test
    void concurrentRefundsNeverTogetherExceedTheCapturedAmount() throws Exception {
        String id = create(merchant, 10_000, "automatic");
        confirm(id, "pm_card_visa");
        confirm(create(merchant, 50_000, "automatic"), "pm_card_visa");
        int clients = 12;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(clients);
        List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
        for (int i = 0; i < clients; i++) {
            answers.add(pool.submit(() -> post(merchant, "/v1/refunds",
                    "{\"payment_intent\": \"" + id + "\", \"amount\": 3000}").statusCode()));
        }
        int made = 0;
        for (var answer : answers) {
            made += answer.get() == 200 ? 1 : 0;
        }
        pool.shutdown();
        assertThat(made).isEqualTo(3);
        assertThat(ok(get(merchant, "/v1/payment_intents/" + id)).get("amount_refunded").asLong()).isEqualTo(9000);
        assertThat(jdbc.sql("SELECT coalesce(sum(amount), 0) FROM acquiring_refund WHERE payment_intent_id = ?")
                .param(id).query(Long.class).single()).isEqualTo(9000);
    }

    @Test
    void anotherMerchantGetsNotFoundForEveryIntentAndRefundOperation() {
        String id = create(merchant, 3000, "manual");
        confirm(id, "pm_card_visa");
        MerchantKeys.Merchant other = new MerchantKeys(context).merchant();
        assertThat(get(other, "/v1/payment_intents/" + id).statusCode()).isEqualTo(404);
        assertThat(post(other, "/v1/payment_intents/" + id + "/confirm", "{\"payment_method\": \"pm_card_visa\"}").statusCode()).isEqualTo(404);
        assertThat(post(other, "/v1/payment_intents/" + id + "/capture", "{}").statusCode()).isEqualTo(404);
        assertThat(post(other, "/v1/payment_intents/" + id + "/cancel", "").statusCode()).isEqualTo(404);
        assertThat(post(other, "/v1/refunds", "{\"payment_intent\": \"" + id + "\"}").statusCode()).isEqualTo(404);
        assertThat(ok(get(other, "/v1/payment_intents")).get("data")).isEmpty();
        ok(post(merchant, "/v1/payment_intents/" + id + "/capture", "{}"));
        String refund = ok(post(merchant, "/v1/refunds", "{\"payment_intent\": \"" + id + "\", \"amount\": 100}")).get("id").asString();
        assertThat(get(other, "/v1/refunds/" + refund).statusCode()).isEqualTo(404);
    }

    @Test
    void theListPagesByCursorAndFiltersByStatusAndCreationTime() {
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(create(merchant, 100 + i, "automatic"));
        }
        confirm(ids.get(0), "pm_card_visa");
        JsonNode page = ok(get(merchant, "/v1/payment_intents?limit=2"));
        assertThat(page.get("data")).hasSize(2);
        assertThat(page.get("has_more").asBoolean()).isTrue();
        assertThat(page.get("data").get(0).get("id").asString()).isEqualTo(ids.get(4));
        JsonNode next = ok(get(merchant, "/v1/payment_intents?limit=2&starting_after=" + page.get("next_starting_after").asString()));
        assertThat(next.get("data").get(0).get("id").asString()).isEqualTo(ids.get(2));
        JsonNode succeeded = ok(get(merchant, "/v1/payment_intents?status=succeeded"));
        assertThat(succeeded.get("data")).hasSize(1);
        assertThat(succeeded.get("data").get(0).get("id").asString()).isEqualTo(ids.get(0));
        assertThat(ok(get(merchant, "/v1/payment_intents?created_lt=2000-01-01T00:00:00Z")).get("data")).isEmpty();
        assertThat(ok(get(merchant, "/v1/payment_intents?created_gte=2000-01-01T00:00:00Z&limit=100")).get("data")).hasSize(5);
        assertThat(get(merchant, "/v1/payment_intents?limit=101").statusCode()).isEqualTo(400);
        assertThat(get(merchant, "/v1/payment_intents?status=paid").statusCode()).isEqualTo(400);
    }

    @Test
    void invalidFieldsAreNamedAsTheyAppearInTheJsonAndUnknownFieldsAreRejected() {
        HttpResponse<String> invalid = post(merchant, "/v1/payment_intents", """
                {"amount": -5, "currency": "XXQ", "capture_method": "later", "return_url": "http://shop.example"}""");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).contains("amount", "currency", "capture_method", "return_url");
        HttpResponse<String> unknown = post(merchant, "/v1/payment_intents", "{\"amount\": 5, \"currency\": \"EUR\", \"merchantReference\": \"x\"}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("merchantReference");
        String id = create(merchant, 100, "automatic");
        HttpResponse<String> badToken = post(merchant, "/v1/payment_intents/" + id + "/confirm",
                "{\"payment_method\": \"4242424242424242\"}");
        assertThat(badToken.statusCode()).isEqualTo(400);
        assertThat(badToken.body()).contains("payment_method").doesNotContain("4242424242424242");
    }

    @Test
    void aConfirmedIntentCannotBeConfirmedAgainAndItsAmountCannotChange() {
        String id = create(merchant, 1200, "manual");
        confirm(id, "pm_card_visa");
        assertThat(post(merchant, "/v1/payment_intents/" + id + "/confirm", "{\"payment_method\": \"pm_card_visa\"}").statusCode())
                .isEqualTo(409);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.sql(
                "UPDATE acquiring_payment_intent SET amount = 1 WHERE id = ?").param(id).update())
                .hasMessageContaining("immutable");
    }

    @Test
    void replayingACreateWithTheSameIdempotencyKeyAnswersTheSameIntent() {
        String body = "{\"amount\": 777, \"currency\": \"EUR\"}";
        Map<String, String> headers = Map.of("Authorization", "Bearer " + merchant.secret(), "Idempotency-Key", UUID.randomUUID().toString());
        String first = json.readTree(client.post("/v1/payment_intents", body, headers).body()).get("id").asString();
        String second = json.readTree(client.post("/v1/payment_intents", body, headers).body()).get("id").asString();
        assertThat(second).isEqualTo(first);
        assertThat(jdbc.sql("SELECT count(*) FROM acquiring_payment_intent WHERE merchant_id = ?")
                .param(merchant.businessId()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aReadOnlyKeyMayReadButNotWriteAndAnOperatorKeyIsNoMerchant() {
        MerchantKeys.Merchant reader = new MerchantKeys(context).merchant(EnumSet.of(ApiScope.PAYMENTS_READ));
        assertThat(post(reader, "/v1/payment_intents", "{\"amount\": 5, \"currency\": \"EUR\"}").statusCode()).isEqualTo(403);
        assertThat(get(reader, "/v1/payment_intents").statusCode()).isEqualTo(200);
        assertThat(client.getAsOperator("/v1/payment_intents").statusCode()).isEqualTo(403);
    }

    @Test
    void noCardNumberIsStoredInAnyAcquiringTable() {
        for (TestCard card : TestCard.values()) {
            if (card.name().startsWith("TIMEOUT")) {
                continue;
            }
            confirm(create(merchant, 300, "automatic"), card.token());
        }
        List<String> tables = jdbc.sql("SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'acquiring_%'")
                .query(String.class).list();
        assertThat(tables).contains("acquiring_payment_intent", "acquiring_refund", "acquiring_event");
        for (String table : tables) {
            String dump = String.join("\n", jdbc.sql("SELECT t::text FROM " + table + " t").query(String.class).list());
            for (TestCard card : TestCard.values()) {
                assertThat(dump).as(table).doesNotContain(card.number());
            }
        }
    }
}
