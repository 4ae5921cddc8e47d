package io.bastion.ledger;

/** An account's four balances in minor units of its currency. */
public record Balance(long debitsPosted, long creditsPosted, long debitsPending, long creditsPending) {

    public static final Balance ZERO = new Balance(0, 0, 0, 0);

    /** The posted net balance from the credit side: credits posted minus debits posted. */
    public long net() {
        return creditsPosted - debitsPosted;
    }
}
