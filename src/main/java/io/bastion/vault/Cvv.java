package io.bastion.vault;

import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A card verification value (CVV2/CVC2/CID). It lives in memory for the one authorization it was entered for
 * and can be wiped after; the only place it is ever written is the vault's short pre-authorization hold
 * ({@link Vault#holdCvv}), encrypted and deleted when taken or expired. {@code toString()} masks it.
 */
public final class Cvv {

    private static final Pattern DIGITS = Pattern.compile("\\d{3,4}");

    private final char[] digits;

    private Cvv(char[] digits) {
        this.digits = digits;
    }

    /** Three or four digits. */
    public static Cvv of(String input) {
        Objects.requireNonNull(input, "input");
        if (!DIGITS.matcher(input).matches()) {
            throw new IllegalArgumentException("CVV must be 3 or 4 digits");
        }
        return new Cvv(input.toCharArray());
    }

    /** The digits, for comparison with the value the issuer computes; empty once wiped. */
    public String digits() {
        return new String(digits);
    }

    /** Constant-time comparison with an expected value. */
    public boolean matches(String expected) {
        Objects.requireNonNull(expected, "expected");
        return java.security.MessageDigest.isEqual(new String(digits).getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                expected.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    /** Overwrites the digits; the value is unusable afterwards. */
    public void wipe() {
        Arrays.fill(digits, '\0');
    }

    @Override
    public String toString() {
        return "***";
    }
}
