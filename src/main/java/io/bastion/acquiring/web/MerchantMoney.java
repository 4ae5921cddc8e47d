package io.bastion.acquiring.web;

import io.bastion.shared.MoneyText;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Amounts on the merchant dashboard: minor units to text and a typed amount back, never through floating point. */
final class MerchantMoney {

    /** The largest amount anyone may type, in minor units (as the API's limit). */
    static final long AMOUNT_MAX = PaymentIntentController.AMOUNT_MAX;
    private static final Pattern TYPED = Pattern.compile("^([0-9]{1,12})(?:\\.([0-9]{1,3}))?$");

    private MerchantMoney() {
    }

    static int digits(String currency) {
        try {
            return MoneyText.digits(currency);
        } catch (IllegalArgumentException unknown) {
            return 2;
        }
    }

    private static long unit(int digits) {
        long unit = 1;
        for (int i = 0; i < digits; i++) {
            unit *= 10;
        }
        return unit;
    }

    /** {@code EUR 12.34} for 1234 minor units of EUR. */
    static String format(long minor, String currency) {
        return currency + " " + MoneyText.plain(minor, currency);
    }

    /** The plain number for a form field, e.g. {@code 12.34}. */
    static String plain(long minor, String currency) {
        return format(minor, currency).substring(currency.length() + 1);
    }

    /** A typed amount such as {@code 12.3} in minor units; empty when it is not a positive amount of the currency. */
    static OptionalLong parse(String text, String currency) {
        Matcher m = TYPED.matcher(text == null ? "" : text.strip());
        int digits = digits(currency);
        if (!m.matches() || (m.group(2) != null && m.group(2).length() > digits)) {
            return OptionalLong.empty();
        }
        String fraction = m.group(2) == null ? "" : m.group(2);
        long minor = Long.parseLong(m.group(1)) * unit(digits)
                + (fraction.isEmpty() ? 0 : Long.parseLong(fraction) * unit(digits - fraction.length()));
        return minor > 0 && minor <= AMOUNT_MAX ? OptionalLong.of(minor) : OptionalLong.empty();
    }
}
