package io.bastion.issuing.web;

import io.bastion.shared.MoneyText;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Amounts as people type and read them ("12.50") against minor units, with text only. */
final class Amounts {

    private static final Pattern DECIMAL = Pattern.compile("([0-9]{1,12})(?:[.]([0-9]{1,4}))?");

    private Amounts() {
    }

    static int digits(String currency) {
        return MoneyText.digits(currency);
    }

    static OptionalLong parse(String text, String currency) {
        Matcher m = text == null ? null : DECIMAL.matcher(text.strip());
        if (m == null || !m.matches()) {
            return OptionalLong.empty();
        }
        int digits = digits(currency);
        String fraction = m.group(2) == null ? "" : m.group(2);
        if (fraction.length() > digits) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(m.group(1) + fraction + "0".repeat(digits - fraction.length())));
    }

    static String format(long minor, String currency) {
        return MoneyText.plain(minor, currency);
    }
}
