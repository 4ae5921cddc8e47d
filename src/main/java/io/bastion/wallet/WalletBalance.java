package io.bastion.wallet;

/** A wallet with its posted balance and the part of it held for payouts still on their way. */
public record WalletBalance(Wallet wallet, long balanceMinor, long heldMinor) {

    /** What the customer can spend now. */
    public long availableMinor() {
        return balanceMinor - heldMinor;
    }
}
