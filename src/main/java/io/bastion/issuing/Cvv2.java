package io.bastion.issuing;

import com.google.crypto.tink.prf.Prf;
import io.bastion.keys.KeyPurpose;
import io.bastion.keys.Keys;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * Derives a card's CVV2 instead of storing it: a keyed PRF (HMAC-SHA256 under the issuer's {@code ISSUING_CVV}
 * keyset) over the card number, the expiry (YYMM) and the CVV2 service code 000, reduced to three decimal
 * digits. The reduction takes 64 bits of PRF output modulo 1000: since 2^64 is not a multiple of 1000, the
 * values 000-615 are more likely than the others by one in about 1.8 * 10^16, far below anything a guesser
 * could use. The key id is the one the card was issued under, so rotating the keyset changes no CVV2.
 */
@Component
final class Cvv2 {

    static final String SERVICE_CODE = "000";
    static final int DIGITS = 3;
    private static final int OUTPUT_BYTES = 8;
    private static final DateTimeFormatter YYMM = DateTimeFormatter.ofPattern("yyMM");

    private final Keys keys;

    Cvv2(Keys keys) {
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    /** The id of the key new cards are issued under. */
    int currentKeyId() {
        return keys.prf(KeyPurpose.ISSUING_CVV).getPrimaryId();
    }

    /** The three CVV2 digits of a card, as characters the caller should wipe after use. */
    char[] compute(CharSequence pan, YearMonth expiry, int keyId) {
        Prf prf;
        try {
            prf = keys.prf(KeyPurpose.ISSUING_CVV).getPrfs().get(keyId);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the issuer keyset is unusable", e);
        }
        if (prf == null) {
            throw new IllegalStateException("the issuer key " + keyId + " is no longer in the keyset");
        }
        byte[] input = (pan + "|" + YYMM.format(expiry) + "|" + SERVICE_CODE).getBytes(StandardCharsets.US_ASCII);
        try {
            long value = ByteBuffer.wrap(prf.compute(input, OUTPUT_BYTES)).getLong();
            String digits = String.format("%03d", Long.remainderUnsigned(value, 1000));
            return digits.toCharArray();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the issuer key cannot derive a CVV2", e);
        } finally {
            java.util.Arrays.fill(input, (byte) 0);
        }
    }

    /** Compares a presented CVV2 with the card's in constant time (for equal lengths). */
    boolean matches(CharSequence pan, YearMonth expiry, int keyId, CharSequence presented) {
        char[] expected = compute(pan, expiry, keyId);
        byte[] a = new String(expected).getBytes(StandardCharsets.US_ASCII);
        byte[] b = presented.toString().getBytes(StandardCharsets.US_ASCII);
        java.util.Arrays.fill(expected, '0');
        return MessageDigest.isEqual(a, b);
    }
}
