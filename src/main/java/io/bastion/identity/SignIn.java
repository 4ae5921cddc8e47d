package io.bastion.identity;

import io.bastion.audit.AuditLog;
import io.bastion.audit.AuditRecord;
import io.bastion.notification.Notifications;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Password sign-in with lockout. Unknown accounts, wrong passwords and locked accounts all get the same
 * answer after the same amount of work, so the response reveals neither whether an account exists nor
 * whether it is locked.
 */
@Service
public class SignIn {

    static final int LOGIN_FAILURES_MAX = 5;
    static final int LOCK_DOUBLINGS_MAX = 6;

    private final UserStore users;
    private final PasswordHashing hashing;
    private final RateLimits limits;
    private final Notifications notifications;
    private final SessionDirectory sessions;
    private final Passkeys passkeys;
    private final AuditLog audit;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Duration lockDuration;
    private final SecurityAlerts alerts;

    SignIn(UserStore users, PasswordHashing hashing, RateLimits limits, Notifications notifications,
           SessionDirectory sessions, Passkeys passkeys, AuditLog audit, JdbcClient jdbc, TransactionTemplate transactions, Clock clock,
           @Value("${bastion.lockout.duration:30m}") Duration lockDuration, SecurityAlerts alerts) {
        this.alerts = alerts;
        this.users = users;
        this.hashing = hashing;
        this.limits = limits;
        this.notifications = notifications;
        this.sessions = sessions;
        this.passkeys = passkeys;
        this.audit = audit;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
        this.lockDuration = lockDuration;
    }

    /** The answer to a password attempt. */
    public sealed interface Outcome {
        /** Wrong e-mail, wrong password or locked: deliberately one answer. */
        record Rejected() implements Outcome {
        }

        /** Too many attempts from this address or for this e-mail. */
        record RateLimited() implements Outcome {
        }

        /** The password was right; the session is at the given stage. */
        record Accepted(SignedInUser user) implements Outcome {
        }
    }

    public Outcome attempt(String email, String password, String ip, String device) {
        if (!limits.tryAcquire(RateLimits.Limit.LOGIN_PER_IP, ip)
                || !limits.tryAcquire(RateLimits.Limit.LOGIN_PER_ACCOUNT, UserStore.normaliseEmail(email))) {
            return new Outcome.RateLimited();
        }
        Outcome outcome = transactions.execute(status -> attemptLocked(email, password, ip, device));
        return outcome == null ? new Outcome.Rejected() : outcome;
    }

    private Outcome attemptLocked(String email, String password, String ip, String device) {
        Optional<UserAccount> found = users.byEmailForUpdate(email);
        if (found.isEmpty()) {
            hashing.burn(password);
            audit.record(AuditRecord.of("anonymous", "identity.login", "", AuditRecord.Outcome.FAILURE, ip));
            return new Outcome.Rejected();
        }
        UserAccount user = found.get();
        Instant now = clock.instant();
        if (user.locked(now)) {
            hashing.burn(password);
            users.recordLogin(user.id(), ip, device, "refused-locked");
            audit.record(AuditRecord.of(user.id(), "identity.login", user.id(), AuditRecord.Outcome.DENIED, ip));
            return new Outcome.Rejected();
        }
        if (!hashing.matches(password, users.passwordHash(user.id()).orElse(null))) {
            recordFailure(user, now, ip, device);
            return new Outcome.Rejected();
        }
        users.clearPasswordFailures(user.id());
        users.recordLogin(user.id(), ip, device, "password-accepted");
        alerts.signedIn(user, ip, device);
        audit.record(AuditRecord.of(user.id(), "identity.login.password", user.id(), AuditRecord.Outcome.SUCCESS, ip));
        return new Outcome.Accepted(new SignedInUser(user.id(), user.kind(), user.staffRole(), user.displayName(), user.email(),
                stageAfterPassword(user)));
    }

    /** Staff and business owners and admins must have a second factor; everyone who has one must use it. */
    SignedInUser.Stage stageAfterPassword(UserAccount user) {
        if (user.hasSecondFactor() || passkeys.any(user.id())) {
            return SignedInUser.Stage.AWAITING_SECOND_FACTOR;
        }
        return secondFactorMandatory(user) ? SignedInUser.Stage.MUST_ENROL_SECOND_FACTOR : SignedInUser.Stage.COMPLETE;
    }

    boolean secondFactorMandatory(UserAccount user) {
        if (user.kind() == UserAccount.Kind.STAFF) {
            return true;
        }
        return jdbc.sql("SELECT count(*) FROM identity_membership WHERE user_id = ? AND role IN ('OWNER', 'ADMIN')")
                .param(user.id()).query(Long.class).single() > 0;
    }

    private void recordFailure(UserAccount user, Instant now, String ip, String device) {
        int failures = user.failedPasswordCount() + 1;
        users.recordLogin(user.id(), ip, device, "wrong-password");
        if (failures < LOGIN_FAILURES_MAX) {
            users.recordPasswordFailure(user.id(), failures, user.lockedUntil(), user.lockCount());
            audit.record(AuditRecord.of(user.id(), "identity.login", user.id(), AuditRecord.Outcome.FAILURE, ip));
            return;
        }
        // Each lock lasts twice as long as the one before, up to 2^LOCK_DOUBLINGS_MAX times the base.
        Duration lock = lockDuration.multipliedBy(1L << Math.min(user.lockCount(), LOCK_DOUBLINGS_MAX));
        Instant until = now.plus(lock);
        users.recordPasswordFailure(user.id(), 0, until, user.lockCount() + 1);
        int ended = sessions.endAllExcept(user.id(), null);
        alerts.record(user.id(), SecurityAlerts.Kind.ACCOUNT_LOCKED, ip, "locked until " + until);
        audit.record(new AuditRecord("system", "identity.account.locked", user.id(), AuditRecord.Outcome.SUCCESS, ip,
                Map.of("until", until.toString(), "sessionsEnded", Integer.toString(ended))));
        notifications.sendEmail(user.email(), "Your Bastion account is locked",
                "After " + LOGIN_FAILURES_MAX + " wrong passwords your account is locked until " + until
                        + " (UTC). If this was not you, reset your password when the lock ends and contact support.");
    }

    /** Lifts a lock, for staff with the right role; audited with who did it. */
    public boolean unlock(String userId, String staffUserId, String ip) {
        Optional<UserAccount> user = users.byId(userId);
        if (user.isEmpty()) {
            return false;
        }
        users.unlock(userId);
        audit.record(AuditRecord.of(staffUserId, "identity.account.unlocked", userId, AuditRecord.Outcome.SUCCESS, ip));
        return true;
    }
}
