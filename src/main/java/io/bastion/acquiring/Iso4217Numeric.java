package io.bastion.acquiring;

import java.util.Currency;

/** ISO 4217 numeric codes as 3-D Secure carries them: EUR is "978". */
final class Iso4217Numeric {

    private Iso4217Numeric() {
    }

    /** The three-digit numeric code of an alphabetic currency code; throws for an unknown currency. */
    static String of(String alphabetic) {
        return String.format("%03d", Currency.getInstance(alphabetic).getNumericCode());
    }

    /** The number of minor-unit digits of the currency (2 for EUR, 0 for JPY). */
    static int exponent(String alphabetic) {
        return Math.max(0, Currency.getInstance(alphabetic).getDefaultFractionDigits());
    }
}
