package io.bastion.shared;

import java.util.Currency;

/**
 * Currency codes and minor units as people and 3-D Secure read them, with text only and never through floating point: 123450 EUR is
 * "1234.50", 5 EUR is "0.05", -5 EUR is "-0.05", 1234 JPY is "1234". One implementation for every page,
 * file and message that shows an amount.
 */
public final class MoneyText {

    private MoneyText() {
    }

    /** The currency's minor-unit digits (2 for EUR, 0 for JPY); throws for an unknown ISO 4217 code. */
    public static int digits(String currency) {
        return Math.max(Currency.getInstance(currency).getDefaultFractionDigits(), 0);
    }

    /** The plain decimal text of an amount in minor units of the currency. */
    public static String plain(long minor, String currency) {
        int digits = digits(currency);
        String sign = minor < 0 ? "-" : "";
        // Long.MIN_VALUE has no positive twin; its digits are taken from the text instead.
        String abs = minor == Long.MIN_VALUE ? Long.toString(minor).substring(1) : Long.toString(Math.abs(minor));
        if (digits == 0) {
            return sign + abs;
        }
        String padded = "0".repeat(Math.max(0, digits + 1 - abs.length())) + abs;
        return sign + padded.substring(0, padded.length() - digits) + "." + padded.substring(padded.length() - digits);
    }

    /** The ISO 4217 numeric code as 3-D Secure carries it: "978" for EUR; throws for an unknown code. */
    public static String numericCode(String currency) {
        return Currency.getInstance(currency).getNumericCodeAsString();
    }

    /** The alphabetic code of a numeric ISO 4217 code ("978" is EUR), if the JDK knows it. */
    public static java.util.Optional<String> currencyOfNumeric(String numeric) {
        return Currency.getAvailableCurrencies().stream().filter(c -> c.getNumericCodeAsString().equals(numeric))
                .map(Currency::getCurrencyCode).findFirst();
    }

    /** The amount followed by its currency code: "12.50 EUR". */
    public static String withCode(long minor, String currency) {
        return plain(minor, currency) + " " + currency;
    }
}
