package io.bastion.bench;

import io.bastion.ledger.TransferRequest;
import java.io.IOException;
import java.io.InputStream;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Phases (c) and (d): one transfer per {@code POST /v1/ledger/transfers} over HTTPS to 127.0.0.1, with
 * the operator key, trusting exactly the certificate Bastion generated into the data directory.
 */
final class HttpTransfers implements AutoCloseable {

    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final LedgerAccounts accounts;
    private final URI uri;
    private final String authorization;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient http;

    HttpTransfers(LedgerAccounts accounts, Path dataDir, int port, String operatorKey) throws IOException, GeneralSecurityException {
        this.accounts = accounts;
        this.uri = URI.create("https://127.0.0.1:" + port + "/v1/ledger/transfers");
        this.authorization = "Bearer " + operatorKey;
        this.http = HttpClient.newBuilder().sslContext(trusting(dataDir.resolve("tls/certificate.pem")))
                .version(HttpClient.Version.HTTP_1_1).connectTimeout(REQUEST_TIMEOUT).executor(executor).build();
    }

    /** Posts one random transfer (to the merchant when {@code hot}) and answers 1 when it was created. */
    int transfer(ThreadLocalRandom random, boolean hot) throws IOException, InterruptedException {
        TransferRequest t = accounts.random(random, hot);
        String json = "[{\"id\":\"" + t.id() + "\",\"debitAccountId\":\"" + t.debitAccountId()
                + "\",\"creditAccountId\":\"" + t.creditAccountId() + "\",\"amount\":" + t.amount() + "}]";
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT)
                .header("Authorization", authorization).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode() + ": " + response.body());
        }
        return response.body().contains("\"created\"") ? 1 : 0;
    }

    private static SSLContext trusting(Path certificate) throws IOException, GeneralSecurityException {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(certificate)) {
            trust.setCertificateEntry("bastion", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    @Override
    public void close() {
        http.close();
        executor.close();
    }
}
