package io.bastion.issuing;

/** What a capture, reversal or refund of an authorization did, or the rule that stopped it. */
public enum HoldOutcome {
    CAPTURED,
    REVERSED,
    REFUNDED,
    AUTHORIZATION_NOT_FOUND,
    AUTHORIZATION_NOT_OPEN,
    AMOUNT_MUST_BE_POSITIVE,
    AMOUNT_EXCEEDS_HOLD,
    HOLD_EXPIRED,
    AUTHORIZATION_NOT_CAPTURED,
    AMOUNT_EXCEEDS_CAPTURE,
    REFUND_ID_MUST_BE_VALID,
    REFUND_ID_REUSED,
    LEDGER_REFUSED
}
