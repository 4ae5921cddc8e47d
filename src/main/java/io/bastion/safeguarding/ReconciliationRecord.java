package io.bastion.safeguarding;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One currency's reconciliation as stored: the figures in minor units, the verdict and the differences
 * (safeguarded minus owed, so a negative difference is a shortfall). The bank figures are null when no
 * statement was ever imported for the currency.
 */
public record ReconciliationRecord(String id, String runId, String currency, LocalDate businessDate,
                                   long customerLiabilitiesMinor, long safeguardedLedgerMinor, Long bankClosingMinor,
                                   LocalDate statementDate, ReconciliationStatus status, long ledgerDifferenceMinor,
                                   Long bankDifferenceMinor, String trigger, Instant createdAt) {

    public ReconciliationRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(businessDate, "businessDate");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(createdAt, "createdAt");
        if ((bankClosingMinor == null) != (statementDate == null)) {
            throw new IllegalArgumentException("a bank figure needs its statement date and the other way round");
        }
    }
}
