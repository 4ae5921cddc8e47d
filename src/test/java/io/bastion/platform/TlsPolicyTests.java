package io.bastion.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.bastion.testing.BastionTest;
import io.bastion.testing.TestClient;
import io.bastion.testing.TestDataDirectory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Probes the HTTPS port the way a scanner would, with OpenSSL's client and with Java's. */
@BastionTest
class TlsPolicyTests {

    @Autowired
    TestClient client;

    private Handshake openssl(String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + client.port(),
                "-servername", "localhost"));
        command.addAll(List.of(options));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Handshake(out.contains("Cipher is ") && !out.contains("Cipher is (NONE)"), out);
    }

    private record Handshake(boolean established, String transcript) {
    }

    @Test
    void tlsOnePointThreeIsAccepted() throws Exception {
        Handshake handshake = openssl("-tls1_3");
        assertThat(handshake.established()).as(handshake.transcript()).isTrue();
        assertThat(handshake.transcript()).contains("TLSv1.3");
    }

    @Test
    void tlsOnePointTwoWithEcdheAndAeadIsAccepted() throws Exception {
        Handshake handshake = openssl("-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-GCM-SHA256");
        assertThat(handshake.established()).as(handshake.transcript()).isTrue();
    }

    @Test
    void tlsOnePointOneAndOnePointZeroAreRefused() throws Exception {
        // Security level 0 lets the client offer the old protocols, so a refusal is the server's.
        assertThat(openssl("-tls1_1", "-cipher", "ALL:@SECLEVEL=0").established()).isFalse();
        assertThat(openssl("-tls1", "-cipher", "ALL:@SECLEVEL=0").established()).isFalse();
    }

    @Test
    void cbcAndNonEcdheSuitesAreRefusedOnTlsOnePointTwo() throws Exception {
        assertThat(openssl("-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-SHA256").established()).isFalse();
        assertThat(openssl("-tls1_2", "-cipher", "ECDHE-ECDSA-AES256-SHA").established()).isFalse();
        assertThat(openssl("-tls1_2", "-cipher", "AES128-GCM-SHA256").established()).isFalse();
    }

    @Test
    void aJavaClientOfferingOnlyACbcSuiteIsRefused() throws Exception {
        var factory = TestClient.trusting(TestDataDirectory.path().resolve("tls/certificate.pem")).getSocketFactory();
        try (SSLSocket socket = (SSLSocket) factory.createSocket("127.0.0.1", client.port())) {
            socket.setEnabledProtocols(new String[] {"TLSv1.2"});
            socket.setEnabledCipherSuites(new String[] {"TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"});
            org.assertj.core.api.Assertions.assertThatThrownBy(socket::startHandshake).isInstanceOf(SSLHandshakeException.class);
        }
    }
}
