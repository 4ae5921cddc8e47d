package io.bastion.web;

import io.bastion.shared.TimeText;
import java.time.Instant;
import java.time.LocalDate;
import org.springframework.stereotype.Component;

/**
 * {@link TimeText} for templates, which reach beans but not static methods: {@code ${@pageTimes.text(x)}} for
 * people, {@code ${@pageTimes.iso(x)}} for the {@code datetime} attribute of a {@code <time>} element. Pages do not
 * call it themselves: they include the layout's {@code moment(at)} fragment, the one {@code <time>} element. Both take
 * an {@link Instant} (a moment) or a {@link LocalDate} (a day, such as a business date); every overload answers
 * an empty string for null, whichever one a template's expression resolves to.
 */
@Component("pageTimes")
public final class PageTimes {

    /** The moment to the minute in UTC, {@code 2026-11-21 20:50 UTC}; empty for none. */
    public String text(Instant at) {
        return TimeText.minute(at);
    }

    /** The moment as an ISO 8601 instant to the second, for a {@code datetime} attribute; empty for none. */
    public String iso(Instant at) {
        return TimeText.iso(at);
    }

    /** The day as {@code 2026-11-21}, without a time of day; empty for none. */
    public String text(LocalDate day) {
        return TimeText.day(day);
    }

    /** The day as ISO 8601 {@code 2026-11-21}, for a {@code datetime} attribute; empty for none. */
    public String iso(LocalDate day) {
        return TimeText.day(day);
    }
}
