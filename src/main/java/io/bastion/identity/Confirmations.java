package io.bastion.identity;

import io.bastion.audit.AuditLog;
import io.bastion.audit.AuditRecord;
import io.bastion.keys.KeyPurpose;
import io.bastion.keys.Keys;
import io.bastion.notification.Notifications;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Strong customer authentication with dynamic linking. A module asks for a confirmation of one exact
 * action, the user confirms it with a second factor, and the module consumes it by presenting the
 * identical action again: single use, within {@link #LIFETIME_MAX}, after at most {@link #ATTEMPTS_MAX}
 * codes. Only a digest of the action's canonical encoding is stored.
 */
@Service
public class Confirmations {

    static final Duration LIFETIME_MAX = Duration.ofMinutes(5);
    static final int ATTEMPTS_MAX = 5;
    static final int SMS_CODE_DIGITS = 6;
    static final int HASH_BYTES = 32;
    private static final String COLUMNS = """
            id, kind, summary, amount_minor, currency, payee_id, payee_label, created_at, expires_at, attempts,
            confirmed_at, consumed_at""";

    /** How an attempt to confirm ended. */
    public enum Outcome {
        CONFIRMED, WRONG_CODE, EXPIRED, TOO_MANY_ATTEMPTS, ALREADY_USED, NOT_FOUND
    }

    /** How a request for an SMS code ended. */
    public enum SmsOutcome {
        SENT, NOT_OPEN, NO_VERIFIED_PHONE, RATE_LIMITED
    }

    private final JdbcClient jdbc;
    private final Totp totp;
    private final UserStore users;
    private final Keys keys;
    private final Notifications notifications;
    private final RateLimits limits;
    private final AuditLog audit;
    private final Clock clock;

    Confirmations(JdbcClient jdbc, Totp totp, UserStore users, Keys keys, Notifications notifications, RateLimits limits,
                  AuditLog audit, Clock clock) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.totp = Objects.requireNonNull(totp, "totp");
        this.users = Objects.requireNonNull(users, "users");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.notifications = Objects.requireNonNull(notifications, "notifications");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Opens a confirmation of the action for the user; it must be confirmed and consumed within five minutes. */
    @Transactional
    public Confirmation request(String userId, ConfirmationAction action, String ip) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(action, "action");
        Instant now = clock.instant();
        String id = RandomIds.id("cnf");
        ConfirmationAction.Payment payment = action instanceof ConfirmationAction.Payment p ? p : null;
        jdbc.sql("""
                INSERT INTO identity_confirmation (id, user_id, kind, summary, action_digest, amount_minor, currency, payee_id,
                  payee_label, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, userId, action.kind().name(), action.summary(), digest(userId, id, action),
                        payment == null ? null : payment.amountMinor(), payment == null ? null : payment.currency(),
                        payment == null ? null : payment.payeeId(), payment == null ? null : payment.payeeLabel(),
                        utc(now), utc(now.plus(LIFETIME_MAX)))
                .update();
        audit.record(new AuditRecord(userId, "confirmation.requested", id, AuditRecord.Outcome.INFO, ip,
                Map.of("kind", action.kind().name())));
        return find(userId, id).orElseThrow();
    }

    /** The overload for modules without a client address at hand. */
    public Confirmation request(String userId, ConfirmationAction action) {
        return request(userId, action, "");
    }

    /** A confirmation of this user; another user's id is indistinguishable from an unknown one. */
    public Optional<Confirmation> find(String userId, String confirmationId) {
        if (userId == null || confirmationId == null) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM identity_confirmation WHERE id = ? AND user_id = ?")
                .params(confirmationId, userId).query(Confirmations::map).optional();
    }

    /**
     * Checks a code for an open confirmation of this user. Wrong codes count (and the count commits);
     * the {@link #ATTEMPTS_MAX}th wrong code burns the confirmation.
     */
    @Transactional
    public Outcome confirm(String userId, String confirmationId, SecondFactors.Method method, String code, String ip) {
        Optional<Confirmation> locked = userId == null || confirmationId == null ? Optional.empty()
                : jdbc.sql("SELECT " + COLUMNS + " FROM identity_confirmation WHERE id = ? AND user_id = ? FOR UPDATE")
                        .params(confirmationId, userId).query(Confirmations::map).optional();
        Outcome outcome = locked.map(c -> judge(userId, c, method, code)).orElse(Outcome.NOT_FOUND);
        audit.record(new AuditRecord(userId == null ? "anonymous" : userId, "confirmation.confirm",
                locked.map(Confirmation::id).orElse(""), outcome == Outcome.CONFIRMED ? AuditRecord.Outcome.SUCCESS
                : AuditRecord.Outcome.FAILURE, ip, Map.of("outcome", outcome.name(), "method", String.valueOf(method))));
        return outcome;
    }

    private Outcome judge(String userId, Confirmation found, SecondFactors.Method method, String code) {
        Instant now = clock.instant();
        if (found.confirmedAt() != null) {
            return Outcome.ALREADY_USED;
        }
        if (!found.expiresAt().isAfter(now)) {
            return Outcome.EXPIRED;
        }
        if (found.attempts() >= ATTEMPTS_MAX) {
            return Outcome.TOO_MANY_ATTEMPTS;
        }
        boolean right = method != null && switch (method) {
            case TOTP -> totp.verify(userId, code);
            case SMS -> smsCodeMatches(userId, found.id(), code);
        };
        if (right) {
            jdbc.sql("UPDATE identity_confirmation SET confirmed_at = ?, method = ?, sms_code_hash = NULL WHERE id = ?")
                    .params(utc(now), method.name(), found.id()).update();
            return Outcome.CONFIRMED;
        }
        jdbc.sql("UPDATE identity_confirmation SET attempts = attempts + 1 WHERE id = ?").param(found.id()).update();
        return found.attempts() + 1 >= ATTEMPTS_MAX ? Outcome.TOO_MANY_ATTEMPTS : Outcome.WRONG_CODE;
    }

    /**
     * Texts the user a code bound to this confirmation; the message names the action (amount and payee
     * for a payment), so the code is linked to what the user sees. A new code replaces the previous one.
     */
    @Transactional
    public SmsOutcome sendSmsCode(String userId, String confirmationId, String ip) {
        Optional<Confirmation> found = find(userId, confirmationId).filter(c -> c.open(clock.instant()));
        if (found.isEmpty()) {
            return SmsOutcome.NOT_OPEN;
        }
        UserAccount user = users.byId(userId).orElseThrow();
        if (user.phoneVerifiedAt() == null) {
            return SmsOutcome.NO_VERIFIED_PHONE;
        }
        if (!limits.tryAcquire(RateLimits.Limit.CODE_PER_ACCOUNT, userId)
                || !limits.tryAcquire(RateLimits.Limit.CODE_PER_PHONE, user.phone())) {
            return SmsOutcome.RATE_LIMITED;
        }
        String code = RandomIds.digits(SMS_CODE_DIGITS);
        jdbc.sql("UPDATE identity_confirmation SET sms_code_hash = ? WHERE id = ?")
                .params(smsHash(userId, confirmationId, code), confirmationId).update();
        notifications.sendSms(user.phone(), "Bastion: " + code + " is your code to confirm: " + found.get().summary()
                + ". Only enter it if this is what you are doing. Never share it.");
        audit.record(AuditRecord.of(userId, "confirmation.sms.sent", confirmationId, AuditRecord.Outcome.INFO, ip));
        return SmsOutcome.SENT;
    }

    /**
     * Uses a confirmed confirmation up, once, if it was confirmed for exactly this action and has not
     * expired. The check and the marking happen in one conditional update, so two callers racing for the
     * same confirmation cannot both succeed.
     */
    @Transactional
    public boolean consume(String userId, String confirmationId, ConfirmationAction action, String ip) {
        if (userId == null || confirmationId == null || action == null) {
            return false;
        }
        Instant now = clock.instant();
        int used = jdbc.sql("""
                UPDATE identity_confirmation SET consumed_at = ?
                WHERE id = ? AND user_id = ? AND confirmed_at IS NOT NULL AND consumed_at IS NULL AND expires_at > ?
                  AND action_digest = ?""")
                .params(utc(now), confirmationId, userId, utc(now), digest(userId, confirmationId, action)).update();
        audit.record(new AuditRecord(userId, "confirmation.consumed", confirmationId,
                used == 1 ? AuditRecord.Outcome.SUCCESS : AuditRecord.Outcome.DENIED, ip, Map.of("kind", action.kind().name())));
        return used == 1;
    }

    /** The overload for modules without a client address at hand. */
    public boolean consume(String userId, String confirmationId, ConfirmationAction action) {
        return consume(userId, confirmationId, action, "");
    }

    /**
     * Whether a payment needs a confirmation under the user's rule (see {@link ConfirmationRules}): it
     * skips one only when the user set an amount for its currency, it is at most that amount, and either
     * the rule is {@code ABOVE} or the payee is trusted.
     */
    public boolean requiresConfirmation(String userId, ConfirmationAction.Payment payment) {
        ConfirmationRules.Rule rule = rule(userId);
        Long threshold = rule.thresholds().get(payment.currency());
        if (threshold == null || payment.amountMinor() > threshold) {
            return true;
        }
        if (rule.mode() == ConfirmationRules.Mode.ABOVE) {
            return false;
        }
        return jdbc.sql("SELECT count(*) FROM identity_trusted_payee WHERE user_id = ? AND payee_id = ?")
                .params(userId, payment.payeeId()).query(Long.class).single() == 0;
    }

    ConfirmationRules.Rule rule(String userId) {
        Optional<String> mode = jdbc.sql("SELECT mode FROM identity_confirmation_rule WHERE user_id = ?").param(userId)
                .query(String.class).optional();
        if (mode.isEmpty()) {
            return ConfirmationRules.Rule.strictest();
        }
        Map<String, Long> thresholds = new java.util.HashMap<>();
        jdbc.sql("SELECT currency, amount_minor FROM identity_confirmation_threshold WHERE user_id = ?").param(userId)
                .query(rs -> {
                    thresholds.put(rs.getString(1), rs.getLong(2));
                });
        return new ConfirmationRules.Rule(ConfirmationRules.Mode.valueOf(mode.get()), thresholds);
    }

    private boolean smsCodeMatches(String userId, String confirmationId, String code) {
        if (code == null || !code.trim().matches("[0-9]{" + SMS_CODE_DIGITS + "}")) {
            return false;
        }
        byte[] stored = jdbc.sql("SELECT sms_code_hash FROM identity_confirmation WHERE id = ?").param(confirmationId)
                .query((rs, n) -> rs.getBytes(1)).optional().orElse(null);
        return stored != null && MessageDigest.isEqual(stored, smsHash(userId, confirmationId, code.trim()));
    }

    private byte[] smsHash(String userId, String confirmationId, String code) {
        try {
            return keys.prf(KeyPurpose.CODE_HASH).computePrimary(
                    ("confirmation\n" + userId + "\n" + confirmationId + "\n" + code).getBytes(StandardCharsets.UTF_8), HASH_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot hash a confirmation code", e);
        }
    }

    /** SHA-256 over the user, the confirmation and the action's canonical encoding. */
    static byte[] digest(String userId, String confirmationId, ConfirmationAction action) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            String bound = userId.length() + ":" + userId + ";" + confirmationId.length() + ":" + confirmationId + ";"
                    + action.canonical();
            return sha.digest(bound.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }

    private static Confirmation map(ResultSet rs, int row) throws SQLException {
        return new Confirmation(rs.getString("id"), ConfirmationAction.Kind.valueOf(rs.getString("kind")), rs.getString("summary"),
                rs.getObject("amount_minor", Long.class), rs.getString("currency"), rs.getString("payee_id"), rs.getString("payee_label"),
                instant(rs, "created_at"), instant(rs, "expires_at"), rs.getInt("attempts"), instant(rs, "confirmed_at"),
                instant(rs, "consumed_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
