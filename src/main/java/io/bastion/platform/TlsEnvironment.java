package io.bastion.platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Points the HTTPS connector at Bastion's certificate before the web server starts: in prod the PEM
 * files named by {@code BASTION_TLS_CERTIFICATE} and {@code BASTION_TLS_PRIVATE_KEY}, in dev a
 * self-signed certificate generated once into the data directory.
 */
public final class TlsEnvironment implements EnvironmentPostProcessor, Ordered {

    static final String BUNDLE = "spring.ssl.bundle.pem.bastion.";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getProperty("bastion.tls.enabled", Boolean.class, true)) {
            return;
        }
        boolean prod = environment.acceptsProfiles(org.springframework.core.env.Profiles.of("prod"));
        String certificate = environment.getProperty("bastion.tls.certificate", "");
        String privateKey = environment.getProperty("bastion.tls.private-key", "");
        if (certificate.isBlank() || privateKey.isBlank()) {
            if (prod) {
                throw new IllegalStateException("prod needs BASTION_TLS_CERTIFICATE and BASTION_TLS_PRIVATE_KEY "
                        + "(PEM files); Bastion serves HTTPS only");
            }
            DataDirectory dir = DataDirectory.of(environment.getProperty(DataDirectory.PROPERTY));
            SelfSignedCertificate generated = new SelfSignedCertificate(dir.resolve("tls"));
            generated.ensure(Clock.systemUTC());
            certificate = generated.certificate().toString();
            privateKey = generated.privateKey().toString();
        }
        requireReadable(certificate, "BASTION_TLS_CERTIFICATE");
        requireReadable(privateKey, "BASTION_TLS_PRIVATE_KEY");
        Map<String, Object> tls = new LinkedHashMap<>();
        tls.put("server.ssl.bundle", "bastion");
        tls.put(BUNDLE + "keystore.certificate", "file:" + certificate);
        tls.put(BUNDLE + "keystore.private-key", "file:" + privateKey);
        tls.put(BUNDLE + "options.enabled-protocols", "TLSv1.3,TLSv1.2");
        tls.put(BUNDLE + "options.ciphers", String.join(",", TlsPolicy.CIPHER_SUITES));
        environment.getPropertySources().addLast(new MapPropertySource("bastionTls", tls));
    }

    private static void requireReadable(String file, String setting) {
        if (!Files.isReadable(Path.of(file))) {
            throw new IllegalStateException(setting + " names a file that cannot be read");
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
