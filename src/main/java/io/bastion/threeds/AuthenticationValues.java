package io.bastion.threeds;

import io.bastion.shared.DeferredCommit;
import com.google.crypto.tink.prf.PrfSet;
import io.bastion.keys.KeyPurpose;
import io.bastion.keys.Keys;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Objects;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Authentication values: the ACS issues a PRF (ACS key) over card token, amount, currency, merchant and
 * dsTransID; authorization verifies a value once and never again.
 */
@Service
public final class AuthenticationValues {

    /** 20 bytes, the spec's 28 base64 characters. */
    static final int VALUE_BYTES = 20;
    private static final int USED_HASH_BYTES = 32;
    private final Keys keys;
    private final JdbcClient jdbc;
    private final Clock clock;

    /** What authorization learns about a presented value. */
    public enum Verification { VALID, INVALID, ALREADY_USED }

    AuthenticationValues(Keys keys, JdbcClient jdbc, Clock clock) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    String issue(String cardToken, long amount, String currency, String merchantId, String dsTransID) {
        return Base64.getEncoder().encodeToString(mac(cardToken, amount, currency, merchantId, dsTransID));
    }

    /**
     * Checks a value against the payment it is presented with, and marks it used when it is valid. Marking it used
     * is a deferred commit ({@link DeferredCommit}) when no transaction is open: authorization, the one caller,
     * commits synchronously (its closing audit entry, or on-us acquiring's last move) before anyone hears the answer.
     */
    public Verification verify(String cardToken, long amount, String currency, String merchantId, String dsTransID,
            String value) {
        if (cardToken == null || currency == null || merchantId == null || dsTransID == null || value == null) {
            return Verification.INVALID;
        }
        byte[] presented;
        try {
            presented = Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            return Verification.INVALID;
        }
        if (!MessageDigest.isEqual(presented, mac(cardToken, amount, currency, merchantId, dsTransID))) {
            return Verification.INVALID;
        }
        int inserted = jdbc.sql("insert into threeds_used_value (value_hash, used_at)"
                        + " select cast(:hash as bytea), cast(:now as timestamptz) where " + DeferredCommit.CONDITION
                        + " on conflict do nothing")
                .param("hash", prf(KeyPurpose.THREEDS_ACS, "used|" + value, USED_HASH_BYTES))
                .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                .update();
        return inserted == 1 ? Verification.VALID : Verification.ALREADY_USED;
    }

    private byte[] mac(String cardToken, long amount, String currency, String merchantId, String dsTransID) {
        // Length-prefixed fields, so no two different tuples share an input.
        String input = String.join("|", "v1", len(cardToken), len(Long.toString(amount)), len(currency),
                len(merchantId), len(dsTransID));
        return prf(KeyPurpose.THREEDS_ACS, input, VALUE_BYTES);
    }

    private byte[] prf(KeyPurpose purpose, String input, int bytes) {
        PrfSet prf = keys.prf(purpose);
        try {
            return prf.computePrimary(input.getBytes(StandardCharsets.UTF_8), bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("3DS keyed hash failed", e);
        }
    }

    private static String len(String field) {
        return field.length() + ":" + field;
    }
}
