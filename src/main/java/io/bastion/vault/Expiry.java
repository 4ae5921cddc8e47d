package io.bastion.vault;

import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.regex.Pattern;

/** A card's expiry month and year; the card is valid until the end of that month (UTC). */
public record Expiry(int month, int year) {

    private static final Pattern MONTH = Pattern.compile("\\d{1,2}");
    private static final Pattern YEAR = Pattern.compile("\\d{2}|\\d{4}");

    static final int YEAR_MIN = 2000;
    static final int YEAR_MAX = 2099;

    public Expiry {
        if (month < 1 || month > 12) {
            throw new IllegalArgumentException("expiry month must be 1 to 12");
        }
        if (year < YEAR_MIN || year > YEAR_MAX) {
            throw new IllegalArgumentException("expiry year must be " + YEAR_MIN + " to " + YEAR_MAX);
        }
    }

    /** Parses {@code MM/YY} or {@code MM/YYYY}. */
    public static Expiry parse(String text) {
        String[] parts = text.trim().split("/");
        if (parts.length != 2 || !MONTH.matcher(parts[0]).matches() || !YEAR.matcher(parts[1]).matches()) {
            throw new IllegalArgumentException("expiry must be MM/YY");
        }
        int year = Integer.parseInt(parts[1]);
        return new Expiry(Integer.parseInt(parts[0]), year < 100 ? 2000 + year : year);
    }

    /** True once the expiry month has ended. */
    public boolean isExpiredAt(Clock clock) {
        return YearMonth.now(clock.withZone(ZoneOffset.UTC)).isAfter(YearMonth.of(year, month));
    }

    /** {@code MM/YY}. */
    public String text() {
        return "%02d/%02d".formatted(month, year % 100);
    }
}
