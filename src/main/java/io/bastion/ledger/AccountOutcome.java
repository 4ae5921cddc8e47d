package io.bastion.ledger;

/** What happened to one account request: created, already there, or the rule it broke. */
public enum AccountOutcome {
    CREATED,
    EXISTS,
    ID_MUST_BE_VALID,
    CURRENCY_MUST_BE_ISO_4217,
    CODE_MUST_BE_POSITIVE,
    FLAGS_ARE_MUTUALLY_EXCLUSIVE,
    EXISTS_WITH_DIFFERENT_CURRENCY,
    EXISTS_WITH_DIFFERENT_CODE,
    EXISTS_WITH_DIFFERENT_FLAGS;

    /** True when the account exists as requested after the call. */
    public boolean ok() {
        return this == CREATED || this == EXISTS;
    }
}
