package io.bastion.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.bastion.identity.ApiKeyPrincipal;
import io.bastion.identity.ApiKeys;
import io.bastion.identity.ApiScope;
import io.bastion.testing.BastionTest;
import io.bastion.testing.TestClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@BastionTest
class IdempotencyTests {

    private static final String PATH = "/v1/operator/api-keys";
    private static final Pattern SECRET = Pattern.compile("\"secret\":\"([^\"]+)\"");
    private static final int CONCURRENT_REQUESTS = 8;

    @Autowired
    TestClient client;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApiKeys apiKeys;

    @Test
    void retryWithTheSameKeyAndBodyReplaysTheStoredResponseWithoutDoingTheWorkAgain() {
        String name = uniqueName();
        String key = UUID.randomUUID().toString();

        HttpResponse<String> first = create(client.operatorKey(), key, name);
        HttpResponse<String> retry = create(client.operatorKey(), key, name);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(first.headers().firstValue(IdempotencyFilter.REPLAYED_HEADER)).isEmpty();
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.headers().firstValue(IdempotencyFilter.REPLAYED_HEADER)).hasValue("true");
        assertThat(retry.body()).isEqualTo(first.body()).contains(secretOf(first));
        assertThat(retry.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
        assertThat(retry.headers().firstValue("Content-Type")).isEqualTo(first.headers().firstValue("Content-Type"));
        assertThat(retry.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(keysNamed(name)).isEqualTo(1);
    }

    @Test
    void sameKeyWithADifferentBodyIsRefusedAsReused() {
        String key = UUID.randomUUID().toString();
        String name = uniqueName();
        assertThat(create(client.operatorKey(), key, name).statusCode()).isEqualTo(201);

        HttpResponse<String> other = create(client.operatorKey(), key, name + "-changed");

        assertThat(other.statusCode()).isEqualTo(422);
        assertThat(other.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(other.body()).contains("/problems/idempotency-key-reused");
        assertThat(keysNamed(name + "-changed")).isZero();
    }

    @Test
    void sameKeyFromAnotherCallerIsRefusedAndNeverShownTheFirstCallersResponse() {
        String otherCaller = apiKeys.issue(ApiKeyPrincipal.OwnerKind.OPERATOR, "op_" + UUID.randomUUID(), uniqueName(),
                EnumSet.of(ApiScope.OPERATOR_KEYS), null, "test", "127.0.0.1").secret().value();
        String key = UUID.randomUUID().toString();
        String name = uniqueName();
        HttpResponse<String> first = create(client.operatorKey(), key, name);
        assertThat(first.statusCode()).isEqualTo(201);

        HttpResponse<String> stolen = create(otherCaller, key, name);
        HttpResponse<String> changed = create(client.operatorKey(), key, name + "-changed");

        assertThat(stolen.statusCode()).isEqualTo(422);
        assertThat(stolen.body()).contains("/problems/idempotency-key-reused")
                .doesNotContain(secretOf(first)).doesNotContain(name).doesNotContain(keyIdOf(first));
        // Another caller's key and a different request get the same answer, so a refusal reveals nothing.
        assertThat(stolen.body().replaceAll("\"instance\":\"[^\"]*\",?", ""))
                .isEqualTo(changed.body().replaceAll("\"instance\":\"[^\"]*\",?", ""));
        assertThat(keysNamed(name)).isEqualTo(1);
    }

    @Test
    void storedResponseBodyIsEncryptedAtRest() {
        String key = UUID.randomUUID().toString();
        HttpResponse<String> first = create(client.operatorKey(), key, uniqueName());
        String secret = secretOf(first);

        byte[] stored = jdbc.sql("SELECT encrypted_body FROM web_idempotency WHERE idempotency_key = ?")
                .param(key).query(byte[].class).single();

        assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain(secret).doesNotContain(keyIdOf(first));
        assertThat(jdbc.sql("SELECT state FROM web_idempotency WHERE idempotency_key = ?").param(key)
                .query(String.class).single()).isEqualTo("completed");
    }

    @Test
    void concurrentRequestsWithTheSameKeyDoTheWorkOnceAndAllGetTheSameResponse() throws Exception {
        String key = UUID.randomUUID().toString();
        String name = uniqueName();
        List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < CONCURRENT_REQUESTS; i++) {
            calls.add(() -> create(client.operatorKey(), key, name));
        }
        List<HttpResponse<String>> responses = new ArrayList<>();
        try (ExecutorService executor = Executors.newFixedThreadPool(CONCURRENT_REQUESTS)) {
            for (Future<HttpResponse<String>> future : executor.invokeAll(calls)) {
                responses.add(future.get());
            }
        }

        assertThat(responses).extracting(HttpResponse::statusCode).containsOnly(201);
        assertThat(responses).extracting(HttpResponse::body).containsOnly(responses.getFirst().body());
        assertThat(responses).filteredOn(r -> r.headers().firstValue(IdempotencyFilter.REPLAYED_HEADER).isEmpty())
                .hasSize(1);
        assertThat(keysNamed(name)).isEqualTo(1);
    }

    @Test
    void malformedKeysAreRejectedBeforeAnyWork() {
        String name = uniqueName();
        for (String key : List.of("k".repeat(IdempotencyFilter.IDEMPOTENCY_KEY_LENGTH_MAX + 1), "has space",
                "tab\there")) {
            HttpResponse<String> response = create(client.operatorKey(), key, name);
            assertThat(response.statusCode()).as(key).isEqualTo(400);
            assertThat(response.body()).contains("/problems/idempotency-key-invalid");
        }
        assertThat(keysNamed(name)).isZero();
    }

    @Test
    void keysWithControlOrNonAsciiCharactersAreInvalid() {
        // The HTTP client refuses or rewrites such header values, so the rule is checked directly.
        assertThat(IdempotencyFilter.valid("caf\u00e9")).isFalse();
        assertThat(IdempotencyFilter.valid("nul\u0000")).isFalse();
        assertThat(IdempotencyFilter.valid("del\u007f")).isFalse();
        assertThat(IdempotencyFilter.valid("")).isFalse();
        assertThat(IdempotencyFilter.valid("!~azAZ09")).isTrue();
    }

    @Test
    void longestAllowedKeyIsAccepted() {
        String key = UUID.randomUUID() + "~".repeat(IdempotencyFilter.IDEMPOTENCY_KEY_LENGTH_MAX - 36);
        assertThat(create(client.operatorKey(), key, uniqueName()).statusCode()).isEqualTo(201);
    }

    @Test
    void requestsWithoutAKeyStillWorkAndAreNotDeduplicated() {
        String name = uniqueName();
        String body = body(name);
        assertThat(client.postAsOperator(PATH, body).statusCode()).isEqualTo(201);
        assertThat(client.postAsOperator(PATH, body).statusCode()).isEqualTo(201);
        assertThat(keysNamed(name)).isEqualTo(2);
    }

    @Test
    void expiredRecordIsTreatedAsAbsentSoTheKeyRunsAgain() {
        String key = UUID.randomUUID().toString();
        String name = uniqueName();
        HttpResponse<String> first = create(client.operatorKey(), key, name);
        jdbc.sql("UPDATE web_idempotency SET created_at = now() - interval '3 days', expires_at = now() - interval '1 day' "
                + "WHERE idempotency_key = ?").param(key).update();

        HttpResponse<String> again = create(client.operatorKey(), key, name);

        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(again.headers().firstValue(IdempotencyFilter.REPLAYED_HEADER)).isEmpty();
        assertThat(secretOf(again)).isNotEqualTo(secretOf(first));
        assertThat(keysNamed(name)).isEqualTo(2);
    }

    @Test
    void rejectedRequestIsStoredAndReplayedLikeAnyOtherAnswer() {
        String key = UUID.randomUUID().toString();
        String invalid = "{\"name\":\"\",\"scopes\":[\"audit\"]}";
        Map<String, String> headers = Map.of("Authorization", "Bearer " + client.operatorKey(), IdempotencyFilter.HEADER, key);

        HttpResponse<String> first = client.post(PATH, invalid, headers);
        HttpResponse<String> retry = client.post(PATH, invalid, headers);

        assertThat(first.statusCode()).isEqualTo(400);
        assertThat(retry.statusCode()).isEqualTo(400);
        assertThat(retry.headers().firstValue(IdempotencyFilter.REPLAYED_HEADER)).hasValue("true");
        assertThat(retry.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    private HttpResponse<String> create(String apiKey, String idempotencyKey, String name) {
        return client.post(PATH, body(name), Map.of("Authorization", "Bearer " + apiKey,
                IdempotencyFilter.HEADER, idempotencyKey));
    }

    private static String body(String name) {
        return "{\"name\":\"" + name + "\",\"scopes\":[\"audit\"]}";
    }

    private static String uniqueName() {
        return "idem-" + UUID.randomUUID();
    }

    private long keysNamed(String name) {
        return jdbc.sql("SELECT count(*) FROM identity_api_key WHERE name = ?").param(name).query(Long.class).single();
    }

    private static String secretOf(HttpResponse<String> response) {
        Matcher matcher = SECRET.matcher(response.body());
        assertThat(matcher.find()).as("a secret in %s", response.statusCode()).isTrue();
        return matcher.group(1);
    }

    private static String keyIdOf(HttpResponse<String> response) {
        Matcher matcher = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(response.body());
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }
}
