package io.bastion.threeds;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/**
 * The acctNumber of an AReq. Bastion carries a vault token reference here, never a card number, and
 * still masks it in {@code toString()} so that no log line shows it whole.
 */
public record AccountToken(@JsonValue String value) {

    public AccountToken {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return "AccountToken[****" + value.substring(Math.max(0, value.length() - 4)) + "]";
    }
}
