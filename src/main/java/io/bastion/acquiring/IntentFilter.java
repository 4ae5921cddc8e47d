package io.bastion.acquiring;

import java.time.Instant;

/** Filters of the intent list; null fields do not filter. {@code startingAfter} is the cursor (an intent id). */
public record IntentFilter(PaymentStatus status, Instant createdFrom, Instant createdBefore, String startingAfter,
                           int limit) {

    /** At most this many intents per page. */
    public static final int PAGE_MAX = 100;
}
