package io.bastion.ledger;

/** The outcome for one account request, by the account's id. */
public record AccountResult(String id, AccountOutcome outcome) {
}
