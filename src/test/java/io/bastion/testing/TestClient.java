package io.bastion.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.springframework.core.env.Environment;
import org.springframework.boot.test.context.TestComponent;

/**
 * An HTTPS client for tests that trusts exactly the certificate Bastion generated into the test data
 * directory (no trust-all), plus the bootstrap operator key Bastion wrote there.
 */
@TestComponent
public class TestClient {

    private final Environment environment;
    private final HttpClient http;

    TestClient(Environment environment) {
        this.environment = environment;
        this.http = HttpClient.newBuilder().sslContext(trusting(TestDataDirectory.path().resolve("tls/certificate.pem")))
                .connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
    }

    /** The port the server listens on (known once the context has started). */
    public int port() {
        return environment.getRequiredProperty("local.server.port", Integer.class);
    }

    public URI uri(String path) {
        return URI.create("https://localhost:" + port() + path);
    }

    /** The operator key Bastion generated on its first start in this test JVM. */
    public String operatorKey() {
        try {
            return Files.readString(TestDataDirectory.path().resolve("bootstrap-operator-key")).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public HttpResponse<String> get(String path, Map<String, String> headers) {
        return send(builder(path, headers).GET().build());
    }

    public HttpResponse<String> get(String path) {
        return get(path, Map.of());
    }

    public HttpResponse<String> getAsOperator(String path) {
        return get(path, Map.of("Authorization", "Bearer " + operatorKey()));
    }

    public HttpResponse<String> post(String path, String json, Map<String, String> headers) {
        return send(builder(path, headers).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public HttpResponse<String> postAsOperator(String path, String json) {
        return post(path, json, Map.of("Authorization", "Bearer " + operatorKey()));
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpRequest.Builder builder(String path, Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
        headers.forEach(builder::header);
        return builder;
    }

    /** An SSL context that trusts only the given PEM certificate. */
    public static SSLContext trusting(Path certificate) {
        try (InputStream in = Files.newInputStream(certificate)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            store.setCertificateEntry("bastion", CertificateFactory.getInstance("X.509").generateCertificate(in));
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
