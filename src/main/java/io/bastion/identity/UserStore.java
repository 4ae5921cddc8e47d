package io.bastion.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads and writes user rows; every query names the user it concerns. */
@Component
class UserStore {

    static final int PASSWORD_HISTORY_MAX = 4;
    private static final String COLUMNS = """
            id, kind, staff_role, email, phone, display_name, email_verified_at, phone_verified_at,
            failed_password_count, locked_until, lock_count, totp_enabled_at, sms_factor_enabled, created_at""";

    private final JdbcClient jdbc;
    private final Clock clock;

    UserStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    static String normaliseEmail(String email) {
        return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
    }

    Optional<UserAccount> byId(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM identity_user WHERE id = ?").param(id).query(UserStore::map).optional();
    }

    Optional<UserAccount> byEmail(String email) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM identity_user WHERE email = ?").param(normaliseEmail(email))
                .query(UserStore::map).optional();
    }

    /** Locks the user's row for the rest of the transaction (login counters change under it). */
    Optional<UserAccount> byEmailForUpdate(String email) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM identity_user WHERE email = ? FOR UPDATE").param(normaliseEmail(email))
                .query(UserStore::map).optional();
    }

    Optional<String> passwordHash(String userId) {
        return jdbc.sql("SELECT password_hash FROM identity_user WHERE id = ?").param(userId).query(String.class).optional();
    }

    List<String> recentPasswordHashes(String userId) {
        return jdbc.sql("SELECT password_hash FROM identity_password_history WHERE user_id = ? ORDER BY created_at DESC LIMIT ?")
                .params(userId, PASSWORD_HISTORY_MAX).query(String.class).list();
    }

    void insert(String id, UserAccount.Kind kind, UserAccount.StaffRole role, String email, String phone, String name,
                String passwordHash) {
        OffsetDateTime now = now();
        jdbc.sql("""
                INSERT INTO identity_user (id, kind, staff_role, email, phone, display_name, password_hash, password_changed_at, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, kind.name(), role == null ? null : role.name(), normaliseEmail(email), phone, name, passwordHash, now, now)
                .update();
        jdbc.sql("INSERT INTO identity_password_history (user_id, password_hash, created_at) VALUES (?, ?, ?)")
                .params(id, passwordHash, now).update();
    }

    void changePassword(String userId, String passwordHash) {
        OffsetDateTime now = now();
        jdbc.sql("UPDATE identity_user SET password_hash = ?, password_changed_at = ?, failed_password_count = 0 WHERE id = ?")
                .params(passwordHash, now, userId).update();
        jdbc.sql("INSERT INTO identity_password_history (user_id, password_hash, created_at) VALUES (?, ?, ?)")
                .params(userId, passwordHash, now).update();
    }

    void markEmailVerified(String userId) {
        jdbc.sql("UPDATE identity_user SET email_verified_at = coalesce(email_verified_at, ?) WHERE id = ?").params(now(), userId).update();
    }

    void markPhoneVerified(String userId) {
        jdbc.sql("UPDATE identity_user SET phone_verified_at = coalesce(phone_verified_at, ?) WHERE id = ?").params(now(), userId).update();
    }

    void recordPasswordFailure(String userId, int failures, Instant lockedUntil, int lockCount) {
        jdbc.sql("UPDATE identity_user SET failed_password_count = ?, locked_until = ?, lock_count = ? WHERE id = ?")
                .params(failures, lockedUntil == null ? null : OffsetDateTime.ofInstant(lockedUntil, ZoneOffset.UTC), lockCount, userId)
                .update();
    }

    void clearPasswordFailures(String userId) {
        jdbc.sql("UPDATE identity_user SET failed_password_count = 0 WHERE id = ?").param(userId).update();
    }

    void unlock(String userId) {
        jdbc.sql("UPDATE identity_user SET failed_password_count = 0, locked_until = NULL WHERE id = ?").param(userId).update();
    }

    void recordLogin(String userId, String ip, String device, String outcome) {
        jdbc.sql("INSERT INTO identity_login_event (user_id, occurred_at, ip, device, outcome) VALUES (?, ?, ?, ?, ?)")
                .params(userId, now(), ip == null ? "" : ip, device == null ? "" : truncate(device, 200), outcome).update();
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    static UserAccount map(ResultSet rs, int row) throws SQLException {
        String role = rs.getString("staff_role");
        return new UserAccount(rs.getString("id"), UserAccount.Kind.valueOf(rs.getString("kind")),
                role == null ? null : UserAccount.StaffRole.valueOf(role), rs.getString("email"), rs.getString("phone"),
                rs.getString("display_name"), instant(rs, "email_verified_at"), instant(rs, "phone_verified_at"),
                rs.getInt("failed_password_count"), instant(rs, "locked_until"), rs.getInt("lock_count"),
                rs.getObject("totp_enabled_at") != null, rs.getBoolean("sms_factor_enabled"), instant(rs, "created_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
