package io.bastion.wallet;

/**
 * What a wallet-to-wallet transfer costs: a fixed part plus basis points (1/10,000) of the amount, in
 * integer minor units. The proportional part is rounded half up (0.5 minor unit and more rounds up), so
 * the fee is {@code fixed + floor((amount * bps + 5000) / 10000)}, computed without overflow.
 */
public record FeeSchedule(long fixedMinor, int basisPoints) {

    /** Basis points are at most 10,000 (100 %). */
    public static final int BASIS_POINTS_MAX = 10_000;
    private static final long HALF_BASIS = 5_000;

    public FeeSchedule {
        if (fixedMinor < 0) {
            throw new IllegalArgumentException("the fixed fee must not be negative");
        }
        if (basisPoints < 0 || basisPoints > BASIS_POINTS_MAX) {
            throw new IllegalArgumentException("basis points must be 0 to " + BASIS_POINTS_MAX);
        }
    }

    /** The fee for a positive amount in minor units. */
    public long feeFor(long amountMinor) {
        if (amountMinor <= 0) {
            throw new IllegalArgumentException("amount must be positive");
        }
        // amount * bps may overflow a long for huge amounts: split the amount into whole 10,000s and the rest.
        long whole = amountMinor / BASIS_POINTS_MAX;
        long rest = amountMinor % BASIS_POINTS_MAX;
        long proportional = Math.addExact(Math.multiplyExact(whole, basisPoints), (rest * basisPoints + HALF_BASIS) / BASIS_POINTS_MAX);
        return Math.addExact(fixedMinor, proportional);
    }
}
