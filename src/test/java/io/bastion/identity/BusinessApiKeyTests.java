package io.bastion.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.bastion.testing.BastionTest;
import io.bastion.testing.BrowserConsole;
import io.bastion.testing.BrowserExtension;
import io.bastion.testing.TestClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Merchant API keys: issued only through a confirmation, limited by address, rotated with an overlap, revoked, and private to owners and admins. */
@BastionTest
@ExtendWith(BrowserExtension.class)
class BusinessApiKeyTests {

    @Autowired
    ApplicationContext context;

    @Autowired
    BusinessApiKeys businessKeys;

    @Autowired
    Confirmations confirmations;

    @Autowired
    TestClient client;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper json;

    ConfirmationFixture fixture;

    @BeforeEach
    void fixture() {
        fixture = new ConfirmationFixture(context);
    }

    private HttpResponse<String> whoami(String secret) {
        return client.get("/v1/whoami", Map.of("Authorization", "Bearer " + secret));
    }

    /** Issues a key the way the pages do, confirming with a texted code. */
    private ApiKeys.Issued issue(ConfirmationFixture.Person owner, String businessId, List<String> cidrs) {
        var key = new ConfirmationAction.CreateApiKey(businessId, "server", EnumSet.of(ApiScope.PAYMENTS_READ),
                ConfirmationAction.Mode.LIVE, cidrs, null);
        Confirmation confirmation = businessKeys.requestCreate(owner.id(), key, "127.0.0.1").orElseThrow();
        assertThat(businessKeys.create(owner.id(), confirmation.id(), key, "127.0.0.1")).as("before confirmation").isEmpty();
        fixture.confirmBySms(confirmations, owner, confirmation.id());
        return businessKeys.create(owner.id(), confirmation.id(), key, "127.0.0.1").orElseThrow();
    }

    @Test
    void anOwnerCreatesAKeyThroughAConfirmationAndSeesItsSecretOnce(Page page, BrowserConsole console) {
        var owner = fixture.person(true);
        String businessId = fixture.business(owner, BusinessApiKeys.Role.OWNER);
        fixture.signIn(page, owner);

        page.navigate("/business/api-keys");
        page.locator("#create-key input[name=name]").fill("checkout server");
        page.locator("#create-key input[name=scopes][value='payments:read']").check();
        page.locator("#create-key input[name=scopes][value='payments:write']").check();
        page.locator("#create-key button[type=submit]").click();
        page.waitForURL("**/confirm/cnf_*");
        assertThat(page.locator("#summary").textContent()).contains("Create live API key \"checkout server\"")
                .contains("payments:read payments:write");
        page.locator("#confirm-form input[name=code]").fill(fixture.totpCode(owner, 1));
        page.locator("#confirm-form button[type=submit]").click();

        String secret = page.locator("#secret").textContent();
        assertThat(secret).startsWith("sk_live_").hasSizeGreaterThan(40);
        HttpResponse<String> me = whoami(secret);
        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        JsonNode body = json.readTree(me.body());
        assertThat(body.get("ownerKind").asString()).isEqualTo("business");
        assertThat(body.get("ownerId").asString()).isEqualTo(businessId);
        assertThat(body.get("scopes").toString()).isEqualTo("[\"payments:read\",\"payments:write\"]");

        page.navigate("/business/api-keys");
        assertThat(page.locator("#keys .key").count()).isEqualTo(1);
        assertThat(page.content()).doesNotContain(secret);
        assertThat(console.problems()).isEmpty();
    }

    @Test
    void aKeyLimitedToOtherAddressesIsRefusedFromHere() {
        var owner = fixture.person(false);
        String businessId = fixture.business(owner, BusinessApiKeys.Role.OWNER);

        String elsewhere = issue(owner, businessId, List.of("10.0.0.0/8")).secret().value();
        assertThat(whoami(elsewhere).statusCode()).isEqualTo(401);
        String here = issue(owner, businessId, List.of("127.0.0.0/8", "::1/128")).secret().value();
        assertThat(whoami(here).statusCode()).isEqualTo(200);
    }

    @Test
    void aRotatedKeysOldSecretWorksDuringTheOverlapThenStopsAndARevokedKeyStopsAtOnce() {
        var owner = fixture.person(false);
        String businessId = fixture.business(owner, BusinessApiKeys.Role.OWNER);
        ApiKeys.Issued original = issue(owner, businessId, List.of());

        Confirmation confirmation = businessKeys.requestRotate(owner.id(), original.key().id(), "127.0.0.1").orElseThrow();
        var rotation = new ConfirmationAction.RotateApiKey(businessId, original.key().id());
        fixture.confirmBySms(confirmations, owner, confirmation.id());
        ApiKeys.Issued rotated = businessKeys.rotate(owner.id(), confirmation.id(), rotation, "127.0.0.1").orElseThrow();

        assertThat(rotated.secret().value()).startsWith("sk_live_").isNotEqualTo(original.secret().value());
        assertThat(whoami(rotated.secret().value()).statusCode()).isEqualTo(200);
        assertThat(whoami(original.secret().value()).statusCode()).as("during the overlap").isEqualTo(200);
        Instant oldExpiry = jdbc.sql("SELECT expires_at FROM identity_api_key WHERE id = ?").param(original.key().id())
                .query(OffsetDateTime.class).single().toInstant();
        assertThat(oldExpiry).isBetween(Instant.now().plus(Duration.ofHours(23)), Instant.now().plus(Duration.ofHours(25)));

        // The overlap ends: move the old key's end into the past, as 24 hours would.
        jdbc.sql("UPDATE identity_api_key SET expires_at = now() - interval '1 second' WHERE id = ?").param(original.key().id()).update();
        assertThat(whoami(original.secret().value()).statusCode()).isEqualTo(401);
        assertThat(whoami(rotated.secret().value()).statusCode()).isEqualTo(200);

        assertThat(businessKeys.revoke(owner.id(), rotated.key().id(), "127.0.0.1")).isTrue();
        assertThat(whoami(rotated.secret().value()).statusCode()).isEqualTo(401);
    }

    @Test
    void viewersAndDevelopersAreForbiddenAndOtherBusinessesSeeNothing(Page page) {
        var owner = fixture.person(false);
        String businessId = fixture.business(owner, BusinessApiKeys.Role.OWNER);
        ApiKeys.Issued key = issue(owner, businessId, List.of());
        var viewer = fixture.person(false);
        fixture.join(businessId, viewer, BusinessApiKeys.Role.VIEWER);
        var developer = fixture.person(false);
        fixture.join(businessId, developer, BusinessApiKeys.Role.DEVELOPER);
        assertThat(businessKeys.access(developer.id(), businessId)).isEqualTo(BusinessApiKeys.Access.FORBIDDEN);
        assertThat(businessKeys.list(developer.id(), businessId)).isEmpty();
        assertThat(businessKeys.requestRotate(developer.id(), key.key().id(), "127.0.0.1")).isEmpty();

        fixture.signIn(page, viewer);
        assertThat(page.navigate("/business/api-keys?business=" + businessId).status()).isEqualTo(403);
        assertThat(page.navigate("/business/api-keys").status()).isEqualTo(403);
        assertThat(post(page, "/business/api-keys/" + key.key().id() + "/revoke")).isEqualTo(403);

        try (BrowserContext otherContext = page.context().browser()
                .newContext(new Browser.NewContextOptions().setBaseURL(client.uri("/").toString()))) {
            Page other = otherContext.newPage();
            var stranger = fixture.person(true);
            fixture.business(stranger, BusinessApiKeys.Role.OWNER);
            fixture.signIn(other, stranger);
            assertThat(other.navigate("/business/api-keys?business=" + businessId).status()).isEqualTo(404);
            assertThat(post(other, "/business/api-keys/" + key.key().id() + "/revoke")).isEqualTo(404);
            assertThat(post(other, "/business/api-keys/" + key.key().id() + "/rotate")).isEqualTo(404);
            other.navigate("/business/api-keys");
            assertThat(other.content()).doesNotContain(key.key().id());
        }
        assertThat(whoami(key.secret().value()).statusCode()).as("still working").isEqualTo(200);
        assertThat(businessKeys.revoke(viewer.id(), key.key().id(), "127.0.0.1")).isFalse();
    }

    /** A form POST in the page's session (its cookie and CSRF token), without following the redirect. */
    private int post(Page page, String path) {
        page.navigate("/security");
        String csrf = page.locator("input[name=_csrf]").first().inputValue();
        String cookie = page.context().cookies().stream().filter(c -> c.name.equals("__Host-bastion"))
                .map(c -> c.name + "=" + c.value).findFirst().orElseThrow();
        return client.send(client.builder(path, Map.of("Cookie", cookie, "Content-Type", "application/x-www-form-urlencoded"))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("_csrf=" + java.net.URLEncoder.encode(csrf,
                        java.nio.charset.StandardCharsets.UTF_8))).build()).statusCode();
    }
}
