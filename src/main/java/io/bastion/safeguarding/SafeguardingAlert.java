package io.bastion.safeguarding;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/** An alert a reconciliation raised for one currency, and the operations address it was e-mailed to. */
public record SafeguardingAlert(String id, String reconciliationId, LocalDate businessDate, String currency,
                                ReconciliationStatus status, String message, String emailedTo, Instant createdAt) {

    public SafeguardingAlert {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(reconciliationId, "reconciliationId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(message, "message");
    }
}
