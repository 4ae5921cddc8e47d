package io.bastion.wallet;

import io.bastion.shared.MoneyText;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Converts between decimal amount text (as in ISO 20022 files) and minor units, exactly, with text only. */
public final class MinorUnits {

    private static final Pattern DECIMAL = Pattern.compile("([0-9]{1,15})(?:\\.([0-9]{1,5}))?");

    private MinorUnits() {
    }

    public static int digits(String currency) {
        return MoneyText.digits(currency);
    }

    /** "1234.5" EUR -> 123450; empty when the text is not a plain non-negative decimal or has too many decimals. */
    public static OptionalLong parse(String text, String currency) {
        Matcher m = text == null ? null : DECIMAL.matcher(text);
        if (m == null || !m.matches()) {
            return OptionalLong.empty();
        }
        int digits = digits(currency);
        String fraction = m.group(2) == null ? "" : m.group(2).replaceFirst("0+$", "");
        if (fraction.length() > digits) {
            return OptionalLong.empty();
        }
        String padded = fraction + "0".repeat(digits - fraction.length());
        return OptionalLong.of(Long.parseLong(m.group(1) + padded));
    }

    /** 123450 EUR -> "1234.50". */
    public static String format(long minor, String currency) {
        return MoneyText.plain(minor, currency);
    }
}
