package io.bastion.acquiring;

import static org.assertj.core.api.Assertions.assertThat;

import io.bastion.identity.ApiKeyPrincipal;
import io.bastion.identity.ApiKeys;
import io.bastion.identity.ApiScope;
import io.bastion.identity.BusinessApiKeys;
import io.bastion.identity.TotpFixture;
import io.bastion.testing.BrowserlessSession;
import io.bastion.testing.TestClient;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Businesses with members in roles and a business API key, payments made through the API with that key,
 * and members signed in without a browser, for the merchant dashboard tests.
 */
final class MerchantDashboardFixture {

    final TotpFixture people;
    final PaymentIntents intents;
    final WebhookEndpoints webhooks;
    final JdbcClient jdbc;
    private final ApiKeys apiKeys;
    private final TestClient client;
    private final JsonMapper json;

    MerchantDashboardFixture(ApplicationContext context) {
        this.people = new TotpFixture(context);
        this.intents = context.getBean(PaymentIntents.class);
        this.webhooks = context.getBean(WebhookEndpoints.class);
        this.jdbc = context.getBean(JdbcClient.class);
        this.apiKeys = context.getBean(ApiKeys.class);
        this.client = context.getBean(TestClient.class);
        this.json = context.getBean(JsonMapper.class);
    }

    /** A business with its API secret. */
    record Business(String id, String secret) {
    }

    /** A new business with the member in the role, and a business key with both payment scopes. */
    Business business(TotpFixture.Customer member, BusinessApiKeys.Role role) {
        String id = "biz_" + UUID.randomUUID().toString().replace("-", "");
        jdbc.sql("INSERT INTO identity_business (id, name, created_at) VALUES (?, ?, ?)")
                .params(id, "Shop " + id.substring(4, 12), OffsetDateTime.now(ZoneOffset.UTC)).update();
        join(id, member, role);
        ApiKeys.Issued key = apiKeys.issue(ApiKeyPrincipal.OwnerKind.BUSINESS, id, "dashboard test",
                EnumSet.of(ApiScope.PAYMENTS_READ, ApiScope.PAYMENTS_WRITE), null, "test", "127.0.0.1");
        return new Business(id, key.secret().value());
    }

    void join(String businessId, TotpFixture.Customer member, BusinessApiKeys.Role role) {
        jdbc.sql("INSERT INTO identity_membership (business_id, user_id, role, created_at) VALUES (?, ?, ?, ?)")
                .params(businessId, member.id(), role.name(), OffsetDateTime.now(ZoneOffset.UTC)).update();
    }

    /** Creates an intent through the API with the business's key and confirms it with the test token. */
    String pay(Business business, long amount, String captureMethod, String token) {
        String id = ok(post(business, "/v1/payment_intents", """
                {"amount": %d, "currency": "EUR", "description": "Order", "merchant_reference": "order-%d",
                 "capture_method": "%s"}""".formatted(amount, amount, captureMethod))).get("id").asString();
        ok(post(business, "/v1/payment_intents/" + id + "/confirm", "{\"payment_method\": \"" + token + "\"}"));
        return id;
    }

    private HttpResponse<String> post(Business as, String path, String body) {
        return client.post(path, body, Map.of("Authorization", "Bearer " + as.secret(),
                "Idempotency-Key", UUID.randomUUID().toString()));
    }

    private JsonNode ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    /** A session signed in with password and the current authenticator code, as the pages do it. */
    BrowserlessSession signedIn(TotpFixture.Customer member) {
        BrowserlessSession browser = new BrowserlessSession(client);
        browser.get("/login");
        BrowserlessSession.Page password = browser.post("/login",
                Map.of("email", member.email(), "password", TotpFixture.password()));
        assertThat(password.redirectPath()).endsWith("/login/second-factor");
        browser.get("/login/second-factor");
        BrowserlessSession.Page code = browser.post("/login/second-factor",
                Map.of("method", "TOTP", "code", people.code(member, 0)));
        assertThat(code.redirectPath()).endsWith("/account");
        return browser;
    }
}
