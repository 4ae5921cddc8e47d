package io.bastion.issuing;

/** What a capture or reversal of an authorization's hold did, or the rule that stopped it. */
public enum HoldOutcome {
    CAPTURED,
    REVERSED,
    AUTHORIZATION_NOT_FOUND,
    AUTHORIZATION_NOT_OPEN,
    AMOUNT_MUST_BE_POSITIVE,
    AMOUNT_EXCEEDS_HOLD,
    HOLD_EXPIRED,
    LEDGER_REFUSED
}
