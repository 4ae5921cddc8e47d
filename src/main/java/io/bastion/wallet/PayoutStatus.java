package io.bastion.wallet;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * Where a payout stands: held in the wallet, exported in a pain.001 file, then posted when the bank's
 * statement shows it left, or returned when the bank sent it back. The transition table is the only
 * place that says which moves are allowed; a payout may be confirmed or returned before its export is
 * recorded (the bank is the authority on what happened).
 */
enum PayoutStatus {
    HELD, EXPORTED, POSTED, RETURNED;

    boolean canMoveTo(PayoutStatus next) {
        return switch (this) {
            case HELD -> next == EXPORTED || next == POSTED || next == RETURNED;
            case EXPORTED -> next == POSTED || next == RETURNED;
            case POSTED, RETURNED -> false;
        };
    }

    /** The statuses from which a payout may move to {@code next}, as stored in the database. */
    static String[] sourcesOf(PayoutStatus next) {
        return Arrays.stream(values()).filter(s -> s.canMoveTo(next)).map(PayoutStatus::stored).toArray(String[]::new);
    }

    String stored() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Set<PayoutStatus> open() {
        return Set.of(HELD, EXPORTED);
    }
}
