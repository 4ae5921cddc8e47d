package io.bastion.acquiring;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where a payment intent stands. The transition table below is the only place that says which moves are
 * allowed; every status change in the store is a conditional update from the sources this table names.
 */
public enum PaymentStatus {
    REQUIRES_PAYMENT_METHOD, REQUIRES_ACTION, PROCESSING, REQUIRES_CAPTURE, SUCCEEDED, CANCELED, FAILED;

    private static final Map<PaymentStatus, Set<PaymentStatus>> TRANSITIONS = new EnumMap<>(PaymentStatus.class);

    static {
        TRANSITIONS.put(REQUIRES_PAYMENT_METHOD, EnumSet.of(REQUIRES_ACTION, PROCESSING, CANCELED));
        TRANSITIONS.put(REQUIRES_ACTION, EnumSet.of(PROCESSING, FAILED, CANCELED));
        TRANSITIONS.put(PROCESSING, EnumSet.of(REQUIRES_ACTION, REQUIRES_CAPTURE, SUCCEEDED, FAILED));
        TRANSITIONS.put(REQUIRES_CAPTURE, EnumSet.of(SUCCEEDED, CANCELED));
        TRANSITIONS.put(SUCCEEDED, EnumSet.noneOf(PaymentStatus.class));
        TRANSITIONS.put(CANCELED, EnumSet.noneOf(PaymentStatus.class));
        TRANSITIONS.put(FAILED, EnumSet.noneOf(PaymentStatus.class));
    }

    /** Whether the table allows moving from this status to {@code next}. */
    public boolean canMoveTo(PaymentStatus next) {
        return TRANSITIONS.get(this).contains(next);
    }

    /** The statuses from which an intent may move to {@code next}, as stored in the database. */
    static String[] sourcesOf(PaymentStatus next) {
        return Arrays.stream(values()).filter(s -> s.canMoveTo(next)).map(PaymentStatus::wire).toArray(String[]::new);
    }

    /** The lower-case name used in the API and the database. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status with this lower-case name. */
    public static PaymentStatus ofWire(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }

    /** True once amount, currency and merchant are fixed: any status after the first. */
    public boolean confirmed() {
        return this != REQUIRES_PAYMENT_METHOD;
    }
}
