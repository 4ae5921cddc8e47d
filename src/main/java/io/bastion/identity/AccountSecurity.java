package io.bastion.identity;

import io.bastion.audit.AuditLog;
import io.bastion.audit.AuditRecord;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a user manages about their own security: password, authenticator app, and the record of their
 * sign-ins. Every method acts on the caller's own user id only.
 */
@Service
public class AccountSecurity {

    static final int LOGIN_HISTORY_MAX = 50;

    private final UserStore users;
    private final PasswordPolicy policy;
    private final PasswordHashing hashing;
    private final Totp totp;
    private final SessionDirectory sessions;
    private final AuditLog audit;
    private final JdbcClient jdbc;
    private final SecurityAlerts alerts;

    AccountSecurity(UserStore users, PasswordPolicy policy, PasswordHashing hashing, Totp totp, SessionDirectory sessions,
                    AuditLog audit, JdbcClient jdbc, SecurityAlerts alerts) {
        this.alerts = alerts;
        this.users = users;
        this.policy = policy;
        this.hashing = hashing;
        this.totp = totp;
        this.sessions = sessions;
        this.audit = audit;
        this.jdbc = jdbc;
    }

    /** One sign-in attempt as its owner sees it. */
    public record LoginRecord(Instant at, String ip, String device, String outcome) {
    }

    /** An authenticator app being set up. */
    public record TotpSetup(String base32Secret, String qrPngDataUri) {
    }

    public Optional<UserAccount> user(String userId) {
        return users.byId(userId);
    }

    public List<LoginRecord> loginHistory(String userId) {
        return jdbc.sql("SELECT occurred_at, ip, device, outcome FROM identity_login_event WHERE user_id = ? ORDER BY id DESC LIMIT ?")
                .params(userId, LOGIN_HISTORY_MAX)
                .query((rs, n) -> new LoginRecord(rs.getObject(1, OffsetDateTime.class).toInstant(), rs.getString(2),
                        rs.getString(3), rs.getString(4)))
                .list();
    }

    /**
     * Changes the password after checking the current one and the policy; the last four passwords may
     * not come back. Ends every other session of the user.
     */
    @Transactional
    public Optional<PasswordPolicy.Violation> changePassword(String userId, String current, String next, String keepSessionId,
                                                             String ip) {
        UserAccount user = users.byId(userId).orElseThrow();
        if (!hashing.matches(current, users.passwordHash(userId).orElse(null))) {
            return Optional.of(new PasswordPolicy.Violation("current-password", "Your current password is not right."));
        }
        Optional<PasswordPolicy.Violation> violation = policy.check(next, user.kind() == UserAccount.Kind.STAFF, user.email(), user.phone());
        if (violation.isPresent()) {
            return violation;
        }
        return setPassword(user, next, keepSessionId, ip);
    }

    /** Sets a new password (after a reset link or a change), refusing any of the last four. */
    @Transactional
    public Optional<PasswordPolicy.Violation> setPassword(UserAccount user, String next, String keepSessionId, String ip) {
        Optional<PasswordPolicy.Violation> violation = checkNewPassword(user, next);
        if (violation.isPresent()) {
            return violation;
        }
        users.changePassword(user.id(), hashing.hash(next));
        int ended = sessions.endAllExcept(user.id(), keepSessionId);
        alerts.record(user.id(), SecurityAlerts.Kind.PASSWORD_CHANGED, ip, "");
        audit.record(new AuditRecord(user.id(), "identity.password.changed", user.id(), AuditRecord.Outcome.SUCCESS, ip,
                java.util.Map.of("sessionsEnded", Integer.toString(ended))));
        return Optional.empty();
    }

    /** The rule a new password would break for this user (policy, or one of the last four), without changing anything. */
    Optional<PasswordPolicy.Violation> checkNewPassword(UserAccount user, String next) {
        Optional<PasswordPolicy.Violation> violation = policy.check(next, user.kind() == UserAccount.Kind.STAFF, user.email(), user.phone());
        if (violation.isPresent()) {
            return violation;
        }
        for (String old : users.recentPasswordHashes(user.id())) {
            if (hashing.matches(next, old)) {
                return Optional.of(new PasswordPolicy.Violation("reused", "Choose a password you have not used recently."));
            }
        }
        return Optional.empty();
    }

    public TotpSetup startTotp(String userId) {
        UserAccount user = users.byId(userId).orElseThrow();
        Totp.Enrolment enrolment = totp.newEnrolment(user.email());
        return new TotpSetup(enrolment.base32Secret(), enrolment.qrPngDataUri());
    }

    /** Switches the authenticator app on once the user proves it works with a first code. */
    public boolean confirmTotp(String userId, String base32Secret, String code, String ip) {
        boolean enabled = totp.enable(userId, base32Secret, code);
        audit.record(AuditRecord.of(userId, "identity.factor.totp.enabled", userId,
                enabled ? AuditRecord.Outcome.SUCCESS : AuditRecord.Outcome.FAILURE, ip));
        if (enabled) {
            alerts.record(userId, SecurityAlerts.Kind.FACTOR_ADDED, ip, "authenticator app");
        }
        return enabled;
    }

    public void disableTotp(String userId, String ip) {
        totp.disable(userId);
        audit.record(AuditRecord.of(userId, "identity.factor.totp.disabled", userId, AuditRecord.Outcome.SUCCESS, ip));
        alerts.record(userId, SecurityAlerts.Kind.FACTOR_REMOVED, ip, "authenticator app");
    }

    /** Whether the user must keep a second factor (staff, business owners and admins). */
    public boolean secondFactorMandatory(String userId, SignIn signIn) {
        return users.byId(userId).map(signIn::secondFactorMandatory).orElse(true);
    }
}
