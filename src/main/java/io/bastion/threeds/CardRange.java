package io.bastion.threeds;

import java.util.Objects;

/** A range of eight-digit BINs served by one ACS. */
record CardRange(String low, String high, String acsName) {

    CardRange {
        Objects.requireNonNull(acsName, "acsName");
        if (!low.matches("[0-9]{8}") || !high.matches("[0-9]{8}") || low.compareTo(high) > 0) {
            throw new IllegalArgumentException("card range must be two eight-digit BINs, low first");
        }
    }

    /** Parses {@code 40000000-40000099}. */
    static CardRange parse(String range, String acsName) {
        String[] bounds = range.trim().split("-", 2);
        return new CardRange(bounds[0], bounds.length > 1 ? bounds[1] : bounds[0], acsName);
    }

    /** Whether a BIN of six to eight digits falls in the range, compared on as many digits as it has. */
    boolean contains(String bin) {
        int digits = Math.min(bin.length(), low.length());
        return low.substring(0, digits).compareTo(bin) <= 0 && high.substring(0, digits).compareTo(bin) >= 0;
    }
}
