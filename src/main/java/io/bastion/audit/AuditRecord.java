package io.bastion.audit;

import java.util.Map;
import java.util.Objects;

/**
 * What happened, as the audit log records it: who did what to which target, the outcome, and where
 * the request came from. Never holds a secret; details are short non-secret facts.
 */
public record AuditRecord(String actor, String action, String target, Outcome outcome, String originIp,
                          Map<String, String> details) {

    static final int FIELD_LENGTH_MAX = 200;
    static final int DETAILS_MAX = 16;

    public AuditRecord {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
        target = target == null ? "" : target;
        originIp = originIp == null ? "" : originIp;
        details = details == null ? Map.of() : Map.copyOf(details);
        if (details.size() > DETAILS_MAX) {
            throw new IllegalArgumentException("at most " + DETAILS_MAX + " details");
        }
        for (String field : new String[] {actor, action, target, originIp}) {
            if (field.length() > FIELD_LENGTH_MAX) {
                throw new IllegalArgumentException("audit field longer than " + FIELD_LENGTH_MAX);
            }
        }
    }

    /** A record with no details. */
    public static AuditRecord of(String actor, String action, String target, Outcome outcome, String originIp) {
        return new AuditRecord(actor, action, target, outcome, originIp, Map.of());
    }

    /** How the action ended. */
    public enum Outcome {
        SUCCESS, FAILURE, DENIED, INFO
    }
}
