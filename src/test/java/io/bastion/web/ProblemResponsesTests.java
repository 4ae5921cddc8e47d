package io.bastion.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.bastion.testing.BastionTest;
import io.bastion.testing.TestClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@BastionTest
class ProblemResponsesTests {

    static final String KEYS = "/v1/operator/api-keys";

    @Autowired
    TestClient client;

    @Autowired
    JdbcClient jdbc;

    private HttpResponse<String> postJson(String body) {
        return client.postAsOperator(KEYS, body);
    }

    private static void assertProblem(HttpResponse<String> response, int status, String slug) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"type\":\"https://localhost:8443/problems/" + slug + "\"")
                .doesNotContain("Exception").doesNotContain("at io.").doesNotContain("at org.");
    }

    @Test
    void malformedJsonIsABadRequestProblemThatDoesNotEchoTheInput() {
        HttpResponse<String> response = postJson("{\"name\": \"4111111111111111\", ");
        assertProblem(response, 400, "malformed-json");
        assertThat(response.body()).doesNotContain("4111111111111111");
    }

    @Test
    void aFieldOfTheWrongTypeIsNamedInTheProblem() {
        HttpResponse<String> response = postJson("{\"name\":\"ops\",\"scopes\":\"audit\"}");
        assertProblem(response, 400, "wrong-type");
        assertThat(response.body()).contains("\"field\":\"scopes\"");
    }

    @Test
    void aFieldBreakingARuleIsNamedWithTheRule() {
        HttpResponse<String> response = postJson("{\"name\":\"\",\"scopes\":[\"audit\"]}");
        assertProblem(response, 400, "invalid-field");
        assertThat(response.body()).contains("\"field\":\"name\"").contains("\"rule\":\"not-blank\"");
    }

    @Test
    void anUnknownScopeIsAWrongTypeProblemListingTheAllowedValues() {
        HttpResponse<String> response = postJson("{\"name\":\"ops\",\"scopes\":[\"root\"]}");
        assertProblem(response, 400, "wrong-type");
        assertThat(response.body()).contains("operator:keys");
    }

    @Test
    void aMissingBodyIsAProblem() {
        assertProblem(postJson(""), 400, "missing-body");
    }

    @Test
    void aBodyOverOneMebibyteIsRefusedByItsDeclaredLength() {
        String big = "{\"name\":\"" + "a".repeat(1024 * 1024) + "\",\"scopes\":[\"audit\"]}";
        assertProblem(postJson(big), 413, "body-too-large");
    }

    @Test
    void aChunkedBodyOverOneMebibyteIsRefusedWhileReading() {
        String big = "{\"name\":\"" + "a".repeat(1024 * 1024 + 10) + "\",\"scopes\":[\"audit\"]}";
        HttpRequest.BodyPublisher unknownLength = new HttpRequest.BodyPublisher() {
            private final HttpRequest.BodyPublisher inner = HttpRequest.BodyPublishers.ofString(big);

            @Override
            public long contentLength() {
                return -1;
            }

            @Override
            public void subscribe(Flow.Subscriber<? super java.nio.ByteBuffer> subscriber) {
                inner.subscribe(subscriber);
            }
        };
        HttpResponse<String> response = client.send(client.builder(KEYS, Map.of("Authorization", "Bearer " + client.operatorKey(),
                "Content-Type", "application/json")).POST(unknownLength).build());
        assertProblem(response, 413, "body-too-large");
        assertThat(jdbc.sql("SELECT count(*) FROM identity_api_key WHERE length(name) > 1000").query(Long.class).single()).isZero();
    }

    @Test
    void anUnknownPathIsANotFoundProblem() {
        assertProblem(client.get("/definitely/not/here"), 404, "not-found");
        assertProblem(client.getAsOperator("/v1/definitely-not-here"), 404, "not-found");
    }

    @Test
    void aWrongMethodIsAMethodNotAllowedProblem() {
        HttpResponse<String> response = client.send(client.builder(KEYS, Map.of("Authorization", "Bearer " + client.operatorKey()))
                .DELETE().build());
        assertProblem(response, 405, "method-not-allowed");
    }

    @Test
    void aBodyThatIsNotJsonIsAnUnsupportedMediaTypeProblem() {
        HttpResponse<String> response = client.send(client.builder(KEYS, Map.of("Authorization", "Bearer " + client.operatorKey(),
                "Content-Type", "text/plain")).POST(HttpRequest.BodyPublishers.ofString("name=x")).build());
        assertProblem(response, 415, "unsupported-media-type");
    }

    @Test
    void aMissingApiKeyIsAnUnauthorizedProblem() {
        HttpResponse<String> response = client.get(KEYS);
        assertProblem(response, 401, "unauthorized");
        assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
    }

    @Test
    void aRejectedAddressIsABadRequestProblemNotAFrameworkPage() {
        assertProblem(client.get("/actuator/health/..;/..;/env"), 400, "bad-request");
    }

    @Test
    void everyProblemTypeResolvesToAPageOnBastion() {
        for (ProblemType type : ProblemType.values()) {
            HttpResponse<String> page = client.get(type.path());
            assertThat(page.statusCode()).as(type.path()).isEqualTo(200);
            assertThat(page.body()).contains(type.title());
        }
    }

    @Test
    void everyResponseCarriesTheSecurityHeaders() {
        for (HttpResponse<String> response : new HttpResponse[] {client.get("/actuator/health"), client.get("/nope"),
                client.get("/problems/not-found"), client.get(KEYS)}) {
            var headers = response.headers();
            assertThat(headers.firstValue("Strict-Transport-Security").orElseThrow()).startsWith("max-age=63072000");
            String csp = headers.firstValue("Content-Security-Policy").orElseThrow();
            assertThat(csp).contains("default-src 'none'").contains("frame-ancestors 'none'").doesNotContain("unsafe-inline");
            assertThat(headers.firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(headers.firstValue("Referrer-Policy")).hasValue("no-referrer");
            assertThat(headers.firstValue("Permissions-Policy").orElseThrow()).contains("camera=()");
            assertThat(headers.firstValue("X-Frame-Options")).hasValue("DENY");
        }
    }
}
