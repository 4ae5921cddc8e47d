package io.bastion.acquiring;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Settles payments whose network outcome is unknown (a timeout, an exception, or a crash between the
 * request and the answer): asks the connector for the authorization's status and applies the answer.
 * Still unknown stays processing for the next run; nothing is approved without the network saying so.
 */
@Component
final class UnknownOutcomes {

    /** An intent is left alone this long after its last change, so a confirm still waiting is not raced. */
    static final Duration QUIET_MIN = Duration.ofSeconds(30);
    static final int INTENTS_PER_RUN_MAX = 100;

    private final IntentStore store;
    private final CardRouting routing;
    private final PaymentIntents intents;
    private final Clock clock;

    UnknownOutcomes(IntentStore store, CardRouting routing, PaymentIntents intents, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.routing = Objects.requireNonNull(routing, "routing");
        this.intents = Objects.requireNonNull(intents, "intents");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** One run of the job; answers how many intents it settled. */
    int resolve() {
        return resolveChangedBefore(clock.instant().minus(QUIET_MIN));
    }

    int resolveChangedBefore(Instant before) {
        int settled = 0;
        for (String id : store.unknownSince(before, INTENTS_PER_RUN_MAX)) {
            PaymentIntent intent = store.byId(id).orElseThrow();
            Optional<CardNetworkConnector> connector = store.connector(id).flatMap(routing::byName);
            if (connector.isEmpty()) {
                continue;
            }
            NetworkResult result;
            try {
                result = connector.get().status(id);
            } catch (RuntimeException e) {
                result = new NetworkResult.Unknown(e.getClass().getSimpleName());
            }
            settled += intents.settle(intent, result).outcomeUnknown() ? 0 : 1;
        }
        return settled;
    }
}
