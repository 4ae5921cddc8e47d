package io.bastion.threeds;

import java.util.Map;
import java.util.Set;

/** Where an ACS transaction stands; the allowed moves are data, checked on every change. */
public enum ThreeDsStatus {
    /** A challenge was sent and awaits the cardholder. */
    CHALLENGE_PENDING,
    /** Authenticated, frictionless or by challenge (transStatus Y). */
    AUTHENTICATED,
    /** Not authenticated: denied, or the code was wrong too often (transStatus N). */
    FAILED,
    /** The cardholder cancelled the challenge (challengeCancel 01). */
    CANCELED,
    /** The challenge sat idle too long (challengeCancel 04). */
    TIMED_OUT;

    private static final Map<ThreeDsStatus, Set<ThreeDsStatus>> MOVES = Map.of(
            CHALLENGE_PENDING, Set.of(AUTHENTICATED, FAILED, CANCELED, TIMED_OUT),
            AUTHENTICATED, Set.of(),
            FAILED, Set.of(),
            CANCELED, Set.of(),
            TIMED_OUT, Set.of());

    /** Whether a transaction in this status may move to the other. */
    public boolean canMoveTo(ThreeDsStatus next) {
        return MOVES.get(this).contains(next);
    }
}
