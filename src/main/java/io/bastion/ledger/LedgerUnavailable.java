package io.bastion.ledger;

/**
 * Thrown when the ledger cannot take or confirm a submission (queue full, shutting down, database down).
 * The outcome may be unknown; resubmitting the same transfer ids is always safe.
 */
public final class LedgerUnavailable extends RuntimeException {

    public LedgerUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
