package io.bastion.shared;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Moments as people read them on pages, {@code 2026-11-21 20:50 UTC}, and as a {@code <time datetime>} attribute
 * wants them. One implementation for every page that shows a moment; a day without a time of day (a business
 * date) reads {@code 2026-11-21}.
 */
public final class TimeText {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private TimeText() {
    }

    /** The moment to the minute in UTC; empty for none. */
    public static String minute(Instant at) {
        return at == null ? "" : MINUTE.format(at);
    }

    /** The moment as an ISO 8601 instant to the second; empty for none. */
    public static String iso(Instant at) {
        return at == null ? "" : DateTimeFormatter.ISO_INSTANT.format(at.truncatedTo(ChronoUnit.SECONDS));
    }

    /**
     * The day as ISO 8601 {@code yyyy-MM-dd}, which both people and a {@code <time datetime>} attribute read;
     * empty for none. A day has no time of day, so none is made up.
     */
    public static String day(LocalDate day) {
        return day == null ? "" : DateTimeFormatter.ISO_LOCAL_DATE.format(day);
    }
}
