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
    /** Create staff accounts (support, compliance, operations admin). */
    STAFF_ADMIN("operator:staff"),
    /** A merchant reads its payments. */
    PAYMENTS_READ("payments:read", false),
    /** A merchant creates, captures and refunds payments. */
    PAYMENTS_WRITE("payments:write", false),
    /** Run and read safeguarding reconciliations. */
    SAFEGUARDING("safeguarding");

    private final String value;
    private final boolean operator;

    ApiScope(String value) {
        this(value, true);
    }

    ApiScope(String value, boolean operator) {
        this.value = value;
        this.operator = operator;
    }

    /** True for scopes an operator key may carry; the others belong to merchants' keys. */
    public boolean operator() {
        return operator;
    }

    /** Every scope an operator key may carry. */
    public static java.util.EnumSet<ApiScope> operatorScopes() {
        java.util.EnumSet<ApiScope> scopes = java.util.EnumSet.noneOf(ApiScope.class);
        for (ApiScope scope : values()) {
            if (scope.operator) {
                scopes.add(scope);
            }
        }
        return scopes;
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
