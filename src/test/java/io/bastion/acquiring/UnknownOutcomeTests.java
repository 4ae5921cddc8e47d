package io.bastion.acquiring;

import static org.assertj.core.api.Assertions.assertThat;

import io.bastion.identity.MerchantKeys;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import io.bastion.ledger.Ledger;
import io.bastion.testing.BastionTest;
import io.bastion.testing.TestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A lost network answer leaves the payment processing, never approved, until the named job asks the network again. */
@BastionTest
@ExtendWith(OutputCaptureExtension.class)
class UnknownOutcomeTests {

    @Autowired
    ApplicationContext context;

    @Autowired
    TestClient client;

    @Autowired
    JsonMapper json;

    @Autowired
    UnknownOutcomes outcomes;

    @Autowired
    PaymentIntents intents;

    @Autowired
    Ledger ledger;

    MerchantKeys.Merchant merchant;

    @BeforeEach
    void merchant() {
        merchant = new MerchantKeys(context).merchant();
    }

    JsonNode post(String path, String body) {
        var response = client.post(path, body, Map.of("Authorization", "Bearer " + merchant.secret(),
                "Idempotency-Key", UUID.randomUUID().toString()));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    String confirmed(String token) {
        String id = post("/v1/payment_intents", "{\"amount\": 1500, \"currency\": \"EUR\"}").get("id").asString();
        JsonNode intent = post("/v1/payment_intents/" + id + "/confirm", "{\"payment_method\": \"" + token + "\"}");
        assertThat(intent.get("status").asString()).isEqualTo("processing");
        assertThat(intent.get("outcome_unknown").asBoolean()).isTrue();
        assertThat(ledger.transfer(id + "_auth")).isEmpty();
        return id;
    }

    @Test
    void aTimeoutLeavesTheIntentProcessingAndTheJobSettlesItAsApproved() {
        String id = confirmed("pm_card_timeout_approved");
        assertThat(outcomes.resolve()).as("too recent for the job").isZero();
        assertThat(outcomes.resolveChangedBefore(Instant.now().plusSeconds(60))).isPositive();
        PaymentIntent intent = intents.find(merchant.businessId(), id).orElseThrow();
        assertThat(intent.status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(intent.outcomeUnknown()).isFalse();
        assertThat(ledger.transfer(id + "_capture")).isPresent();
    }

    @Test
    void aTimeoutWhoseLaterStatusIsDeclinedFailsTheIntentWithoutMovingMoney() {
        String id = confirmed("pm_card_timeout_declined");
        outcomes.resolveChangedBefore(Instant.now().plusSeconds(60));
        PaymentIntent intent = intents.find(merchant.businessId(), id).orElseThrow();
        assertThat(intent.status()).isEqualTo(PaymentStatus.FAILED);
        assertThat(intent.declineReason()).isEqualTo("do_not_honor");
        assertThat(ledger.transfer(id + "_auth")).isEmpty();
    }

    @Test
    void theJobIsANamedRecurringTask() {
        assertThat(context.getBean("acquiringUnknownOutcomesTask", com.github.kagkarlsson.scheduler.task.helper.RecurringTask.class)
                .getName()).isEqualTo("acquiring-unknown-outcomes");
    }

    @Test
    void noTestCardNumberReachesTheLogs(CapturedOutput output) {
        for (TestCard card : TestCard.values()) {
            String id = post("/v1/payment_intents", "{\"amount\": 200, \"currency\": \"EUR\"}").get("id").asString();
            post("/v1/payment_intents/" + id + "/confirm", "{\"payment_method\": \"" + card.token() + "\"}");
        }
        outcomes.resolveChangedBefore(Instant.now().plusSeconds(60));
        for (TestCard card : TestCard.values()) {
            assertThat(output.getAll()).doesNotContain(card.number());
        }
    }
}
