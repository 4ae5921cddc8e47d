package io.bastion.issuing;

import java.security.SecureRandom;
import java.util.Objects;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Makes new 16-digit card numbers in the issuer's BIN range ({@code bastion.issuing.bin}, 6 to 8 digits
 * starting with 4, a Visa range): random account digits from a CSPRNG and the Luhn check digit.
 */
@Component
final class CardNumbers {

    static final int LENGTH = 16;
    static final String BIN_DEFAULT = "49999900";
    private static final Pattern BIN = Pattern.compile("4[0-9]{5,7}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String bin;

    CardNumbers(@Value("${bastion.issuing.bin:" + BIN_DEFAULT + "}") String bin) {
        Objects.requireNonNull(bin, "bin");
        if (!BIN.matcher(bin).matches()) {
            throw new IllegalArgumentException("bastion.issuing.bin must be 6 to 8 digits starting with 4");
        }
        this.bin = bin;
    }

    String bin() {
        return bin;
    }

    /** A fresh Luhn-valid number in the range. */
    String next() {
        StringBuilder digits = new StringBuilder(LENGTH).append(bin);
        while (digits.length() < LENGTH - 1) {
            digits.append((char) ('0' + RANDOM.nextInt(10)));
        }
        return digits.append(checkDigit(digits)).toString();
    }

    /** True when the number is in this issuer's range. */
    boolean inRange(CharSequence number) {
        return number.length() == LENGTH && number.toString().startsWith(bin);
    }

    static char checkDigit(CharSequence payload) {
        int sum = 0;
        boolean doubled = true;
        for (int i = payload.length() - 1; i >= 0; i--) {
            int d = payload.charAt(i) - '0';
            if (doubled) {
                d *= 2;
                d = d > 9 ? d - 9 : d;
            }
            sum += d;
            doubled = !doubled;
        }
        return (char) ('0' + (10 - sum % 10) % 10);
    }

    static boolean luhnValid(CharSequence number) {
        return number.length() > 1 && checkDigit(number.subSequence(0, number.length() - 1)) == number.charAt(number.length() - 1);
    }
}
