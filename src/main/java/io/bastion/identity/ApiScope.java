package io.bastion.identity;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/** What an API key may do; each scope maps to the Spring Security authority {@code SCOPE_<value>}. */
public enum ApiScope {
    /** Manage operator API keys. */
    OPERATOR_KEYS("operator:keys"),
    /** Read and verify the audit log. */
    AUDIT("audit"),
    /** Read Prometheus metrics. */
    METRICS("metrics"),
    /** Use the ledger API. */
    LEDGER("ledger"),
    /** A merchant reads its payments. */
    PAYMENTS_READ("payments:read"),
    /** A merchant creates, captures and refunds payments. */
    PAYMENTS_WRITE("payments:write"),
    /** Run and read safeguarding reconciliations. */
    SAFEGUARDING("safeguarding");

    private final String value;

    ApiScope(String value) {
        this.value = value;
    }

    @JsonValue
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }

    public String authority() {
        return "SCOPE_" + value;
    }

    public static Optional<ApiScope> parse(String value) {
        return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst();
    }
}
