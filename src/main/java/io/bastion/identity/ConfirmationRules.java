package io.bastion.identity;

import io.bastion.audit.AuditLog;
import io.bastion.audit.AuditRecord;
import java.io.Serializable;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A user's own rules for when payments need a confirmation, and their trusted payees. Loosening or
 * changing a rule and trusting a payee both need a confirmation themselves; removing a trusted payee
 * only tightens, so it does not.
 *
 * <p>The rule, as {@link Confirmations#requiresConfirmation} applies it: a payment skips confirmation
 * only when the user has an amount for its currency, the amount is at most that, and either the mode is
 * {@link Mode#ABOVE} or the payee is trusted. Every other payment (above the amount, in a currency with
 * no amount, or to an untrusted payee in {@link Mode#ALWAYS}) needs one. With no rule saved, every
 * payment needs one.
 */
@Service
public class ConfirmationRules {

    public static final int THRESHOLDS_MAX = 10;
    static final int TRUSTED_PAYEES_MAX = 100;
    public static final long THRESHOLD_MINOR_MAX = 100_000_000L;

    /** How strict the rule is. */
    public enum Mode {
        /** Every payment needs a confirmation, except small ones to trusted payees (up to the amounts). */
        ALWAYS,
        /** Payments above the amount for their currency need a confirmation, to any payee. */
        ABOVE
    }

    /** A rule: its mode and, per currency, the amount in minor units up to which no confirmation is needed. */
    public record Rule(Mode mode, Map<String, Long> thresholds) implements Serializable {

        public Rule {
            Objects.requireNonNull(mode, "mode");
            thresholds = thresholds == null ? Map.of() : Map.copyOf(thresholds);
            if (thresholds.size() > THRESHOLDS_MAX) {
                throw new IllegalArgumentException("at most " + THRESHOLDS_MAX + " currencies");
            }
            thresholds.forEach((currency, amount) -> {
                if (!ConfirmationAction.CURRENCY.matcher(currency).matches() || amount <= 0 || amount > THRESHOLD_MINOR_MAX) {
                    throw new IllegalArgumentException("a threshold needs a currency code and a positive amount");
                }
            });
        }

        /** The strictest rule: the one in force until the user saves another. */
        public static Rule strictest() {
            return new Rule(Mode.ALWAYS, Map.of());
        }

        /** The rule in words; this text is what the user confirms, so it names every amount. */
        public String describe() {
            String amounts = new TreeMap<>(thresholds).entrySet().stream()
                    .map(e -> new ConfirmationAction.Payment(e.getValue(), e.getKey(), "-", "-").formatted())
                    .collect(Collectors.joining(", "));
            return switch (mode) {
                case ALWAYS -> amounts.isEmpty() ? "confirm every payment"
                        : "confirm every payment, except to trusted payees up to " + amounts;
                case ABOVE -> amounts.isEmpty() ? "confirm every payment" : "confirm payments above " + amounts;
            };
        }

        ConfirmationAction.ChangeSecuritySetting action() {
            return new ConfirmationAction.ChangeSecuritySetting("payment confirmation rule: " + describe());
        }
    }

    /** A payee the user trusts. */
    public record TrustedPayee(String payeeId, String label, Instant addedAt) {
    }

    private final JdbcClient jdbc;
    private final Confirmations confirmations;
    private final AuditLog audit;
    private final Clock clock;

    ConfirmationRules(JdbcClient jdbc, Confirmations confirmations, AuditLog audit, Clock clock) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.confirmations = Objects.requireNonNull(confirmations, "confirmations");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Rule rule(String userId) {
        return confirmations.rule(userId);
    }

    public List<TrustedPayee> trustedPayees(String userId) {
        return jdbc.sql("SELECT payee_id, label, created_at FROM identity_trusted_payee WHERE user_id = ? ORDER BY created_at LIMIT ?")
                .params(userId, TRUSTED_PAYEES_MAX)
                .query((rs, n) -> new TrustedPayee(rs.getString(1), rs.getString(2),
                        rs.getObject(3, OffsetDateTime.class).toInstant()))
                .list();
    }

    /** Opens the confirmation a rule change needs. */
    public Confirmation requestRuleChange(String userId, Rule rule, String ip) {
        return confirmations.request(userId, rule.action(), ip);
    }

    /** Opens the confirmation trusting a payee needs. */
    public Confirmation requestTrustedPayee(String userId, ConfirmationAction.AddPayee payee, String ip) {
        return confirmations.request(userId, payee, ip);
    }

    /** Saves the rule if the confirmation was confirmed for exactly this rule; false otherwise. */
    @Transactional
    public boolean changeRule(String userId, String confirmationId, Rule rule, String ip) {
        if (!confirmations.consume(userId, confirmationId, rule.action(), ip)) {
            return false;
        }
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        jdbc.sql("""
                INSERT INTO identity_confirmation_rule (user_id, mode, updated_at) VALUES (?, ?, ?)
                ON CONFLICT (user_id) DO UPDATE SET mode = excluded.mode, updated_at = excluded.updated_at""")
                .params(userId, rule.mode().name(), now).update();
        jdbc.sql("DELETE FROM identity_confirmation_threshold WHERE user_id = ?").param(userId).update();
        rule.thresholds().forEach((currency, amount) ->
                jdbc.sql("INSERT INTO identity_confirmation_threshold (user_id, currency, amount_minor) VALUES (?, ?, ?)")
                        .params(userId, currency, amount).update());
        audit.record(new AuditRecord(userId, "confirmation.rule.changed", userId, AuditRecord.Outcome.SUCCESS, ip,
                Map.of("rule", rule.describe())));
        return true;
    }

    /** Trusts a payee if the confirmation was confirmed for exactly this payee; false otherwise. */
    @Transactional
    public boolean addTrustedPayee(String userId, String confirmationId, ConfirmationAction.AddPayee payee, String ip) {
        long count = jdbc.sql("SELECT count(*) FROM identity_trusted_payee WHERE user_id = ?").param(userId)
                .query(Long.class).single();
        if (count >= TRUSTED_PAYEES_MAX || !confirmations.consume(userId, confirmationId, payee, ip)) {
            return false;
        }
        jdbc.sql("""
                INSERT INTO identity_trusted_payee (user_id, payee_id, label, created_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (user_id, payee_id) DO UPDATE SET label = excluded.label""")
                .params(userId, payee.payeeId(), payee.label(), OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                .update();
        audit.record(AuditRecord.of(userId, "confirmation.payee.trusted", payee.payeeId(), AuditRecord.Outcome.SUCCESS, ip));
        return true;
    }

    /** Stops trusting a payee; false when the user did not trust it. */
    @Transactional
    public boolean removeTrustedPayee(String userId, String payeeId, String ip) {
        int removed = jdbc.sql("DELETE FROM identity_trusted_payee WHERE user_id = ? AND payee_id = ?").params(userId, payeeId).update();
        if (removed > 0) {
            audit.record(AuditRecord.of(userId, "confirmation.payee.untrusted", payeeId, AuditRecord.Outcome.SUCCESS, ip));
        }
        return removed > 0;
    }
}
