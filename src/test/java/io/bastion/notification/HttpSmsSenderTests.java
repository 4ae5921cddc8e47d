package io.bastion.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.bastion.shared.Secret;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class HttpSmsSenderTests {

    private static final String TOKEN = "sms-provider-token-0123456789";
    private static final SmsMessage MESSAGE = new SmsMessage("+447700900123", "Your Bastion code is 424242");

    private HttpServer server;
    private final AtomicInteger status = new AtomicInteger(202);
    private final AtomicReference<String> method = new AtomicReference<>();
    private final AtomicReference<String> authorization = new AtomicReference<>();
    private final AtomicReference<String> contentType = new AtomicReference<>();
    private final AtomicReference<String> body = new AtomicReference<>();

    @BeforeEach
    void startProvider() throws IOException {
        // Plain HTTP on loopback stands in for the provider; production refuses anything but https.
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/messages", exchange -> {
            method.set(exchange.getRequestMethod());
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            contentType.set(exchange.getRequestHeaders().getFirst("Content-Type"));
            body.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] answer = "{\"error\":\"echo of Your Bastion code is 424242\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status.get(), answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopProvider() {
        server.stop(0);
    }

    private HttpSmsSender sender() {
        return new HttpSmsSender(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/messages"),
                new Secret(TOKEN));
    }

    @Test
    void postsTheNumberAndTextAsJsonWithTheBearerToken() {
        sender().send(MESSAGE);

        assertThat(method.get()).isEqualTo("POST");
        assertThat(authorization.get()).isEqualTo("Bearer " + TOKEN);
        assertThat(contentType.get()).isEqualTo("application/json");
        JsonNode json = JsonMapper.builder().build().readTree(body.get());
        assertThat(json.propertyNames()).containsExactly("to", "body");
        assertThat(json.get("to").asString()).isEqualTo("+447700900123");
        assertThat(json.get("body").asString()).isEqualTo("Your Bastion code is 424242");
    }

    @Test
    void aRefusalFromTheProviderFailsWithoutEchoingTheTextTheTokenOrTheNumber() {
        status.set(500);

        assertThatThrownBy(() -> sender().send(MESSAGE))
                .isInstanceOf(NotificationDeliveryException.class)
                .hasMessageContaining("HTTP 500")
                .hasMessageNotContaining("424242")
                .hasMessageNotContaining(TOKEN)
                .hasMessageNotContaining("7700900");
    }

    @Test
    void aRedirectIsNotFollowedAndCountsAsAFailure() {
        status.set(302);

        assertThatThrownBy(() -> sender().send(MESSAGE))
                .isInstanceOf(NotificationDeliveryException.class).hasMessageContaining("HTTP 302");
    }

    @Test
    void anUnreachableProviderFailsWithoutEchoingTheText() {
        HttpSmsSender unreachable = sender();
        server.stop(0);

        assertThatThrownBy(() -> unreachable.send(MESSAGE))
                .isInstanceOf(NotificationDeliveryException.class)
                .hasMessageContaining("could not be reached")
                .hasMessageNotContaining("424242");
    }

    @Test
    void everyRequestHasATimeout() {
        HttpRequest request = sender().request(MESSAGE);

        assertThat(request.timeout()).hasValue(HttpSmsSender.REQUEST_TIMEOUT);
        assertThat(request.method()).isEqualTo("POST");
    }
}
