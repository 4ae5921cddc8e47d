package io.bastion.ledger;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Voids pending transfers whose timeout has passed, at most {@link #EXPIRY_SWEEP_MAX} per run. Safe on
 * several instances at once: the write path locks the accounts and a pending transfer resolves only once.
 */
@Component
final class ExpirySweep {

    static final int EXPIRY_SWEEP_MAX = 1000;

    private final LedgerStore store;
    private final TransferWriter writer;
    private final Clock clock;

    ExpirySweep(LedgerStore store, TransferWriter writer, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.writer = Objects.requireNonNull(writer, "writer");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Scheduled(fixedDelayString = "${bastion.ledger.expiry-sweep-interval:PT1S}")
    void sweep() {
        if (writer.isRunning()) {
            run();
        }
    }

    /** One bounded pass; answers how many pending transfers it found expired. */
    int run() {
        List<String> expired = store.expired(clock.instant(), EXPIRY_SWEEP_MAX);
        if (!expired.isEmpty()) {
            writer.submit(List.of(), expired, false);
        }
        return expired.size();
    }
}
