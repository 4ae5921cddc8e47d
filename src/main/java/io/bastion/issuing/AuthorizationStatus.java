package io.bastion.issuing;

import java.util.Map;
import java.util.Set;

/**
 * An authorization's status as data: a pending one (its id claimed, checks running) is approved or declined;
 * an approved hold is captured, reversed, or expires (the ledger voids it at its timeout); the rest are final.
 */
public enum AuthorizationStatus {
    PENDING, APPROVED, DECLINED, CAPTURED, REVERSED, EXPIRED;

    private static final Map<AuthorizationStatus, Set<AuthorizationStatus>> ALLOWED = Map.of(
            PENDING, Set.of(APPROVED, DECLINED),
            APPROVED, Set.of(CAPTURED, REVERSED, EXPIRED),
            DECLINED, Set.of(),
            CAPTURED, Set.of(),
            REVERSED, Set.of(),
            EXPIRED, Set.of());

    /** True when an authorization in this status may move to the next one. */
    public boolean mayBecome(AuthorizationStatus next) {
        return ALLOWED.get(this).contains(next);
    }
}
