package io.bastion.wallet;

/**
 * The limits of a verification level, per wallet in the wallet's minor units: the most a wallet may hold,
 * and the most it may send out (transfers with their fees, and payouts) in one calendar month (UTC).
 */
public record LimitLevel(String name, long balanceCapMinor, long monthlyOutgoingMaxMinor) {

    public LimitLevel {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a level needs a name");
        }
        if (balanceCapMinor <= 0 || monthlyOutgoingMaxMinor <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }
}
