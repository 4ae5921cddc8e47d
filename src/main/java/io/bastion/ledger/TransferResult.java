package io.bastion.ledger;

/** The outcome for one transfer request, by the transfer's id. */
public record TransferResult(String id, TransferOutcome outcome) {
}
