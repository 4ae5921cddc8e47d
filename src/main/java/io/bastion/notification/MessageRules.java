package io.bastion.notification;

import java.util.regex.Pattern;

/**
 * The input rules shared by SMS and e-mail messages. Failures name the field and the rule but never
 * echo the value, because a body may hold a one-time code.
 */
final class MessageRules {

    static final int LOCAL_PART_LENGTH_MAX = 64;
    static final int PHONE_DIGITS_SHOWN = 3;
    // A dot-atom local part and a domain of at least two DNS labels: the shape every provider accepts,
    // and by construction free of spaces, quotes and line breaks that could inject SMTP headers.
    private static final Pattern ADDRESS = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
    private static final Pattern CONTROL_BUT_LINE_BREAKS = Pattern.compile("[\\p{Cntrl}&&[^\\r\\n\\t]]");

    private MessageRules() {
    }

    static void requireAddress(String address, int lengthMax) {
        if (address.length() > lengthMax || !ADDRESS.matcher(address).matches()
                || address.indexOf('@') > LOCAL_PART_LENGTH_MAX) {
            throw new IllegalArgumentException("to must be an e-mail address such as name@example.com, at most "
                    + lengthMax + " characters");
        }
    }

    /** A single line: no line breaks or other control characters, which could split a mail header. */
    static void requireLine(String field, String value, int lengthMax) {
        requireText(field, value, lengthMax);
        if (CONTROL.matcher(value).find()) {
            throw new IllegalArgumentException(field + " must be a single line without control characters");
        }
    }

    static void requireText(String field, String value, int lengthMax) {
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        if (value.length() > lengthMax) {
            throw new IllegalArgumentException(field + " must be at most " + lengthMax + " characters");
        }
        if (CONTROL_BUT_LINE_BREAKS.matcher(value).find()) {
            throw new IllegalArgumentException(field + " must not contain control characters other than line breaks");
        }
    }

    static String maskPhone(String phone) {
        int shown = Math.min(PHONE_DIGITS_SHOWN, phone.length() - 1);
        return "+" + "*".repeat(phone.length() - 1 - shown) + phone.substring(phone.length() - shown);
    }

    static String maskAddress(String address) {
        int at = address.lastIndexOf('@');
        return address.charAt(0) + "***" + address.substring(at);
    }
}
