package io.bastion.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.bastion.testing.BastionTest;
import io.bastion.testing.TestClient;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@BastionTest
@ExtendWith(OutputCaptureExtension.class)
class SecretsStayOutOfLogsTests {

    static final String PAN = "4242424242424242";
    static final String MERCHANT_KEY = "sk_live_Q2hlY2tUaGlzSXNOb3RMb2dnZWQ";

    @Autowired
    TestClient client;

    @Test
    void aCardNumberOrApiKeyInARequestNeverReachesTheLog(CapturedOutput output) {
        client.postAsOperator("/v1/operator/api-keys", "{\"name\": " + PAN + "x, \"card\": \"" + PAN + "\"}");
        client.post("/v1/operator/api-keys", "{\"name\":\"" + MERCHANT_KEY + "\"", Map.of("Authorization", "Bearer " + MERCHANT_KEY));
        client.get("/v1/cards/" + PAN + "?api_key=" + MERCHANT_KEY);
        client.get("/nothing/" + PAN, Map.of("Authorization", "Bearer " + client.operatorKey()));

        String logs = output.getAll();
        assertThat(logs).contains("unreadable request body").contains("[PAN]");
        assertThat(logs).doesNotContain(PAN).doesNotContain("4242 4242 4242 4242").doesNotContain(MERCHANT_KEY);
        assertThat(logs).doesNotContain(client.operatorKey());
    }
}
