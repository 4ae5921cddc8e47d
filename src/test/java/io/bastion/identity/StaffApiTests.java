package io.bastion.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.bastion.testing.BastionTest;
import io.bastion.testing.TestClient;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Operators create staff through the API; nobody else can, and staff passwords follow the staff policy. */
@BastionTest
class StaffApiTests {

    static final String STAFF_PASSWORD = "violet kettle harbour sunrise 7";

    @Autowired
    TestClient client;
    @Autowired
    JsonMapper json;
    @Autowired
    UserStore users;
    @Autowired
    SignIn signIn;

    static String body(String email, String role, String password) {
        String phone = "+4477" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999));
        return """
                {"email":"%s","phone":"%s","displayName":"Sam Support","role":"%s","password":"%s"}"""
                .formatted(email, phone, role, password);
    }

    static String freshEmail() {
        return "staff-" + UUID.randomUUID() + "@example.com";
    }

    @Test
    void anOperatorCreatesAStaffMemberWithVouchedContactsWhoMustEnrolASecondFactor() {
        String email = freshEmail();
        HttpResponse<String> response = client.postAsOperator("/v1/operator/staff", body(email, "operations_admin", STAFF_PASSWORD));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode created = json.readTree(response.body());
        assertThat(created.get("id").asString()).startsWith("usr_");
        assertThat(created.get("role").asString()).isEqualTo("operations_admin");
        assertThat(response.body()).doesNotContain(STAFF_PASSWORD);
        UserAccount account = users.byId(created.get("id").asString()).orElseThrow();
        assertThat(account.kind()).isEqualTo(UserAccount.Kind.STAFF);
        assertThat(account.staffRole()).isEqualTo(UserAccount.StaffRole.OPERATIONS_ADMIN);
        assertThat(account.verified()).isTrue();
        assertThat(signIn.attempt(email, STAFF_PASSWORD, "198.51.100.21", "test")).isInstanceOfSatisfying(
                SignIn.Outcome.Accepted.class,
                accepted -> assertThat(accepted.user().stage()).isEqualTo(SignedInUser.Stage.MUST_ENROL_SECOND_FACTOR));
    }

    @Test
    void aStaffPasswordShorterThanFifteenCharactersIsRefused() {
        HttpResponse<String> response = client.postAsOperator("/v1/operator/staff", body(freshEmail(), "support", "kettle harbour"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode error = json.readTree(response.body()).get("errors").get(0);
        assertThat(error.get("field").asString()).isEqualTo("password");
        assertThat(error.get("rule").asString()).isEqualTo("too-short");
    }

    @Test
    void anUnknownRoleATakenEmailAndAKeyWithoutTheStaffScopeAreRefused() {
        assertThat(client.postAsOperator("/v1/operator/staff", body(freshEmail(), "superuser", STAFF_PASSWORD)).statusCode())
                .isEqualTo(400);
        String email = freshEmail();
        assertThat(client.postAsOperator("/v1/operator/staff", body(email, "compliance", STAFF_PASSWORD)).statusCode()).isEqualTo(201);
        assertThat(client.postAsOperator("/v1/operator/staff", body(email, "compliance", STAFF_PASSWORD)).statusCode()).isEqualTo(409);

        HttpResponse<String> key = client.postAsOperator("/v1/operator/api-keys", "{\"name\":\"auditor\",\"scopes\":[\"audit\"]}");
        String auditOnly = json.readTree(key.body()).get("secret").asString();
        HttpResponse<String> refused = client.post("/v1/operator/staff", body(freshEmail(), "support", STAFF_PASSWORD),
                Map.of("Authorization", "Bearer " + auditOnly));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(client.post("/v1/operator/staff", body(freshEmail(), "support", STAFF_PASSWORD), Map.of()).statusCode())
                .isEqualTo(401);
    }
}
