package io.bastion.notification;

import io.bastion.shared.Secret;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import tools.jackson.databind.json.JsonMapper;

/**
 * The production SMS sender: POSTs {@code {"to","body"}} as JSON with a bearer token to the provider's
 * HTTPS endpoint. It never reads the provider's response body, so nothing the provider says can be
 * echoed into a log, and it does not retry, because a retried send may deliver the code twice.
 */
final class HttpSmsSender implements SmsSender {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI endpoint;
    private final Secret token;
    private final HttpClient http;

    /** The endpoint must already be checked to be HTTPS; the production configuration does that. */
    HttpSmsSender(URI endpoint, Secret token) {
        this(endpoint, token, HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                // A redirect would carry the bearer token to another address.
                .followRedirects(HttpClient.Redirect.NEVER).build());
    }

    HttpSmsSender(URI endpoint, Secret token, HttpClient http) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.token = Objects.requireNonNull(token, "token");
        this.http = Objects.requireNonNull(http, "http");
    }

    @Override
    public void send(SmsMessage message) {
        HttpResponse<Void> response;
        try {
            response = http.send(request(message), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new NotificationDeliveryException("the SMS provider could not be reached for " + message.maskedTo(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotificationDeliveryException("interrupted while sending an SMS to " + message.maskedTo());
        }
        if (response.statusCode() < 200 || response.statusCode() > 299) {
            throw new NotificationDeliveryException("the SMS provider answered HTTP " + response.statusCode()
                    + " for " + message.maskedTo());
        }
    }

    HttpRequest request(SmsMessage message) {
        String json = JSON.writeValueAsString(new Payload(message.to(), message.body()));
        return HttpRequest.newBuilder(endpoint)
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + token.value())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
    }

    /** The provider's request body. */
    record Payload(String to, String body) {
    }
}
