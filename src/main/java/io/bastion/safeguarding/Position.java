package io.bastion.safeguarding;

import java.time.LocalDate;

/**
 * One currency's figures before they are stored: what Bastion owes its clients, what its ledger says is
 * safeguarded, and what the safeguarding banks' latest statements say (null without a statement).
 */
record Position(String currency, long liabilities, long safeguarded, Long bankClosing, LocalDate statementDate) {

    /** The verdict for a run on {@code businessDate}; see {@link ReconciliationStatus} for the order. */
    ReconciliationStatus assess(LocalDate businessDate) {
        boolean bankShort = bankClosing != null && bankClosing < liabilities;
        boolean bankOver = bankClosing != null && bankClosing > liabilities;
        if (safeguarded < liabilities || bankShort) {
            return ReconciliationStatus.SHORTFALL;
        }
        if (safeguarded > liabilities || bankOver) {
            return ReconciliationStatus.EXCESS;
        }
        if (bankClosing == null) {
            // Nothing owed and nothing held needs no statement.
            return liabilities == 0 ? ReconciliationStatus.BALANCED : ReconciliationStatus.NO_STATEMENT;
        }
        return BusinessDays.stale(statementDate, businessDate) ? ReconciliationStatus.STALE_STATEMENT
                : ReconciliationStatus.BALANCED;
    }

    long ledgerDifference() {
        return Math.subtractExact(safeguarded, liabilities);
    }

    Long bankDifference() {
        return bankClosing == null ? null : Math.subtractExact(bankClosing, liabilities);
    }
}
