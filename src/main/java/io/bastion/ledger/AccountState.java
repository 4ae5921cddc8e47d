package io.bastion.ledger;

/** An account locked for one batch, whose balances the batch changes in memory before writing them once. */
final class AccountState {

    final String id;
    final String currency;
    final int code;
    final boolean debitsMustNotExceedCredits;
    final boolean creditsMustNotExceedDebits;
    long debitsPosted;
    long creditsPosted;
    long debitsPending;
    long creditsPending;
    boolean changed;

    AccountState(String id, String currency, int code, boolean debitsMustNotExceedCredits, boolean creditsMustNotExceedDebits,
                 Balance balance) {
        this.id = id;
        this.currency = currency;
        this.code = code;
        this.debitsMustNotExceedCredits = debitsMustNotExceedCredits;
        this.creditsMustNotExceedDebits = creditsMustNotExceedDebits;
        restore(balance);
    }

    Balance balance() {
        return new Balance(debitsPosted, creditsPosted, debitsPending, creditsPending);
    }

    void restore(Balance balance) {
        debitsPosted = balance.debitsPosted();
        creditsPosted = balance.creditsPosted();
        debitsPending = balance.debitsPending();
        creditsPending = balance.creditsPending();
    }
}
