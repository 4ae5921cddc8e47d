package io.bastion.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.bastion.testing.BastionTest;
import io.bastion.testing.TestClient;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@BastionTest
class LedgerApiTests {

    @Autowired
    TestClient client;

    @Autowired
    JsonMapper json;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    private String id(String name) {
        return name + "-" + run;
    }

    private JsonNode parse(HttpResponse<String> response) {
        return json.readTree(response.body());
    }

    private void openAccounts() {
        HttpResponse<String> src = client.postAsOperator("/v1/ledger/accounts",
                "{\"id\":\"" + id("src") + "\",\"currency\":\"EUR\",\"code\":1}");
        assertThat(src.statusCode()).as(src.body()).isEqualTo(201);
        assertThat(client.postAsOperator("/v1/ledger/accounts", "{\"id\":\"" + id("alice")
                + "\",\"currency\":\"EUR\",\"code\":2,\"flags\":{\"debitsMustNotExceedCredits\":true}}").statusCode())
                .isEqualTo(201);
    }

    @Test
    void opensAnAccountWithARandomIdAndReadsItBack() {
        HttpResponse<String> created = client.postAsOperator("/v1/ledger/accounts", "{\"currency\":\"EUR\",\"code\":7}");
        assertThat(created.statusCode()).isEqualTo(201);
        String id = parse(created).get("id").asString();
        assertThat(id).startsWith("acct_");
        JsonNode account = parse(client.getAsOperator("/v1/ledger/accounts/" + id));
        assertThat(account.get("currency").asString()).isEqualTo("EUR");
        assertThat(account.get("balance").asLong()).isZero();
        assertThat(client.getAsOperator("/v1/ledger/accounts/" + id("missing")).statusCode()).isEqualTo(404);
    }

    @Test
    void submitsABatchAndAnswersEachResultInOrder() {
        openAccounts();
        String body = "[{\"id\":\"" + id("t1") + "\",\"debitAccountId\":\"" + id("src") + "\",\"creditAccountId\":\""
                + id("alice") + "\",\"amount\":100},"
                + "{\"id\":\"" + id("t2") + "\",\"debitAccountId\":\"" + id("alice") + "\",\"creditAccountId\":\""
                + id("src") + "\",\"amount\":101},"
                + "{\"id\":\"" + id("t3") + "\",\"debitAccountId\":\"" + id("alice") + "\",\"creditAccountId\":\""
                + id("src") + "\",\"amount\":40,\"pending\":true,\"timeoutSeconds\":60},"
                + "{\"id\":\"" + id("t4") + "\",\"pendingId\":\"" + id("t3") + "\",\"action\":\"post\"}]";
        HttpResponse<String> response = client.postAsOperator("/v1/ledger/transfers", body);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(parse(response).valueStream().map(n -> n.get("result").asString()))
                .containsExactly("created", "exceeds_credits", "created", "created");
        JsonNode alice = parse(client.getAsOperator("/v1/ledger/accounts/" + id("alice")));
        assertThat(alice.get("creditsPosted").asLong()).isEqualTo(100);
        assertThat(alice.get("debitsPosted").asLong()).isEqualTo(40);
        assertThat(alice.get("balance").asLong()).isEqualTo(60);
        assertThat(parse(client.postAsOperator("/v1/ledger/transfers", body)).valueStream()
                .map(n -> n.get("result").asString())).containsExactly("exists", "exceeds_credits", "exists", "exists");
        JsonNode hold = parse(client.getAsOperator("/v1/ledger/transfers/" + id("t3")));
        assertThat(hold.get("kind").asString()).isEqualTo("pending");
        assertThat(hold.get("resolution").asString()).isEqualTo("post");
        assertThat(hold.get("resolvedBy").asString()).isEqualTo(id("t4"));
        assertThat(client.getAsOperator("/v1/ledger/transfers/" + id("t2")).statusCode()).isEqualTo(404);
    }

    @Test
    void theStatementIsPaginatedWithACursor() {
        openAccounts();
        for (int i = 0; i < 3; i++) {
            client.postAsOperator("/v1/ledger/transfers", "[{\"id\":\"" + id("s" + i) + "\",\"debitAccountId\":\""
                    + id("src") + "\",\"creditAccountId\":\"" + id("alice") + "\",\"amount\":5}]");
        }
        JsonNode first = parse(client.getAsOperator("/v1/ledger/accounts/" + id("alice") + "/entries?limit=2"));
        assertThat(first.get("data").valueStream().map(e -> e.get("balance").asLong())).containsExactly(5L, 10L);
        JsonNode second = parse(client.getAsOperator("/v1/ledger/accounts/" + id("alice") + "/entries?limit=2&cursor="
                + first.get("nextCursor").asString()));
        assertThat(second.get("data").valueStream().map(e -> e.get("balance").asLong())).containsExactly(15L);
        assertThat(second.get("nextCursor").isNull()).isTrue();
        JsonNode balance = parse(client.getAsOperator("/v1/ledger/accounts/" + id("alice")
                + "/balance?at=2000-01-01T00:00:00Z"));
        assertThat(balance.get("balance").asLong()).isZero();
    }

    @Test
    void refusesRequestsWithoutAKey() {
        assertThat(client.get("/v1/ledger/accounts/" + id("any")).statusCode()).isEqualTo(401);
        assertThat(client.post("/v1/ledger/transfers", "[]", Map.of()).statusCode()).isEqualTo(401);
    }

    @Test
    void refusesAKeyWithoutTheLedgerScope() {
        HttpResponse<String> issued = client.postAsOperator("/v1/operator/api-keys",
                "{\"name\":\"auditor\",\"scopes\":[\"audit\"]}");
        assertThat(issued.statusCode()).isEqualTo(201);
        String secret = parse(issued).get("secret").asString();
        assertThat(client.get("/v1/ledger/accounts/" + id("any"), Map.of("Authorization", "Bearer " + secret))
                .statusCode()).isEqualTo(403);
    }

    @Test
    void refusesAZeroAmountAsAProblemNamingTheRule() {
        HttpResponse<String> response = client.postAsOperator("/v1/ledger/transfers",
                "[{\"id\":\"x1\",\"debitAccountId\":\"a\",\"creditAccountId\":\"b\",\"amount\":0}]");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("positive");
    }

    @Test
    void refusesAnUnknownField() {
        HttpResponse<String> response = client.postAsOperator("/v1/ledger/transfers",
                "[{\"id\":\"x1\",\"debitAccountId\":\"a\",\"creditAccountId\":\"b\",\"amount\":1,\"memo\":\"hi\"}]");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("/problems/unknown-field").contains("memo");
    }

    @Test
    void refusesInvalidIdsAndIncompleteTransfers() {
        assertThat(client.postAsOperator("/v1/ledger/transfers",
                "[{\"id\":\"bad id\",\"debitAccountId\":\"a\",\"creditAccountId\":\"b\",\"amount\":1}]").statusCode())
                .isEqualTo(400);
        assertThat(client.postAsOperator("/v1/ledger/transfers", "[{\"id\":\"x\",\"debitAccountId\":\"a\"}]").statusCode())
                .isEqualTo(400);
        assertThat(client.postAsOperator("/v1/ledger/accounts", "{\"currency\":\"eur\",\"code\":1}").statusCode())
                .isEqualTo(400);
        assertThat(client.postAsOperator("/v1/ledger/accounts", "{\"currency\":\"XYZ\",\"code\":1}").statusCode())
                .isEqualTo(400);
    }

    @Test
    void refusesABatchOverTheLimit() {
        String body = IntStream.range(0, Ledger.BATCH_TRANSFERS_MAX + 1)
                .mapToObj(i -> "{\"id\":\"b" + i + "\",\"debitAccountId\":\"a\",\"creditAccountId\":\"b\",\"amount\":1}")
                .collect(Collectors.joining(",", "[", "]"));
        HttpResponse<String> response = client.postAsOperator("/v1/ledger/transfers", body);
        assertThat(response.statusCode()).isIn(400, 413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void acceptsAFullBatchEvenThoughItsBodyIsOverOneMebibyte() {
        openAccounts();
        String body = IntStream.range(0, Ledger.BATCH_TRANSFERS_MAX)
                .mapToObj(i -> "{\"id\":\"" + id("full-batch-transfer-with-a-long-id-" + i) + "\",\"debitAccountId\":\""
                        + id("src") + "\",\"creditAccountId\":\"" + id("alice") + "\",\"amount\":1}")
                .collect(Collectors.joining(",", "[", "]"));
        assertThat(body.length()).isGreaterThan(1024 * 1024);
        HttpResponse<String> response = client.postAsOperator("/v1/ledger/transfers", body);
        assertThat(response.statusCode()).as(response.body().substring(0, Math.min(300, response.body().length()))).isEqualTo(200);
        assertThat(parse(response).size()).isEqualTo(Ledger.BATCH_TRANSFERS_MAX);
        assertThat(parse(response).get(0).get("result").asString()).isEqualTo("created");
    }
}
