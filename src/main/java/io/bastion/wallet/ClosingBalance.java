package io.bastion.wallet;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/** The closing booked balance a safeguarding bank reported for one account and currency on one day. */
public record ClosingBalance(String currency, String accountIban, LocalDate bookedOn, long closingBalanceMinor,
        Instant importedAt) {

    public ClosingBalance {
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(accountIban, "accountIban");
        Objects.requireNonNull(bookedOn, "bookedOn");
        Objects.requireNonNull(importedAt, "importedAt");
    }
}
