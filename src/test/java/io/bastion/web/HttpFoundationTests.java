package io.bastion.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.bastion.testing.BastionTest;
import io.bastion.testing.TestClient;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@BastionTest
class HttpFoundationTests {

    @Autowired
    TestClient client;

    @Test
    void healthAnswersUpWithoutCredentialsAndRevealsNothingMore() {
        HttpResponse<String> response = client.get("/actuator/health");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"status\":\"UP\"}");
    }

    @Test
    void unknownPathIsANotFoundProblem() {
        HttpResponse<String> response = client.get("/no/such/thing");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("/problems/not-found");
    }

    @Test
    void unknownFieldIsRejectedNamingTheField() {
        HttpResponse<String> response = client.postAsOperator("/v1/operator/api-keys",
                "{\"name\":\"x\",\"scopes\":[\"audit\"],\"colour\":\"blue\"}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("/problems/unknown-field").contains("colour");
    }

    @Test
    void metricsNeedAnOperatorKey() {
        assertThat(client.get("/actuator/prometheus").statusCode()).isEqualTo(401);
        assertThat(client.get("/actuator/prometheus", Map.of("Authorization", "Bearer " + client.operatorKey()))
                .statusCode()).isEqualTo(200);
    }
}
