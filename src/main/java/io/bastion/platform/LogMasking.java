package io.bastion.platform;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The last line of defence against secrets in logs: replaces card-number-like digit runs that pass the
 * Luhn check, strings shaped like Bastion's keys and bearer tokens, and registered secret values.
 */
public final class LogMasking {

    static final int KNOWN_SECRETS_MAX = 64;
    static final int KNOWN_SECRET_LENGTH_MIN = 8;

    private static final Pattern DIGIT_RUN = Pattern.compile("(?<![0-9])[0-9](?:[ -]?[0-9]){12,18}(?![0-9])");
    private static final List<Pattern> SECRET_PATTERNS = List.of(
            Pattern.compile("\\b(?:sk|rk|op)_(?:live|test)_[A-Za-z0-9_-]{8,}"),
            Pattern.compile("\\bwhsec_[A-Za-z0-9+/=_-]{8,}"),
            Pattern.compile("(?i)\\bbearer\\s+[A-Za-z0-9._~+/=-]{8,}"),
            Pattern.compile("(?i)\\b(password|passwd|secret|cvv2?|cvc2?|otp|api[_-]?key)(\"?\\s*[:=]\\s*\"?)[^\\s\",&}]+"));
    private static final Set<String> KNOWN_SECRETS = new CopyOnWriteArraySet<>();

    private LogMasking() {
    }

    /** Registers a secret (such as a configured bootstrap key) that must never appear in a log line. */
    public static void registerSecret(String secret) {
        if (secret != null && secret.length() >= KNOWN_SECRET_LENGTH_MIN && KNOWN_SECRETS.size() < KNOWN_SECRETS_MAX) {
            KNOWN_SECRETS.add(secret);
        }
    }

    /** Returns the text with every card number and secret replaced by a marker. */
    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = maskCardNumbers(text);
        for (Pattern pattern : SECRET_PATTERNS) {
            masked = pattern.matcher(masked).replaceAll(m -> m.groupCount() >= 2
                    ? Matcher.quoteReplacement(m.group(1) + m.group(2) + "[MASKED]") : "[MASKED]");
        }
        for (String secret : KNOWN_SECRETS) {
            masked = masked.replace(secret, "[MASKED]");
        }
        return masked;
    }

    private static String maskCardNumbers(String text) {
        Matcher matcher = DIGIT_RUN.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (matcher.find()) {
            String digits = matcher.group().replaceAll("[ -]", "");
            matcher.appendReplacement(out, luhnValid(digits) ? "[PAN]" : Matcher.quoteReplacement(matcher.group()));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** The Luhn (mod 10) check used by card numbers. */
    public static boolean luhnValid(String digits) {
        int sum = 0;
        boolean doubled = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return false;
            }
            if (doubled) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubled = !doubled;
        }
        return !digits.isEmpty() && sum % 10 == 0;
    }
}
