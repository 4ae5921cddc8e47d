package io.bastion.web;

import io.bastion.shared.TimeText;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * {@link TimeText} for templates, which reach beans but not static methods: {@code ${@pageTimes.text(x)}} for
 * people, {@code ${@pageTimes.iso(x)}} for the {@code datetime} attribute of a {@code <time>} element.
 */
@Component("pageTimes")
public final class PageTimes {

    public String text(Instant at) {
        return TimeText.minute(at);
    }

    public String iso(Instant at) {
        return TimeText.iso(at);
    }
}
