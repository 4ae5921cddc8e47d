package io.bastion.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Moments as pages show them to people, {@code 21 Nov 2026, 20:50 UTC}, instead of an ISO instant with its
 * microseconds. Templates call it as {@code ${@pageTimes.text(x)}}; the machine-readable form stays in the
 * {@code datetime} attribute of a {@code <time>} element ({@link #iso}).
 */
@Component("pageTimes")
public final class PageTimes {

    private static final DateTimeFormatter TEXT = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    /** The moment to the minute in UTC, or an empty string for none. */
    public String text(Instant at) {
        return at == null ? "" : TEXT.format(at);
    }

    /** The moment as an ISO 8601 instant to the second, for a {@code datetime} attribute; empty for none. */
    public String iso(Instant at) {
        return at == null ? "" : DateTimeFormatter.ISO_INSTANT.format(at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }
}
