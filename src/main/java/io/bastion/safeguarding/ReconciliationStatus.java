package io.bastion.safeguarding;

/**
 * The verdict of one currency's reconciliation, most serious first: a money difference outranks a missing
 * or stale statement, which outranks balanced books.
 */
public enum ReconciliationStatus {
    /** Less is safeguarded (in the ledger or at the bank) than Bastion owes its clients. */
    SHORTFALL,
    /** More is safeguarded (in the ledger or at the bank) than Bastion owes its clients. */
    EXCESS,
    /** Client money is recorded but no bank statement for the currency was ever imported. */
    NO_STATEMENT,
    /** The latest statement was booked before the previous business day. */
    STALE_STATEMENT,
    /** Liabilities, the safeguarded ledger balance and the bank's closing balance agree, on a fresh statement. */
    BALANCED;

    /** Whether this verdict raises an alert. */
    public boolean alerts() {
        return this != BALANCED;
    }
}
