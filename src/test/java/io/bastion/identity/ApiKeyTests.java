package io.bastion.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.bastion.testing.BastionTest;
import io.bastion.testing.TestClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import io.bastion.testing.TestDataDirectory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@BastionTest
class ApiKeyTests {

    @Autowired
    TestClient client;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper json;

    private JsonNode create(String body) {
        HttpResponse<String> response = client.postAsOperator("/v1/operator/api-keys", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json.readTree(response.body());
    }

    private HttpResponse<String> getWith(String key, String path) {
        return client.get(path, Map.of("Authorization", "Bearer " + key));
    }

    @Test
    void theDevBootstrapKeyIsWrittenToAnOwnerOnlyFileAndWorks() throws Exception {
        var file = TestDataDirectory.path().resolve("bootstrap-operator-key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(client.getAsOperator("/v1/operator/api-keys").statusCode()).isEqualTo(200);
    }

    @Test
    void aNewKeyIsShownOnceAndOnlyItsKeyedHashIsStored() {
        JsonNode created = create("{\"name\":\"reporting\",\"scopes\":[\"audit\"]}");
        String secret = created.get("secret").asString();
        assertThat(secret).startsWith("op_live_").hasSizeGreaterThan(40);
        assertThat(created.get("prefix").asString()).isEqualTo(secret.substring(0, 12));

        HttpResponse<String> read = client.getAsOperator("/v1/operator/api-keys/" + created.get("id").asString());
        assertThat(read.body()).doesNotContain(secret).contains("\"secret\":null");
        String stored = jdbc.sql("SELECT id || name || prefix || encode(secret_hash, 'escape') FROM identity_api_key WHERE id = ?")
                .param(created.get("id").asString()).query(String.class).single();
        assertThat(stored).doesNotContain(secret);
    }

    @Test
    void aKeyCanOnlyDoWhatItsScopesAllow() {
        String auditOnly = create("{\"name\":\"auditor\",\"scopes\":[\"audit\"]}").get("secret").asString();
        assertThat(getWith(auditOnly, "/v1/operator/api-keys").statusCode()).isEqualTo(403);
        assertThat(getWith(auditOnly, "/actuator/prometheus").statusCode()).isEqualTo(403);
        String metrics = create("{\"name\":\"scraper\",\"scopes\":[\"metrics\"]}").get("secret").asString();
        assertThat(getWith(metrics, "/actuator/prometheus").statusCode()).isEqualTo(200);
    }

    @Test
    void aRevokedKeyIsRefusedAtOnce() {
        JsonNode created = create("{\"name\":\"temporary\",\"scopes\":[\"operator:keys\"]}");
        String secret = created.get("secret").asString();
        assertThat(getWith(secret, "/v1/operator/api-keys").statusCode()).isEqualTo(200);
        HttpResponse<String> revoked = client.postAsOperator("/v1/operator/api-keys/" + created.get("id").asString() + "/revoke", "");
        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(json.readTree(revoked.body()).get("revokedAt").isNull()).isFalse();
        HttpResponse<String> refused = getWith(secret, "/v1/operator/api-keys");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("/problems/unauthorized");
    }

    @Test
    void anExpiredKeyIsRefused() throws Exception {
        String expiresAt = Instant.now().plusSeconds(2).toString();
        String secret = create("{\"name\":\"short\",\"scopes\":[\"metrics\"],\"expiresAt\":\"" + expiresAt + "\"}")
                .get("secret").asString();
        assertThat(getWith(secret, "/actuator/prometheus").statusCode()).isEqualTo(200);
        Thread.sleep(2500);
        assertThat(getWith(secret, "/actuator/prometheus").statusCode()).isEqualTo(401);
    }

    @Test
    void unknownAndMalformedKeysGetTheSameUnauthorizedProblem() {
        HttpResponse<String> unknown = getWith("op_live_" + "A".repeat(43), "/v1/operator/api-keys");
        HttpResponse<String> garbage = getWith("not a key at all", "/v1/operator/api-keys");
        HttpResponse<String> basic = client.get("/v1/operator/api-keys", Map.of("Authorization", "Basic b3A6cGFzcw=="));
        for (HttpResponse<String> response : java.util.List.of(unknown, garbage, basic)) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.body()).contains("/problems/unauthorized").contains("A valid API key is required.");
        }
    }

    @Test
    void useOfAKeyIsRecordedAsItsLastUsedTime() {
        JsonNode created = create("{\"name\":\"tracked\",\"scopes\":[\"metrics\"]}");
        assertThat(created.get("lastUsedAt").isNull()).isTrue();
        getWith(created.get("secret").asString(), "/actuator/prometheus");
        JsonNode read = json.readTree(client.getAsOperator("/v1/operator/api-keys/" + created.get("id").asString()).body());
        assertThat(read.get("lastUsedAt").isNull()).isFalse();
    }

    @Test
    void listingIsPaginatedWithACursor() {
        for (int i = 0; i < 3; i++) {
            create("{\"name\":\"page-" + i + "\",\"scopes\":[\"audit\"]}");
        }
        JsonNode first = json.readTree(client.getAsOperator("/v1/operator/api-keys?limit=2").body());
        assertThat(first.get("data")).hasSize(2);
        String cursor = first.get("nextCursor").asString();
        JsonNode second = json.readTree(client.getAsOperator("/v1/operator/api-keys?limit=2&cursor=" + cursor).body());
        assertThat(second.get("data").get(0).get("id").asString())
                .isNotIn(first.get("data").get(0).get("id").asString(), first.get("data").get(1).get("id").asString());
        assertThat(client.getAsOperator("/v1/operator/api-keys?limit=1000").statusCode()).isEqualTo(400);
    }

    @Test
    void anUnknownKeyIdIsNotFound() {
        assertThat(client.getAsOperator("/v1/operator/api-keys/key_doesnotexist").statusCode()).isEqualTo(404);
        assertThat(client.postAsOperator("/v1/operator/api-keys/key_doesnotexist/revoke", "").statusCode()).isEqualTo(404);
    }
}
