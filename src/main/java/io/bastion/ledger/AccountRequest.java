package io.bastion.ledger;

/**
 * A request to open an account: currency is ISO 4217, code says what kind of account it is, and at most
 * one of the two flags may be set.
 */
public record AccountRequest(String id, String currency, int code, boolean debitsMustNotExceedCredits,
                             boolean creditsMustNotExceedDebits) {

    /** An account without balance constraints. */
    public static AccountRequest of(String id, String currency, int code) {
        return new AccountRequest(id, currency, code, false, false);
    }

    /** An account whose debits may never exceed its credits (a customer's funds, for example). */
    public static AccountRequest debitsMustNotExceedCredits(String id, String currency, int code) {
        return new AccountRequest(id, currency, code, true, false);
    }

    /** An account whose credits may never exceed its debits. */
    public static AccountRequest creditsMustNotExceedDebits(String id, String currency, int code) {
        return new AccountRequest(id, currency, code, false, true);
    }
}
