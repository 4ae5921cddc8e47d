package io.bastion.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class FeeScheduleProperties {

    /** The reference: exact integer arithmetic, half up, on unbounded integers. */
    static long reference(long fixed, int bps, long amount) {
        BigInteger scaled = BigInteger.valueOf(amount).multiply(BigInteger.valueOf(bps)).add(BigInteger.valueOf(5_000));
        return scaled.divide(BigInteger.valueOf(10_000)).add(BigInteger.valueOf(fixed)).longValueExact();
    }

    @Property(tries = 2000)
    void theFeeIsTheFixedPartPlusBasisPointsRoundedHalfUp(@ForAll @LongRange(min = 0, max = 1_000_000) long fixed,
            @ForAll @IntRange(min = 0, max = 10_000) int bps, @ForAll @LongRange(min = 1, max = Long.MAX_VALUE / 2) long amount) {
        assertThat(new FeeSchedule(fixed, bps).feeFor(amount)).isEqualTo(reference(fixed, bps, amount));
    }

    @Property(tries = 1000)
    void theFeeNeverExceedsTheFixedPartPlusTheWholeAmount(@ForAll @IntRange(min = 0, max = 10_000) int bps,
            @ForAll @LongRange(min = 1, max = 10_000_000_000L) long amount) {
        long fee = new FeeSchedule(0, bps).feeFor(amount);
        assertThat(fee).isBetween(0L, amount);
    }
}
