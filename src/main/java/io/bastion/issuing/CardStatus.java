package io.bastion.issuing;

import java.util.Map;
import java.util.Set;

/**
 * A card's status as data: an active card may be frozen (and unfrozen) instantly, and either may be closed;
 * a closed card never comes back (replacing a card closes it and issues a new one).
 */
public enum CardStatus {
    ACTIVE, FROZEN, CLOSED;

    private static final Map<CardStatus, Set<CardStatus>> ALLOWED = Map.of(
            ACTIVE, Set.of(FROZEN, CLOSED),
            FROZEN, Set.of(ACTIVE, CLOSED),
            CLOSED, Set.of());

    /** True when a card in this status may move to the next one. */
    public boolean mayBecome(CardStatus next) {
        return ALLOWED.get(this).contains(next);
    }
}
