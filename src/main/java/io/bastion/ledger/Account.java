package io.bastion.ledger;

import java.time.Instant;
import java.util.Objects;

/** A ledger account as it stands now. */
public record Account(String id, String currency, int code, boolean debitsMustNotExceedCredits,
                      boolean creditsMustNotExceedDebits, Balance balance, Instant createdAt) {

    public Account {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(balance, "balance");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
