package io.bastion.platform;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The development certificate: an ECDSA P-256 certificate for localhost, generated once into the
 * data directory and reused on every later start until it nears expiry.
 */
final class SelfSignedCertificate {

    static final Duration VALIDITY = Duration.ofDays(397);
    static final Duration RENEW_BEFORE_EXPIRY_MIN = Duration.ofDays(7);

    private final Path certificate;
    private final Path privateKey;

    SelfSignedCertificate(Path tlsDir) {
        this.certificate = tlsDir.resolve("certificate.pem");
        this.privateKey = tlsDir.resolve("private-key.pem");
    }

    Path certificate() {
        return certificate;
    }

    Path privateKey() {
        return privateKey;
    }

    /** Generates the pair unless a usable one is already there; returns true when it generated. */
    boolean ensure(Clock clock) {
        if (Files.isRegularFile(certificate) && Files.isRegularFile(privateKey) && !nearExpiry(clock)) {
            return false;
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair pair = generator.generateKeyPair();
            X509CertificateHolder holder = build(pair, clock.instant());
            DataDirectory.writePrivate(privateKey, pkcs8(pair.getPrivate()));
            DataDirectory.writePrivate(certificate, pem(holder));
            return true;
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot generate the development certificate", e);
        }
    }

    private static X509CertificateHolder build(KeyPair pair, Instant now)
            throws IOException, OperatorCreationException {
        X500Name subject = new X500Name("CN=localhost, O=Bastion development");
        var builder = new JcaX509v3CertificateBuilder(subject, new BigInteger(128, new SecureRandom()),
                Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(VALIDITY)), subject,
                pair.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
            new GeneralName(GeneralName.dNSName, "localhost"),
            new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
            new GeneralName(GeneralName.iPAddress, "::1")
        }));
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        return builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
    }

    private boolean nearExpiry(Clock clock) {
        try (var in = Files.newInputStream(certificate)) {
            var cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            return cert.getNotAfter().toInstant().isBefore(clock.instant().plus(RENEW_BEFORE_EXPIRY_MIN));
        } catch (IOException | GeneralSecurityException e) {
            return true;
        }
    }

    /** PKCS#8 PEM, which every TLS stack reads with the curve intact. */
    private static byte[] pkcs8(java.security.PrivateKey key) {
        String body = java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded());
        return ("-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] pem(Object object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
