package io.bastion.identity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The password rules of NIST SP 800-63B: a length range, no composition rules, and refusal of common
 * passwords (the 100,000 of the list nbvcxz ships) and of passwords built on the user's own details.
 */
@Component
public class PasswordPolicy {

    public static final int LENGTH_MIN = 12;
    public static final int STAFF_LENGTH_MIN = 15;
    public static final int LENGTH_MAX = 128;
    static final int COMMON_PASSWORDS_MAX = 100_000;
    static final int EMAIL_NAME_LENGTH_MIN = 3;
    private static final String COMMON_PASSWORDS = "/dictionaries/passwords.txt";

    private final Set<String> common;

    PasswordPolicy() {
        this.common = load();
    }

    /** The rule a password breaks, if any; the wording is shown to the user as it is. */
    public Optional<Violation> check(String password, boolean staff, String email, String phone) {
        int length = password == null ? 0 : password.codePointCount(0, password.length());
        int min = staff ? STAFF_LENGTH_MIN : LENGTH_MIN;
        if (length < min) {
            return Optional.of(new Violation("too-short", "Use at least " + min + " characters."));
        }
        if (length > LENGTH_MAX) {
            return Optional.of(new Violation("too-long", "Use at most " + LENGTH_MAX + " characters."));
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (common.contains(lower)) {
            return Optional.of(new Violation("common", "This password is among the most common passwords; choose another."));
        }
        if (lower.contains("bastion")) {
            return Optional.of(new Violation("contains-bastion", "Do not use the word Bastion in your password."));
        }
        String emailName = email == null ? "" : email.toLowerCase(Locale.ROOT).split("@", 2)[0];
        if (emailName.length() >= EMAIL_NAME_LENGTH_MIN && lower.contains(emailName)) {
            return Optional.of(new Violation("contains-email", "Do not use your e-mail name in your password."));
        }
        String digits = phone == null ? "" : phone.replaceAll("[^0-9]", "");
        if (digits.length() >= 6 && password.replaceAll("[^0-9]", "").contains(digits.substring(Math.max(0, digits.length() - 9)))) {
            return Optional.of(new Violation("contains-phone", "Do not use your phone number in your password."));
        }
        return Optional.empty();
    }

    /** A broken rule: a stable code and a sentence for the user. */
    public record Violation(String rule, String message) {
    }

    private static Set<String> load() {
        Set<String> words = new HashSet<>(COMMON_PASSWORDS_MAX * 2);
        try (InputStream in = PasswordPolicy.class.getResourceAsStream(COMMON_PASSWORDS)) {
            if (in == null) {
                throw new IllegalStateException("nbvcxz's password list is missing from the class path");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null && words.size() < COMMON_PASSWORDS_MAX) {
                if (!line.isBlank()) {
                    words.add(line.trim().toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(words);
    }
}
