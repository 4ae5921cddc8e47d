package io.bastion.vault;

import java.util.Objects;
import java.util.Optional;

/**
 * A full card number (PAN): 13 to 19 digits, Luhn-valid, of a known brand. Its {@code toString()} shows
 * at most the first six and last four digits, so it can never leak whole through a log or a message.
 */
public final class CardNumber {

    static final int DIGITS_MIN = 13;
    static final int DIGITS_MAX = 19;
    static final int INPUT_LENGTH_MAX = 32;

    private final String digits;
    private final CardBrand brand;

    private CardNumber(String digits, CardBrand brand) {
        this.digits = digits;
        this.brand = brand;
    }

    /** Why a card number was refused. */
    public enum Rejection {
        MUST_BE_13_TO_19_DIGITS, MUST_PASS_LUHN_CHECK, MUST_BE_OF_KNOWN_BRAND
    }

    /** Parses a card number, allowing spaces and dashes between digits; throws when it is not valid. */
    public static CardNumber of(String input) {
        Objects.requireNonNull(input, "input");
        String digits = digitsOf(input);
        Rejection rejection = rejection(digits);
        if (rejection != null) {
            // The message names the rule only: the input may be a real card number.
            throw new IllegalArgumentException("card number refused: " + rejection);
        }
        return new CardNumber(digits, CardBrand.of(digits));
    }

    /** Why the input is not a valid card number, or empty when it is one. */
    public static Optional<Rejection> check(String input) {
        Objects.requireNonNull(input, "input");
        return Optional.ofNullable(rejection(digitsOf(input)));
    }

    /** True when the digits pass the Luhn (mod 10) check. */
    public static boolean luhnValid(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }

    private static String digitsOf(String input) {
        if (input.length() > INPUT_LENGTH_MAX) {
            return "";
        }
        StringBuilder digits = new StringBuilder(DIGITS_MAX);
        for (int i = 0; i < input.length(); i++) {
            char c = input.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if (c != ' ' && c != '-') {
                return "";
            }
        }
        return digits.toString();
    }

    private static Rejection rejection(String digits) {
        if (digits.length() < DIGITS_MIN || digits.length() > DIGITS_MAX) {
            return Rejection.MUST_BE_13_TO_19_DIGITS;
        }
        if (!luhnValid(digits)) {
            return Rejection.MUST_PASS_LUHN_CHECK;
        }
        return CardBrand.of(digits) == null ? Rejection.MUST_BE_OF_KNOWN_BRAND : null;
    }

    /** The full digits; only the vault and the cardholder's own view should ever need them. */
    public String digits() {
        return digits;
    }

    public CardBrand brand() {
        return brand;
    }

    /** The first six digits (the BIN). */
    public String first6() {
        return digits.substring(0, 6);
    }

    public String last4() {
        return digits.substring(digits.length() - 4);
    }

    /** The masked form, first six and last four digits: {@code 424242******4242}. */
    public String masked() {
        return first6() + "*".repeat(digits.length() - 10) + last4();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CardNumber that && java.security.MessageDigest.isEqual(
                digits.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                that.digits.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Override
    public int hashCode() {
        return Objects.hash(brand, digits.length());
    }

    @Override
    public String toString() {
        return masked();
    }
}
