package io.bastion.acquiring;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.bastion.identity.MerchantKeys;
import io.bastion.issuing.IssuingFixture;
import io.bastion.testing.BastionTest;
import io.bastion.testing.LeakEvidence;
import io.bastion.testing.TestClient;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;

/**
 * After card payments of every kind (Bastion cards on-us with a 3-D Secure challenge, a refund and a wrong
 * CVV2; test network cards by API and typed on the page, one saved with consent) and their webhooks, no card
 * number in any written form and no CVV2 beside a label is in a full dump of the database outside the vault's
 * ciphertext, in the merchant events, in the webhook requests a merchant received, in the logs, the test
 * output or PostgreSQL's files.
 */
@BastionTest
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = {"bastion.acquiring.webhooks.allow-loopback-http=true", "bastion.jobs.enabled=false"})
class NoCardDataInPaymentsTests {

    @Autowired ApplicationContext context;
    @Autowired TestClient client;
    @Autowired DataSource dataSource;
    @Autowired WebhookSender sender;
    @Autowired IntentStore store;
    @Autowired SavedCards savedCards;

    record Typed(String number, String cvv) {
    }

    private PagePayments payments;

    @org.junit.jupiter.api.BeforeEach
    void setUp() {
        payments = new PagePayments(context);
    }

    @Test
    void noCardNumberOrCvvIsInTheDatabaseEventsWebhooksLogsOrOutput(CapturedOutput output) throws Exception {
        ConcurrentLinkedQueue<String> webhooks = new ConcurrentLinkedQueue<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            webhooks.add(exchange.getRequestHeaders() + "\n" + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            List<Typed> typed = pay("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
            assertThat(sender.deliverDue(Instant.now().plusSeconds(1))).isPositive();
            assertThat(webhooks).isNotEmpty();

            String dump = LeakEvidence.dump(dataSource);
            assertThat(dump).contains("acquiring_payment_intent").contains("acquiring_event").contains("acquiring_saved_card");
            assertNoCardData("database dump", dump, typed);
            assertNoCardData("webhook requests", String.join("\n", webhooks), typed);
            assertNoCardData("captured logs", output.getAll(), typed);
            assertNoCardData("surefire output", LeakEvidence.surefireOutput(), typed);
            LeakEvidence.clusterFiles().forEach((file, text) -> assertNoCardData("cluster file " + file, text, typed));
        } finally {
            receiver.stop(0);
        }
    }

    private List<Typed> pay(String hook) {
        MerchantKeys.Merchant merchant = new MerchantKeys(context).merchant();
        Map<String, String> auth = Map.of("Authorization", "Bearer " + merchant.secret());
        payments.ok(client.post("/v1/webhook_endpoints", "{\"url\": \"" + hook + "\"}", PagePayments.headers(auth)));
        List<Typed> typed = new ArrayList<>();
        IssuingFixture fixture = new IssuingFixture(context);
        for (int i = 0; i < 2; i++) {
            IssuingFixture.Holder h = fixture.holder(500_00);
            typed.add(new Typed(h.details().number(), h.details().cvv()));
            String paid = onPage(auth, h.details().number(), h.details().expiry(), h.details().cvv(), false);
            assertThat(payments.challenge(paid, fixture.inbox.newestTo(h.customer().phone()).getFirst().body()).status())
                    .isEqualTo(PaymentStatus.SUCCEEDED);
            payments.ok(client.post("/v1/refunds", "{\"payment_intent\": \"" + paid + "\", \"amount\": 300}", PagePayments.headers(auth)));
            String wrongCvv = String.format("%03d", (Integer.parseInt(h.details().cvv()) + 7) % 1000);
            String declined = onPage(auth, h.details().number(), h.details().expiry(), wrongCvv, false);
            assertThat(payments.challenge(declined, fixture.inbox.newestTo(h.customer().phone()).getFirst().body()).declineReason())
                    .isEqualTo("incorrect_cvc");
        }
        for (TestCard card : List.of(TestCard.VISA, TestCard.FRICTIONLESS, TestCard.INSUFFICIENT_FUNDS)) {
            typed.add(new Typed(card.number(), "737"));
            String id = payments.ok(client.post("/v1/payment_intents", "{\"amount\": 1500, \"currency\": \"EUR\"}", PagePayments.headers(auth))).get("id").asString();
            payments.ok(client.post("/v1/payment_intents/" + id + "/confirm", "{\"payment_method\": \"" + card.token() + "\"}", PagePayments.headers(auth)));
        }
        typed.add(new Typed(TestCard.CHALLENGE.number(), "4821"));
        String saved = onPage(auth, TestCard.FRICTIONLESS.number(), "12/2035", "4821", true);
        assertThat(store.byId(saved).orElseThrow().status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(savedCards.list(merchant.businessId(), null, 10)).hasSize(1);
        return typed;
    }

    private String onPage(Map<String, String> auth, String number, String expiry, String cvv, boolean save) {
        return payments.onPage(auth, """
                {"amount": 2000, "currency": "EUR", "setup_future_usage": "off_session"}""", number, expiry, cvv, save,
                "dev_leaktest");
    }

    private static void assertNoCardData(String where, String text, List<Typed> cards) {
        for (Typed card : cards) {
            for (String form : LeakEvidence.forms(card.number())) {
                assertThat(text.contains(form)).as("%s holds a card number", where).isFalse();
            }
            Pattern labelled = Pattern.compile("(?i)(cvv2?|cvc2?|security.code)\\W{0,16}" + card.cvv() + "(?![0-9])");
            assertThat(labelled.matcher(text).find()).as("%s holds a CVV2", where).isFalse();
        }
    }
}
