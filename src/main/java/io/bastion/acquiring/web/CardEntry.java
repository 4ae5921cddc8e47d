package io.bastion.acquiring.web;

import io.bastion.vault.CardNumber;
import io.bastion.vault.Expiry;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks what a customer typed on the hosted payment page, field by field, and says what is wrong in words
 * a customer understands. Messages name the rule, never the value: the value may be a real card number.
 */
final class CardEntry {

    private static final Pattern EXPIRY = Pattern.compile("\\s*(\\d{1,2})\\s*/\\s*(\\d{2}|\\d{4})\\s*");
    private static final Pattern CVC = Pattern.compile("\\s*\\d{3,4}\\s*");
    private static final int CENTURY = 2000;

    private CardEntry() {
    }

    /** Field name to message, in form order; empty when every field is acceptable. */
    static Map<String, String> check(String number, String expiry, String cvc, String name, Clock clock) {
        Map<String, String> errors = new LinkedHashMap<>();
        CardNumber.check(number).ifPresent(rejection -> errors.put("number", switch (rejection) {
            case MUST_BE_13_TO_19_DIGITS -> "Enter the 13 to 19 digits of your card number.";
            case MUST_PASS_LUHN_CHECK -> "This card number is not valid. Check it for typing mistakes.";
            case MUST_BE_OF_KNOWN_BRAND -> "We cannot take cards of this brand.";
        }));
        Matcher m = EXPIRY.matcher(expiry);
        if (!m.matches() || Integer.parseInt(m.group(1)) < 1 || Integer.parseInt(m.group(1)) > 12) {
            errors.put("expiry", "Enter the expiry date as MM/YY.");
        } else if (YearMonth.of(year(m.group(2)), Integer.parseInt(m.group(1)))
                .isBefore(YearMonth.now(clock.withZone(ZoneOffset.UTC)))) {
            errors.put("expiry", "This card has expired.");
        }
        if (!CVC.matcher(cvc).matches()) {
            errors.put("cvc", "Enter the 3 or 4 digit security code from the back of your card.");
        }
        String holder = name.strip();
        if (holder.isEmpty() || holder.length() > CheckoutController.NAME_LENGTH_MAX || holder.chars().anyMatch(Character::isISOControl)) {
            errors.put("name", "Enter the name on the card (at most " + CheckoutController.NAME_LENGTH_MAX + " characters).");
        }
        return errors;
    }

    /** The expiry of a form that passed {@link #check}. */
    static Expiry expiry(String text) {
        Matcher m = EXPIRY.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("expiry must be MM/YY");
        }
        return new Expiry(Integer.parseInt(m.group(1)), year(m.group(2)));
    }

    private static int year(String digits) {
        int year = Integer.parseInt(digits);
        return digits.length() == 2 ? CENTURY + year : year;
    }
}
