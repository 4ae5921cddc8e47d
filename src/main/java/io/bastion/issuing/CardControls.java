package io.bastion.issuing;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The cardholder's controls: online payments on or off, limits per transaction and per UTC day in minor
 * units of the card's currency, the countries where the card works (ISO 3166 alpha-2; empty means all) and
 * the merchant categories it refuses (4-digit MCCs).
 */
public record CardControls(boolean onlineEnabled, long transactionLimitMinor, long dailyLimitMinor,
                           List<String> allowedCountries, List<String> blockedMccs) {

    public static final long TRANSACTION_LIMIT_DEFAULT_MINOR = 100_000;
    public static final long DAILY_LIMIT_DEFAULT_MINOR = 250_000;
    public static final long LIMIT_MAX_MINOR = 10_000_000;
    public static final int COUNTRIES_MAX = 60;
    public static final int MCCS_MAX = 60;
    static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    static final Pattern MCC = Pattern.compile("[0-9]{4}");
    private static final Set<String> ISO_COUNTRIES = Set.of(Locale.getISOCountries());

    public CardControls {
        allowedCountries = List.copyOf(allowedCountries);
        blockedMccs = List.copyOf(blockedMccs);
    }

    /** What a new card starts with. */
    public static CardControls defaults() {
        return new CardControls(true, TRANSACTION_LIMIT_DEFAULT_MINOR, DAILY_LIMIT_DEFAULT_MINOR, List.of(), List.of());
    }

    /** The first rule these controls break, or null when they are valid. */
    public ControlRejection invalidity() {
        if (transactionLimitMinor <= 0 || transactionLimitMinor > LIMIT_MAX_MINOR) {
            return ControlRejection.TRANSACTION_LIMIT_MUST_BE_IN_RANGE;
        }
        if (dailyLimitMinor <= 0 || dailyLimitMinor > LIMIT_MAX_MINOR) {
            return ControlRejection.DAILY_LIMIT_MUST_BE_IN_RANGE;
        }
        if (allowedCountries.size() > COUNTRIES_MAX
                || !allowedCountries.stream().allMatch(c -> COUNTRY.matcher(c).matches() && ISO_COUNTRIES.contains(c))) {
            return ControlRejection.COUNTRIES_MUST_BE_ISO_3166_ALPHA_2;
        }
        if (blockedMccs.size() > MCCS_MAX || !blockedMccs.stream().allMatch(m -> MCC.matcher(m).matches())) {
            return ControlRejection.MCCS_MUST_BE_FOUR_DIGITS;
        }
        return null;
    }

    boolean allowsCountry(String country) {
        return allowedCountries.isEmpty() || allowedCountries.contains(Objects.requireNonNullElse(country, ""));
    }

    boolean blocksMcc(String mcc) {
        return blockedMccs.contains(mcc);
    }

    /** Why a change of controls was refused. */
    public enum ControlRejection {
        TRANSACTION_LIMIT_MUST_BE_IN_RANGE,
        DAILY_LIMIT_MUST_BE_IN_RANGE,
        COUNTRIES_MUST_BE_ISO_3166_ALPHA_2,
        MCCS_MUST_BE_FOUR_DIGITS
    }
}
