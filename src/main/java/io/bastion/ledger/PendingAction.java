package io.bastion.ledger;

/** What a transfer does to the pending transfer it names: post it (in full or less) or void it. */
public enum PendingAction {
    POST,
    VOID
}
