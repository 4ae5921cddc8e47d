package io.bastion.safeguarding;

import static org.assertj.core.api.Assertions.assertThat;

import io.bastion.ledger.Ledger;
import io.bastion.testing.BastionTest;
import io.bastion.testing.TestClient;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Operators run reconciliations, page through them and export them as CSV, with the safeguarding scope only. */
@BastionTest
class ReconciliationApiTests {

    @Autowired
    TestClient client;
    @Autowired
    JsonMapper json;
    @Autowired
    Ledger ledger;
    @Autowired
    JdbcClient jdbc;

    @Test
    void anOperatorRunsAReconciliationAndPagesThroughTheHistory() {
        Books books = new Books(ledger, jdbc, "BYN").deposit(900).statement(ReconciliationTests.FRIDAY, 900);
        HttpResponse<String> ran = client.postAsOperator("/v1/safeguarding/reconciliations?businessDate=2026-11-23", "");
        assertThat(ran.statusCode()).as(ran.body()).isEqualTo(201);
        JsonNode mine = find(json.readTree(ran.body()).get("data"), books.currency);
        assertThat(mine.get("status").asString()).isEqualTo("BALANCED");
        assertThat(mine.get("customerLiabilitiesMinor").asLong()).isEqualTo(900);
        assertThat(mine.get("statementDate").asString()).isEqualTo("2026-11-20");
        assertThat(mine.get("trigger").asString()).startsWith("api:");

        // A second run, so the date has at least two records to page through.
        assertThat(client.postAsOperator("/v1/safeguarding/reconciliations?businessDate=2026-11-23", "").statusCode())
                .isEqualTo(201);
        HttpResponse<String> first = client.getAsOperator("/v1/safeguarding/reconciliations?from=2026-11-23&to=2026-11-23&limit=1");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        JsonNode page = json.readTree(first.body());
        assertThat(page.get("data")).hasSize(1);
        String cursor = page.get("nextCursor").asString();
        JsonNode second = json.readTree(client.getAsOperator(
                "/v1/safeguarding/reconciliations?from=2026-11-23&to=2026-11-23&limit=1&cursor=" + cursor).body());
        assertThat(second.get("data").get(0).get("id").asString()).isNotEqualTo(page.get("data").get(0).get("id").asString());
    }

    @Test
    void theCsvExportIsTextCsvWithAHeaderAndOneLinePerRecord() {
        Books books = new Books(ledger, jdbc, "TMT").deposit(50).creditFromEquity(7).statement(ReconciliationTests.FRIDAY, 50);
        assertThat(client.postAsOperator("/v1/safeguarding/reconciliations?businessDate=2026-11-24", "").statusCode())
                .isEqualTo(201);
        HttpResponse<String> csv = client.getAsOperator("/v1/safeguarding/reconciliations.csv?from=2026-11-24&to=2026-11-24");
        assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment;");
        assertThat(csv.body()).startsWith("business_date,currency,status,customer_liabilities_minor,");
        assertThat(csv.body().lines()).anySatisfy(line ->
                assertThat(line).startsWith("2026-11-24," + books.currency + ",SHORTFALL,57,50,-7,50,-7,2026-11-20,api:"));
    }

    @Test
    void theCsvExportRefusesARangeLongerThanAYear() {
        assertThat(client.getAsOperator("/v1/safeguarding/reconciliations.csv?from=2020-01-01&to=2026-01-01").statusCode())
                .isEqualTo(400);
        assertThat(client.getAsOperator("/v1/safeguarding/reconciliations.csv?from=2026-01-02&to=2026-01-01").statusCode())
                .isEqualTo(400);
    }

    @Test
    void theEndpointsNeedAKeyWithTheSafeguardingScope() {
        assertThat(client.get("/v1/safeguarding/reconciliations").statusCode()).isEqualTo(401);
        HttpResponse<String> issued = client.postAsOperator("/v1/operator/api-keys",
                "{\"name\":\"ledger only\",\"scopes\":[\"ledger\",\"audit\"]}");
        assertThat(issued.statusCode()).isEqualTo(201);
        Map<String, String> auth = Map.of("Authorization", "Bearer " + json.readTree(issued.body()).get("secret").asString());
        assertThat(client.get("/v1/safeguarding/reconciliations", auth).statusCode()).isEqualTo(403);
        assertThat(client.get("/v1/safeguarding/reconciliations.csv?from=2026-11-23&to=2026-11-23", auth).statusCode())
                .isEqualTo(403);
        assertThat(client.post("/v1/safeguarding/reconciliations", "", auth).statusCode()).isEqualTo(403);

        HttpResponse<String> scoped = client.postAsOperator("/v1/operator/api-keys",
                "{\"name\":\"safeguarding\",\"scopes\":[\"safeguarding\"]}");
        Map<String, String> ok = Map.of("Authorization", "Bearer " + json.readTree(scoped.body()).get("secret").asString());
        assertThat(client.get("/v1/safeguarding/reconciliations", ok).statusCode()).isEqualTo(200);
    }

    @Test
    void aBadCursorOrDateIsABadRequest() {
        assertThat(client.getAsOperator("/v1/safeguarding/reconciliations?cursor=abc").statusCode()).isEqualTo(400);
        assertThat(client.getAsOperator("/v1/safeguarding/reconciliations?from=yesterday").statusCode()).isEqualTo(400);
        assertThat(client.getAsOperator("/v1/safeguarding/reconciliations?limit=1000").statusCode()).isEqualTo(400);
    }

    private static JsonNode find(JsonNode records, String currency) {
        for (JsonNode record : records) {
            if (record.get("currency").asString().equals(currency)) {
                return record;
            }
        }
        throw new AssertionError("no record for " + currency);
    }
}
