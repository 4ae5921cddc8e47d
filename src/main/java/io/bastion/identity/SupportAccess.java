package io.bastion.identity;

import io.bastion.audit.AuditLog;
import io.bastion.audit.AuditRecord;
import io.bastion.notification.Notifications;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Support access by consent. Staff have no standing access to a customer's account: a member of staff
 * asks for access to one account with a reason, a scope and a duration of at most 24 hours; the owner
 * approves with a fresh second factor, or denies; access ends by itself or when the owner revokes it.
 * Each use of a grant is audited and listed to the owner. A grant belongs to one member of staff only.
 */
@Service
public class SupportAccess {

    static final Duration GRANT_DURATION_MAX = Duration.ofHours(24);
    static final Duration GRANT_DURATION_MIN = Duration.ofMinutes(15);
    /** A request nobody decided on within this time can no longer be approved. */
    static final Duration REQUEST_PENDING_MAX = Duration.ofHours(24);
    static final int REASON_LENGTH_MIN = 10;
    static final int REASON_LENGTH_MAX = 500;
    static final int GRANTS_LISTED_MAX = 50;
    static final int USES_LISTED_MAX = 200;
    static final int SIGN_INS_SHOWN_MAX = 10;
    private static final String GRANT_COLUMNS = """
            SELECT g.id, g.staff_user_id, s.display_name AS staff_name, s.staff_role, g.account_user_id, a.email AS account_email,
                   g.reason, g.scope, g.duration_seconds, g.status, g.requested_at, g.decided_at, g.expires_at, g.revoked_at
            FROM identity_support_grant g
            JOIN identity_user s ON s.id = g.staff_user_id
            JOIN identity_user a ON a.id = g.account_user_id""";

    private final UserStore users;
    private final SecondFactors factors;
    private final AccountSecurity accountSecurity;
    private final SessionDirectory sessions;
    private final Registration registration;
    private final Notifications notifications;
    private final AuditLog audit;
    private final JdbcClient jdbc;
    private final Clock clock;

    SupportAccess(UserStore users, SecondFactors factors, AccountSecurity accountSecurity, SessionDirectory sessions,
                  Registration registration, Notifications notifications, AuditLog audit, JdbcClient jdbc, Clock clock) {
        this.users = users;
        this.factors = factors;
        this.accountSecurity = accountSecurity;
        this.sessions = sessions;
        this.registration = registration;
        this.notifications = notifications;
        this.audit = audit;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** What a grant lets staff do: look, or also act on the account. */
    public enum Scope {
        READ_ONLY, READ_WRITE;

        public boolean covers(Scope needed) {
            return this == READ_WRITE || needed == READ_ONLY;
        }
    }

    /** Where a grant stands at a given moment. */
    public enum State {
        PENDING, LIVE, EXPIRED, DENIED, REVOKED
    }

    /** A request for access and what became of it; expiresAt is set on approval. */
    public record Grant(String id, String staffUserId, String staffName, UserAccount.StaffRole staffRole, String accountUserId,
                        String accountEmail, String reason, Scope scope, Duration duration, String status, Instant requestedAt,
                        Instant decidedAt, Instant expiresAt, Instant revokedAt) {

        public State state(Instant now) {
            return switch (status) {
                case "PENDING" -> requestedAt.plus(REQUEST_PENDING_MAX).isAfter(now) ? State.PENDING : State.EXPIRED;
                case "APPROVED" -> expiresAt.isAfter(now) ? State.LIVE : State.EXPIRED;
                case "DENIED" -> State.DENIED;
                default -> State.REVOKED;
            };
        }

        public long durationHours() {
            return duration.toHours();
        }

        public long durationMinutes() {
            return duration.toMinutes();
        }
    }

    /** One thing a member of staff did under a grant, as the owner sees it. */
    public record Use(String grantId, String staffName, String action, Instant occurredAt) {

        /** The action in words for the owner. */
        public String description() {
            return switch (action) {
                case PROFILE_VIEWED -> "Viewed your profile and recent sign-ins";
                case SESSIONS_ENDED -> "Ended your sessions";
                case CODES_SENT -> "Sent you new verification codes";
                default -> action;
            };
        }
    }

    /** What staff see of a customer under a live grant. */
    public record CustomerProfile(UserAccount account, List<AccountSecurity.LoginRecord> recentSignIns, Grant grant) {
    }

    /** The answer to a request for access. */
    public sealed interface Requested {
        /** The request waits for the owner's decision. */
        record Pending(String grantId) implements Requested {
        }

        /** The request broke a rule; nothing was stored. */
        record Refused(String rule, String message) implements Requested {
        }
    }

    /** The answer to an owner's decision or to an action under a grant. */
    public enum Result {
        DONE, NOT_FOUND, SECOND_FACTOR_REJECTED, NO_LIVE_GRANT, GRANT_IS_READ_ONLY, NOTHING_TO_DO
    }

    static final String PROFILE_VIEWED = "customer.profile.viewed";
    static final String SESSIONS_ENDED = "customer.sessions.ended";
    static final String CODES_SENT = "customer.codes.sent";

    /** A member of staff asks for access to one customer's account; the owner is told by e-mail. */
    public Requested request(String staffUserId, String accountUserId, String reason, Scope scope, Duration duration, String ip) {
        Optional<Requested.Refused> refused = refusal(staffUserId, accountUserId, reason, scope, duration);
        if (refused.isPresent()) {
            audit.record(new AuditRecord(staffUserId, "identity.support.requested", accountUserId == null ? "" : accountUserId,
                    AuditRecord.Outcome.DENIED, ip, Map.of("rule", refused.get().rule())));
            return refused.get();
        }
        String id = RandomIds.id("sga");
        jdbc.sql("""
                INSERT INTO identity_support_grant (id, staff_user_id, account_user_id, reason, scope, duration_seconds, status, requested_at)
                VALUES (?, ?, ?, ?, ?, ?, 'PENDING', ?)""")
                .params(id, staffUserId, accountUserId, reason.trim(), scope.name(), (int) duration.toSeconds(), now()).update();
        audit.record(new AuditRecord(staffUserId, "identity.support.requested", accountUserId, AuditRecord.Outcome.SUCCESS, ip,
                Map.of("grant", id, "scope", scope.name(), "minutes", Long.toString(duration.toMinutes()))));
        UserAccount owner = users.byId(accountUserId).orElseThrow();
        notifications.sendEmail(owner.email(), "Bastion support asks for access to your account",
                "A member of Bastion support asked for " + (scope == Scope.READ_ONLY ? "read-only" : "read-write")
                        + " access to your account for " + duration.toMinutes() + " minutes. Reason: " + reason.trim()
                        + "\nNobody at Bastion can see your account unless you approve. Approve or deny under Support in your account.");
        return new Requested.Pending(id);
    }

    private Optional<Requested.Refused> refusal(String staffUserId, String accountUserId, String reason, Scope scope, Duration duration) {
        if (users.byId(staffUserId).filter(u -> u.kind() == UserAccount.Kind.STAFF).isEmpty()) {
            return Optional.of(new Requested.Refused("REQUESTER_MUST_BE_STAFF", "Only staff can ask for support access."));
        }
        if (accountUserId == null || users.byId(accountUserId).filter(u -> u.kind() == UserAccount.Kind.CUSTOMER).isEmpty()) {
            return Optional.of(new Requested.Refused("ACCOUNT_MUST_BE_A_CUSTOMER", "No customer account matches."));
        }
        if (reason == null || reason.trim().length() < REASON_LENGTH_MIN || reason.trim().length() > REASON_LENGTH_MAX) {
            return Optional.of(new Requested.Refused("REASON_REQUIRED", "Give a reason of 10 to 500 characters."));
        }
        if (scope == null) {
            return Optional.of(new Requested.Refused("SCOPE_REQUIRED", "Choose read-only or read-write."));
        }
        if (duration == null || duration.compareTo(GRANT_DURATION_MAX) > 0 || duration.compareTo(GRANT_DURATION_MIN) < 0) {
            return Optional.of(new Requested.Refused("DURATION_AT_MOST_24_HOURS", "Ask for 15 minutes to 24 hours."));
        }
        return Optional.empty();
    }

    /**
     * The owner approves a pending request, proving it is them with a fresh second factor. The grant's time
     * starts now. Anyone but the owner gets NOT_FOUND, before any code is checked.
     */
    public Result approve(String ownerUserId, String grantId, SecondFactors.Method method, String code, String ip) {
        Optional<Grant> grant = ownersGrant(ownerUserId, grantId).filter(g -> g.state(clock.instant()) == State.PENDING);
        if (grant.isEmpty()) {
            audit.record(AuditRecord.of(ownerUserId, "identity.support.approved", safe(grantId), AuditRecord.Outcome.DENIED, ip));
            return Result.NOT_FOUND;
        }
        if (!factors.verify(ownerUserId, method, code, true, ip)) {
            audit.record(AuditRecord.of(ownerUserId, "identity.support.approved", grantId, AuditRecord.Outcome.FAILURE, ip));
            return Result.SECOND_FACTOR_REJECTED;
        }
        Instant now = clock.instant();
        int updated = jdbc.sql("""
                UPDATE identity_support_grant SET status = 'APPROVED', decided_at = ?, expires_at = ?
                WHERE id = ? AND account_user_id = ? AND status = 'PENDING'""")
                .params(utc(now), utc(now.plus(grant.get().duration())), grantId, ownerUserId).update();
        if (updated == 0) {
            return Result.NOT_FOUND;
        }
        audit.record(new AuditRecord(ownerUserId, "identity.support.approved", grantId, AuditRecord.Outcome.SUCCESS, ip,
                Map.of("staff", grant.get().staffUserId(), "scope", grant.get().scope().name())));
        return Result.DONE;
    }

    /** The owner turns a pending request down. */
    public Result deny(String ownerUserId, String grantId, String ip) {
        int updated = jdbc.sql("""
                UPDATE identity_support_grant SET status = 'DENIED', decided_at = ?
                WHERE id = ? AND account_user_id = ? AND status = 'PENDING'""")
                .params(now(), safe(grantId), ownerUserId).update();
        audit.record(AuditRecord.of(ownerUserId, "identity.support.denied", safe(grantId),
                updated == 1 ? AuditRecord.Outcome.SUCCESS : AuditRecord.Outcome.DENIED, ip));
        return updated == 1 ? Result.DONE : Result.NOT_FOUND;
    }

    /** The owner ends an approved grant before its time. */
    public Result revoke(String ownerUserId, String grantId, String ip) {
        OffsetDateTime now = now();
        int updated = jdbc.sql("""
                UPDATE identity_support_grant SET status = 'REVOKED', revoked_at = ?, expires_at = least(expires_at, ?)
                WHERE id = ? AND account_user_id = ? AND status = 'APPROVED' AND expires_at > ?""")
                .params(now, now, safe(grantId), ownerUserId, now).update();
        audit.record(AuditRecord.of(ownerUserId, "identity.support.revoked", safe(grantId),
                updated == 1 ? AuditRecord.Outcome.SUCCESS : AuditRecord.Outcome.DENIED, ip));
        return updated == 1 ? Result.DONE : Result.NOT_FOUND;
    }

    /** The member of staff's own live grant on the account that covers the scope needed, if any. */
    public Optional<Grant> liveGrant(String staffUserId, String accountUserId, Scope needed) {
        Objects.requireNonNull(needed, "needed");
        return jdbc.sql(GRANT_COLUMNS + """
                 WHERE g.staff_user_id = ? AND g.account_user_id = ? AND g.status = 'APPROVED' AND g.expires_at > ?
                   AND g.scope IN (?, 'READ_WRITE')
                ORDER BY g.expires_at DESC LIMIT 1""")
                .params(staffUserId, accountUserId, now(), needed.name()).query(SupportAccess::grant).optional();
    }

    /** Records one action under a grant: in the audit log and in the list the owner reads. */
    public void recordUse(Grant grant, String action, String ip) {
        jdbc.sql("""
                INSERT INTO identity_support_access_log (grant_id, staff_user_id, account_user_id, action, ip, occurred_at)
                VALUES (?, ?, ?, ?, ?, ?)""")
                .params(grant.id(), grant.staffUserId(), grant.accountUserId(), action, ip == null ? "" : ip, now()).update();
        audit.record(new AuditRecord(grant.staffUserId(), "identity.support.used", grant.accountUserId(), AuditRecord.Outcome.SUCCESS,
                ip, Map.of("grant", grant.id(), "action", action)));
    }

    /** The customer's profile for a member of staff with a live grant; each view is recorded as a use. */
    public Optional<CustomerProfile> viewCustomer(String staffUserId, String accountUserId, String ip) {
        Optional<Grant> grant = liveGrant(staffUserId, accountUserId, Scope.READ_ONLY);
        if (grant.isEmpty()) {
            refused(staffUserId, accountUserId, PROFILE_VIEWED, ip);
            return Optional.empty();
        }
        recordUse(grant.get(), PROFILE_VIEWED, ip);
        List<AccountSecurity.LoginRecord> signIns = accountSecurity.loginHistory(accountUserId).stream().limit(SIGN_INS_SHOWN_MAX).toList();
        return Optional.of(new CustomerProfile(users.byId(accountUserId).orElseThrow(), signIns, grant.get()));
    }

    /** Ends every session of the customer; needs a live read-write grant. */
    public Result endCustomerSessions(String staffUserId, String accountUserId, String ip) {
        return underWriteGrant(staffUserId, accountUserId, SESSIONS_ENDED, ip, () -> sessions.endAllExcept(accountUserId, null));
    }

    /** Sends fresh e-mail and SMS codes to a customer who has not verified both yet; needs a live read-write grant. */
    public Result sendVerificationCodes(String staffUserId, String accountUserId, String ip) {
        // Only an unverified account has codes to send; the owner's list must not claim an action that did nothing.
        if (liveGrant(staffUserId, accountUserId, Scope.READ_WRITE).isPresent()
                && users.byId(accountUserId).map(UserAccount::verified).orElse(false)) {
            return Result.NOTHING_TO_DO;
        }
        return underWriteGrant(staffUserId, accountUserId, CODES_SENT, ip, () -> registration.resendCodes(accountUserId, ip));
    }

    private Result underWriteGrant(String staffUserId, String accountUserId, String action, String ip, Runnable work) {
        if (liveGrant(staffUserId, accountUserId, Scope.READ_ONLY).isEmpty()) {
            refused(staffUserId, accountUserId, action, ip);
            return Result.NO_LIVE_GRANT;
        }
        Optional<Grant> grant = liveGrant(staffUserId, accountUserId, Scope.READ_WRITE);
        if (grant.isEmpty()) {
            refused(staffUserId, accountUserId, action, ip);
            return Result.GRANT_IS_READ_ONLY;
        }
        work.run();
        recordUse(grant.get(), action, ip);
        return Result.DONE;
    }

    private void refused(String staffUserId, String accountUserId, String action, String ip) {
        audit.record(new AuditRecord(staffUserId, "identity.support.used", safe(accountUserId), AuditRecord.Outcome.DENIED, ip,
                Map.of("action", action)));
    }

    /** The requests a member of staff made, newest first. */
    public List<Grant> requestsBy(String staffUserId) {
        return jdbc.sql(GRANT_COLUMNS + " WHERE g.staff_user_id = ? ORDER BY g.requested_at DESC LIMIT ?")
                .params(staffUserId, GRANTS_LISTED_MAX).query(SupportAccess::grant).list();
    }

    /** The requests for access to the owner's account, newest first. */
    public List<Grant> grantsFor(String ownerUserId) {
        return jdbc.sql(GRANT_COLUMNS + " WHERE g.account_user_id = ? ORDER BY g.requested_at DESC LIMIT ?")
                .params(ownerUserId, GRANTS_LISTED_MAX).query(SupportAccess::grant).list();
    }

    /** What staff did on the owner's account under any grant, newest first. */
    public List<Use> usesFor(String ownerUserId) {
        return jdbc.sql("""
                SELECT l.grant_id, s.display_name, l.action, l.occurred_at FROM identity_support_access_log l
                JOIN identity_user s ON s.id = l.staff_user_id
                WHERE l.account_user_id = ? ORDER BY l.occurred_at DESC, l.id DESC LIMIT ?""")
                .params(ownerUserId, USES_LISTED_MAX)
                .query((rs, n) -> new Use(rs.getString(1), rs.getString(2), rs.getString(3), instant(rs, "occurred_at")))
                .list();
    }

    /** The customer an e-mail address belongs to, for the staff request form; staff accounts are not offered. */
    public Optional<String> customerIdByEmail(String email) {
        return users.byEmail(email).filter(u -> u.kind() == UserAccount.Kind.CUSTOMER).map(UserAccount::id);
    }

    private Optional<Grant> ownersGrant(String ownerUserId, String grantId) {
        return jdbc.sql(GRANT_COLUMNS + " WHERE g.id = ? AND g.account_user_id = ?")
                .params(safe(grantId), ownerUserId).query(SupportAccess::grant).optional();
    }

    private static String safe(String id) {
        return id == null || id.length() > 64 ? "" : id;
    }

    private OffsetDateTime now() {
        return utc(clock.instant());
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Grant grant(ResultSet rs, int row) throws SQLException {
        String role = rs.getString("staff_role");
        return new Grant(rs.getString("id"), rs.getString("staff_user_id"), rs.getString("staff_name"),
                role == null ? null : UserAccount.StaffRole.valueOf(role), rs.getString("account_user_id"),
                rs.getString("account_email"), rs.getString("reason"), Scope.valueOf(rs.getString("scope")),
                Duration.ofSeconds(rs.getInt("duration_seconds")), rs.getString("status"), instant(rs, "requested_at"),
                instant(rs, "decided_at"), instant(rs, "expires_at"), instant(rs, "revoked_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
