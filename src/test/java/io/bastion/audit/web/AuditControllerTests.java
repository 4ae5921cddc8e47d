package io.bastion.audit.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.bastion.audit.AuditLog;
import io.bastion.audit.AuditRecord;
import io.bastion.audit.Tampering;
import io.bastion.testing.BastionTest;
import io.bastion.testing.TestClient;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@BastionTest
class AuditControllerTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    TestClient client;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditLog audit;

    @Test
    void verificationReportsAnIntactChainWithItsEntryCount() {
        HttpResponse<String> response = client.getAsOperator("/v1/audit/verification");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        long entries = jdbc.sql("SELECT count(*) FROM audit_entry").query(Long.class).single();
        assertThat(body.get("intact").asBoolean()).isTrue();
        assertThat(body.get("entries").asLong()).isEqualTo(entries);
        assertThat(body.get("message").asString()).isEqualTo("intact, " + entries + " entries");
        assertThat(body.has("firstBadEntry")).isFalse();
    }

    @Test
    void verificationNamesTheFirstAlteredEntry() {
        Tampering tampering = new Tampering(jdbc);
        long seq = audit.record(AuditRecord.of("tester", "test.endpoint", "target", AuditRecord.Outcome.SUCCESS, ""));
        JsonNode body;
        try {
            tampering.run("UPDATE audit_entry SET outcome = 'FAILURE' WHERE seq = ?", seq);
            body = JSON.readTree(client.getAsOperator("/v1/audit/verification").body());
        } finally {
            tampering.run("UPDATE audit_entry SET outcome = 'SUCCESS' WHERE seq = ?", seq);
        }
        assertThat(body.get("intact").asBoolean()).isFalse();
        assertThat(body.get("firstBadEntry").asLong()).isEqualTo(seq);
        assertThat(body.get("reason").asString()).isEqualTo("altered");
        assertThat(body.get("message").asString()).isEqualTo("broken at entry " + seq + ": altered");
        assertThat(body.has("entries")).isFalse();
    }

    @Test
    void auditEndpointsNeedAKeyWithTheAuditScope() {
        assertThat(client.get("/v1/audit/verification").statusCode()).isEqualTo(401);
        assertThat(client.get("/v1/audit/entries").statusCode()).isEqualTo(401);
        HttpResponse<String> created = client.postAsOperator("/v1/operator/api-keys",
                "{\"name\":\"ledger only\",\"scopes\":[\"ledger\"]}");
        assertThat(created.statusCode()).isEqualTo(201);
        String ledgerKey = JSON.readTree(created.body()).get("secret").asString();
        assertThat(client.get("/v1/audit/verification", Map.of("Authorization", "Bearer " + ledgerKey)).statusCode())
                .isEqualTo(403);
    }

    @Test
    void entriesArePagedNewestFirstWithoutGaps() {
        JsonNode first = JSON.readTree(client.getAsOperator("/v1/audit/entries?limit=3").body());
        assertThat(first.get("data")).hasSize(3);
        long newest = first.get("data").get(0).get("seq").asLong();
        assertThat(first.get("data").get(1).get("seq").asLong()).isEqualTo(newest - 1);
        assertThat(first.get("data").get(0).get("hash").asString()).hasSize(64);
        String cursor = first.get("nextCursor").asString();
        assertThat(cursor).isEqualTo(Long.toString(newest - 2));

        JsonNode second = JSON.readTree(client.getAsOperator("/v1/audit/entries?limit=3&cursor=" + cursor).body());
        assertThat(second.get("data").get(0).get("seq").asLong()).isEqualTo(newest - 3);
    }

    @Test
    void pageSizeIsBounded() {
        assertThat(client.getAsOperator("/v1/audit/entries?limit=101").statusCode()).isEqualTo(400);
        assertThat(client.getAsOperator("/v1/audit/entries?cursor=0").statusCode()).isEqualTo(400);
    }
}
