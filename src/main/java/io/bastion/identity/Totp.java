package io.bastion.identity;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import com.google.zxing.BarcodeFormat;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import io.bastion.keys.KeyPurpose;
import io.bastion.keys.Keys;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.spec.SecretKeySpec;
import javax.imageio.ImageIO;
import org.apache.commons.codec.binary.Base32;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Authenticator-app codes (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits). Secrets are encrypted at
 * rest; a code is accepted within one step of drift and only once (the last used step is remembered).
 */
@Component
class Totp {

    static final int SECRET_BYTES = 20;
    static final int DRIFT_STEPS_MAX = 1;
    static final int QR_SIZE_PIXELS = 240;
    static final String ISSUER = "Bastion";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final TimeBasedOneTimePasswordGenerator generator = new TimeBasedOneTimePasswordGenerator();
    private final JdbcClient jdbc;
    private final Keys keys;
    private final Clock clock;

    Totp(JdbcClient jdbc, Keys keys, Clock clock) {
        this.jdbc = jdbc;
        this.keys = keys;
        this.clock = clock;
    }

    /** A secret being set up: what the user's app needs, before it is confirmed with a first code. */
    record Enrolment(String base32Secret, String otpauthUri, String qrPngDataUri) {
    }

    Enrolment newEnrolment(String account) {
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        String base32 = new Base32().encodeToString(secret).replace("=", "");
        String uri = "otpauth://totp/" + encode(ISSUER + ":" + account) + "?secret=" + base32 + "&issuer=" + encode(ISSUER)
                + "&algorithm=SHA1&digits=6&period=30";
        return new Enrolment(base32, uri, qr(uri));
    }

    /** Confirms a new secret with a code from the app and switches the factor on. */
    @Transactional
    boolean enable(String userId, String base32Secret, String code) {
        byte[] secret = new Base32().decode(base32Secret);
        Optional<Long> step = matchingStep(secret, code, Long.MIN_VALUE);
        if (step.isEmpty()) {
            return false;
        }
        jdbc.sql("UPDATE identity_user SET totp_secret = ?, totp_enabled_at = ?, totp_last_step = ? WHERE id = ?")
                .params(encrypt(userId, secret), OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC), step.get(), userId)
                .update();
        return true;
    }

    @Transactional
    void disable(String userId) {
        jdbc.sql("UPDATE identity_user SET totp_secret = NULL, totp_enabled_at = NULL, totp_last_step = NULL WHERE id = ?")
                .param(userId).update();
    }

    /** Checks a code for a user with the factor on; a code (or an older one) can never be used twice. */
    @Transactional
    boolean verify(String userId, String code) {
        var row = jdbc.sql("SELECT totp_secret, totp_last_step FROM identity_user WHERE id = ? AND totp_enabled_at IS NOT NULL FOR UPDATE")
                .param(userId).query((rs, n) -> new Object[] {rs.getBytes(1), rs.getLong(2)}).optional();
        if (row.isEmpty()) {
            return false;
        }
        byte[] secret = decrypt(userId, (byte[]) row.get()[0]);
        Optional<Long> step = matchingStep(secret, code, (Long) row.get()[1]);
        step.ifPresent(s -> jdbc.sql("UPDATE identity_user SET totp_last_step = ? WHERE id = ?").params(s, userId).update());
        return step.isPresent();
    }

    /** The code an app shows for a secret at an instant; used by tests acting as the user's phone. */
    String codeAt(String base32Secret, Instant at) {
        try {
            return generator.generateOneTimePasswordString(new SecretKeySpec(new Base32().decode(base32Secret), "HmacSHA1"), at);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    private Optional<Long> matchingStep(byte[] secret, String code, long lastUsedStep) {
        if (code == null || !code.trim().matches("[0-9]{6}")) {
            return Optional.empty();
        }
        long stepSeconds = generator.getTimeStep().toSeconds();
        long current = clock.instant().getEpochSecond() / stepSeconds;
        SecretKeySpec key = new SecretKeySpec(secret, "HmacSHA1");
        for (long step = current - DRIFT_STEPS_MAX; step <= current + DRIFT_STEPS_MAX; step++) {
            try {
                String expected = generator.generateOneTimePasswordString(key, Instant.ofEpochSecond(step * stepSeconds));
                if (step > lastUsedStep && java.security.MessageDigest.isEqual(
                        expected.getBytes(StandardCharsets.US_ASCII), code.trim().getBytes(StandardCharsets.US_ASCII))) {
                    return Optional.of(step);
                }
            } catch (InvalidKeyException e) {
                throw new IllegalStateException(e);
            }
        }
        return Optional.empty();
    }

    private byte[] encrypt(String userId, byte[] secret) {
        try {
            return keys.aead(KeyPurpose.TOTP_SECRETS).encrypt(secret, userId.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a TOTP secret", e);
        }
    }

    private byte[] decrypt(String userId, byte[] ciphertext) {
        try {
            return keys.aead(KeyPurpose.TOTP_SECRETS).decrypt(ciphertext, userId.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot decrypt a TOTP secret", e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String qr(String content) {
        try {
            BitMatrix matrix = new QRCodeWriter().encode(content, BarcodeFormat.QR_CODE, QR_SIZE_PIXELS, QR_SIZE_PIXELS);
            BufferedImage image = new BufferedImage(matrix.getWidth(), matrix.getHeight(), BufferedImage.TYPE_BYTE_BINARY);
            for (int x = 0; x < matrix.getWidth(); x++) {
                for (int y = 0; y < matrix.getHeight(); y++) {
                    image.setRGB(x, y, matrix.get(x, y) ? 0x000000 : 0xFFFFFF);
                }
            }
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(image, "png", png);
            return "data:image/png;base64," + Base64.getEncoder().encodeToString(png.toByteArray());
        } catch (WriterException e) {
            throw new IllegalStateException("cannot draw the QR code", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
