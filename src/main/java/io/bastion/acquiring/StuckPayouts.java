package io.bastion.acquiring;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Finishes merchant payouts left at "requested": the request was recorded (after the owner confirmed it) but
 * the process stopped, or the ledger failed, before the money moved. Each is carried out as the request does it
 * ({@link PaymentIntents#carryOut}); the ledger transfer has the payout's id, so a payout whose money did move
 * before the stop moves nothing more and only its status catches up.
 */
@Component
final class StuckPayouts {

    private static final Logger LOG = LoggerFactory.getLogger(StuckPayouts.class);

    /** A payout is left alone this long after it was recorded, so a request still being carried out is not raced. */
    static final Duration QUIET_MIN = Duration.ofMinutes(1);
    static final int PAYOUTS_PER_RUN_MAX = 100;

    private final IntentStore store;
    private final PaymentIntents intents;
    private final Clock clock;

    StuckPayouts(IntentStore store, PaymentIntents intents, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.intents = Objects.requireNonNull(intents, "intents");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** One run of the job; answers how many payouts left "requested". */
    int finish() {
        return finishRequestedBefore(clock.instant().minus(QUIET_MIN));
    }

    int finishRequestedBefore(Instant before) {
        int finished = 0;
        for (IntentStore.RequestedPayout stuck : store.requestedPayoutsSince(before, PAYOUTS_PER_RUN_MAX)) {
            Optional<PaymentIntents.Payout> now;
            try {
                now = intents.carryOut(stuck.merchantId(), stuck.id());
            } catch (RuntimeException e) {
                LOG.warn("payout {} is still requested: {}", stuck.id(), e.getClass().getSimpleName());
                continue;
            }
            if (now.isPresent() && now.get().status() != PaymentIntents.PayoutStatus.REQUESTED) {
                finished++;
                LOG.info("payout {} finished by the job: {}", stuck.id(), now.get().status().wire());
            } else {
                LOG.warn("payout {} is still requested: the merchant has no balance account in its currency", stuck.id());
            }
        }
        return finished;
    }
}
