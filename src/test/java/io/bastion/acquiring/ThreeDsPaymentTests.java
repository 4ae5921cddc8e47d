package io.bastion.acquiring;

import static org.assertj.core.api.Assertions.assertThat;

import io.bastion.identity.MerchantKeys;
import io.bastion.testing.BastionTest;
import io.bastion.testing.TestClient;
import io.bastion.threeds.ARes;
import io.bastion.threeds.AccountToken;
import io.bastion.threeds.ParseResult;
import io.bastion.threeds.ThreeDsChallenges;
import io.bastion.threeds.ThreeDsServer;
import io.bastion.vault.CardNumber;
import io.bastion.vault.CardToken;
import io.bastion.vault.Expiry;
import io.bastion.vault.TokenPurpose;
import io.bastion.vault.Vault;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * 3-D Secure around a payment, below the browser: the test network's issuer verifies the authentication
 * value exactly once and for exactly this payment, and a challenge the customer abandons or cancels still
 * ends the payment through the named job.
 */
@BastionTest
class ThreeDsPaymentTests {

    @Autowired ApplicationContext context;
    @Autowired TestClient client;
    @Autowired JsonMapper json;
    @Autowired JdbcClient jdbc;
    @Autowired Vault vault;
    @Autowired ThreeDsServer server;
    @Autowired ThreeDsChallenges challenges;
    @Autowired TestNetworkConnector network;
    @Autowired IntentStore store;
    @Autowired PaymentIntents intents;

    MerchantKeys.Merchant merchant;

    @BeforeEach
    void merchant() {
        merchant = new MerchantKeys(context).merchant();
    }

    @Test
    void theTestNetworkApprovesAValueOnceAndDeclinesAReplayAnAlteredAmountAnotherMerchantOrNoValue() {
        CardToken token = vault.tokenize(CardNumber.of(TestCard.FRICTIONLESS.number()), new Expiry(12, 2035), "Ada",
                TokenPurpose.ONE_OFF_PAYMENT);
        ARes ares = frictionless(token, 1500);
        NetworkAuthorization.Authentication value = new NetworkAuthorization.Authentication("Y", ares.eci(),
                ares.dsTransID(), ares.authenticationValue(), token.value(), "frictionless");
        NetworkAuthorization.Merchant shop = new NetworkAuthorization.Merchant(merchant.businessId(), "Shop", "GB", "5999");
        NetworkAuthorization.Merchant other = new NetworkAuthorization.Merchant("biz_someoneelse", "Other", "GB", "5999");

        assertThat(network.authorize(call(token, 1501, shop, value))).isEqualTo(declined(NetworkResult.DeclineReason.AUTHENTICATION_FAILED));
        assertThat(network.authorize(call(token, 1500, other, value))).isEqualTo(declined(NetworkResult.DeclineReason.AUTHENTICATION_FAILED));
        String tampered = ares.authenticationValue().substring(0, 4) + (ares.authenticationValue().charAt(4) == 'A' ? 'B' : 'A')
                + ares.authenticationValue().substring(5);
        assertThat(network.authorize(call(token, 1500, shop, new NetworkAuthorization.Authentication("Y", ares.eci(),
                ares.dsTransID(), tampered, token.value(), "frictionless")))).isEqualTo(declined(NetworkResult.DeclineReason.AUTHENTICATION_FAILED));
        assertThat(network.authorize(call(token, 1500, shop, null))).isEqualTo(declined(NetworkResult.DeclineReason.AUTHENTICATION_REQUIRED));

        assertThat(network.authorize(call(token, 1500, shop, value))).isInstanceOf(NetworkResult.Approved.class);
        assertThat(network.authorize(call(token, 1500, shop, value))).isEqualTo(declined(NetworkResult.DeclineReason.AUTHENTICATION_FAILED));
    }

    @Test
    void aCanceledChallengeFailsThePaymentThroughTheJobWhenTheCustomerNeverComesBack() {
        String id = challenged();
        PaymentIntent waiting = store.byId(id).orElseThrow();
        challenges.respond(creq(waiting, "\"challengeCancel\":\"01\""));
        assertThat(store.byId(id).orElseThrow().status()).isEqualTo(PaymentStatus.REQUIRES_ACTION);

        assertThat(ChallengeOutcomesJob.resume(store, intents, Clock.offset(Clock.systemUTC(), Duration.ofMinutes(1))))
                .isGreaterThanOrEqualTo(1);
        PaymentIntent ended = store.byId(id).orElseThrow();
        assertThat(ended.status()).isEqualTo(PaymentStatus.FAILED);
        assertThat(ended.declineReason()).isEqualTo("authentication_canceled");
        assertThat(ended.threeDs().transStatus()).isEqualTo("N");
    }

    @Test
    void aChallengeLeftIdleForTenMinutesEndsAsTimedOutAndThePaymentFails() {
        String id = challenged();
        PaymentIntent waiting = store.byId(id).orElseThrow();
        // The ACS's clock is the real one: age the challenge instead of waiting ten minutes.
        jdbc.sql("update threeds_transaction set last_activity_at = last_activity_at - interval '11 minutes' where acs_trans_id = ?")
                .param(waiting.threeDs().acsTransID()).update();
        assertThat(challenges.expireIdleChallenges()).isGreaterThanOrEqualTo(1);

        ChallengeOutcomesJob.resume(store, intents, Clock.offset(Clock.systemUTC(), Duration.ofMinutes(1)));
        PaymentIntent ended = store.byId(id).orElseThrow();
        assertThat(ended.status()).isEqualTo(PaymentStatus.FAILED);
        assertThat(ended.declineReason()).isEqualTo("authentication_timed_out");
        assertThat(ended.amountCaptured()).isZero();
    }

    @Test
    void aChallengeStillRunningIsLeftAlone() {
        String id = challenged();
        ChallengeOutcomesJob.resume(store, intents, Clock.offset(Clock.systemUTC(), Duration.ofMinutes(1)));
        assertThat(store.byId(id).orElseThrow().status()).isEqualTo(PaymentStatus.REQUIRES_ACTION);
        JsonNode api = json.readTree(client.get("/v1/payment_intents/" + id,
                Map.of("Authorization", "Bearer " + merchant.secret())).body());
        assertThat(api.get("next_action").get("redirect_to_url").get("url").asString())
                .isEqualTo(api.get("hosted_payment_url").asString()).contains("/pay/cs_");
    }

    private String challenged() {
        Map<String, String> headers = Map.of("Authorization", "Bearer " + merchant.secret(),
                "Idempotency-Key", UUID.randomUUID().toString());
        String id = ok(client.post("/v1/payment_intents", "{\"amount\": 5000, \"currency\": \"EUR\"}", headers)).get("id").asString();
        JsonNode confirmed = ok(client.post("/v1/payment_intents/" + id + "/confirm", "{\"payment_method\": \"pm_card_challenge\"}",
                Map.of("Authorization", "Bearer " + merchant.secret(), "Idempotency-Key", UUID.randomUUID().toString())));
        assertThat(confirmed.get("status").asString()).isEqualTo("requires_action");
        return id;
    }

    private static String creq(PaymentIntent intent, String field) {
        return """
                {"messageType":"CReq","messageVersion":"2.2.0","threeDSServerTransID":"%s","acsTransID":"%s",
                 "challengeWindowSize":"05",%s}""".formatted(intent.threeDs().threeDSServerTransID(),
                intent.threeDs().acsTransID(), field);
    }

    private ARes frictionless(CardToken token, long amount) {
        ParseResult<ARes> answer = server.authenticate(new ThreeDsServer.Purchase(new AccountToken(token.value()), amount,
                "978", 2, merchant.businessId(), "Shop", "5999", "826", null, null));
        ARes ares = ((ParseResult.Valid<ARes>) answer).message();
        assertThat(ares.transStatus()).isEqualTo("Y");
        return ares;
    }

    private static NetworkAuthorization call(CardToken token, long amount, NetworkAuthorization.Merchant merchant,
                                             NetworkAuthorization.Authentication authentication) {
        return new NetworkAuthorization("pi_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20),
                new NetworkCard(new io.bastion.shared.Secret(TestCard.FRICTIONLESS.number()), 12, 2035, token.value(), null),
                amount, "EUR", merchant, authentication);
    }

    private static NetworkResult declined(NetworkResult.DeclineReason reason) {
        return new NetworkResult.Declined(reason);
    }

    private JsonNode ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }
}
