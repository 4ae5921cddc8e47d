package io.bastion.acquiring;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signatures: {@code v1,<base64(HMAC-SHA256(secret, id + "." + timestamp + "." + body))>},
 * where the secret is the bytes after the {@code whsec_} prefix, base64-decoded.
 */
public final class WebhookSignature {

    /** The prefix of every webhook secret. */
    public static final String SECRET_PREFIX = "whsec_";

    private WebhookSignature() {
    }

    /** The secret's key bytes: base64 after the prefix. */
    static byte[] keyOf(String secret) {
        if (!secret.startsWith(SECRET_PREFIX)) {
            throw new IllegalArgumentException("a webhook secret starts with " + SECRET_PREFIX);
        }
        return Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
    }

    /** One signature, {@code v1,<base64>}, of a message with a secret. */
    public static String sign(String secret, String messageId, long timestampSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(keyOf(secret), "HmacSHA256"));
            byte[] digest = mac.doFinal((messageId + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }
}
