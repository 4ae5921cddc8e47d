package io.bastion.ledger;

import java.util.Objects;

/** The summed balances of every account with one code in one currency. */
public record CodeTotal(String currency, int code, Balance balance) {

    public CodeTotal {
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(balance, "balance");
    }
}
