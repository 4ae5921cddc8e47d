package io.bastion.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.bastion.testing.BastionTest;
import io.bastion.testing.TestClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@BastionTest
class SecurityTxtTests {

    @Autowired
    TestClient client;

    @Test
    void securityTxtIsPlainUtf8TextWithEveryRequiredField() {
        HttpResponse<String> response = client.get("/.well-known/security.txt");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain;charset=UTF-8");
        assertThat(fields(response.body(), "Contact")).containsExactly("mailto:security@bastion.example",
                "https://localhost:8443/security/policy");
        assertThat(fields(response.body(), "Policy")).containsExactly("https://localhost:8443/security/policy");
        assertThat(fields(response.body(), "Canonical")).containsExactly("https://localhost:8443/.well-known/security.txt");
        assertThat(fields(response.body(), "Preferred-Languages")).containsExactly("en");
        assertThat(fields(response.body(), "Expires")).hasSize(1);
    }

    @Test
    void securityTxtExpiresInTheFutureButWithinAYear() {
        String body = client.get("/.well-known/security.txt").body();

        Instant expires = Instant.parse(fields(body, "Expires").getFirst());

        assertThat(fields(body, "Expires").getFirst()).endsWith("Z");
        assertThat(expires).isAfter(Instant.now().plus(Duration.ofDays(170)))
                .isBefore(Instant.now().plus(Duration.ofDays(365)));
    }

    @Test
    void thePolicyItPointsToIsServed() {
        HttpResponse<String> response = client.get("/security/policy");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain;charset=UTF-8");
        assertThat(response.body()).contains("# Security policy").contains("security@bastion.example")
                .contains("Safe harbour").contains("Bug bounty");
    }

    private static List<String> fields(String body, String name) {
        return Arrays.stream(body.split("\n"))
                .filter(line -> line.startsWith(name + ": "))
                .map(line -> line.substring(name.length() + 2))
                .toList();
    }
}
