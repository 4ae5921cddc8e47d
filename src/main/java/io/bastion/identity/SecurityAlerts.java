package io.bastion.identity;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import io.bastion.notification.Notifications;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The security events a user is shown in the security centre: short, non-secret facts written by the
 * code paths that cause them (lockout, password, factors, new devices, contact changes).
 */
@Component
public class SecurityAlerts {

    public static final int ALERTS_SHOWN_MAX = 20;
    static final int DETAIL_LENGTH_MAX = 200;
    static final int IP_LENGTH_MAX = 64;

    private final JdbcClient jdbc;
    private final Notifications notifications;
    private final Clock clock;

    SecurityAlerts(JdbcClient jdbc, Notifications notifications, Clock clock) {
        this.jdbc = jdbc;
        this.notifications = notifications;
        this.clock = clock;
    }

    /** What happened to the account, with the sentence the security centre shows for it. */
    public enum Kind {
        ACCOUNT_LOCKED("Your account was locked after too many wrong passwords."),
        PASSWORD_CHANGED("Your password was changed."),
        FACTOR_ADDED("A second factor was added."),
        FACTOR_REMOVED("A second factor was removed."),
        NEW_DEVICE("Your password was used to sign in from a device not seen before."),
        EMAIL_CHANGED("Your e-mail address was changed."),
        PHONE_CHANGED("Your phone number was changed.");

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    /** One alert as its owner sees it. */
    public record Alert(Instant at, Kind kind, String ip, String detail) {
        public String description() {
            return kind.description();
        }
    }

    void record(String userId, Kind kind, String ip, String detail) {
        jdbc.sql("INSERT INTO identity_security_alert (user_id, occurred_at, kind, ip, detail) VALUES (?, ?, ?, ?, ?)")
                .params(userId, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC), kind.name(), clip(ip, IP_LENGTH_MAX),
                        clip(detail, DETAIL_LENGTH_MAX))
                .update();
    }

    /**
     * Records a sign-in from a device (browser) that has not signed in to this account before; the very
     * first sign-in of an account is not news. Call after the accepted sign-in is recorded.
     */
    void signedIn(UserAccount user, String ip, String device) {
        String userId = user.id();
        String seen = device == null ? "" : clip(device, DETAIL_LENGTH_MAX);
        long accepted = jdbc.sql("SELECT count(*) FROM identity_login_event WHERE user_id = ? AND outcome = 'password-accepted'")
                .param(userId).query(Long.class).single();
        long fromDevice = jdbc.sql("""
                SELECT count(*) FROM identity_login_event WHERE user_id = ? AND outcome = 'password-accepted' AND device = ?""")
                .params(userId, seen).query(Long.class).single();
        if (accepted > 1 && fromDevice == 1) {
            record(userId, Kind.NEW_DEVICE, ip, seen);
            notifications.sendEmail(user.email(), "New sign-in to your Bastion account",
                    "Your password was just used to sign in from a device we had not seen before (address " + ip + "). "
                            + "If this was not you, reset your password now and end that session in your security centre.");
        }
    }

    /** The newest alerts of one user, at most {@link #ALERTS_SHOWN_MAX}. */
    public List<Alert> recent(String userId) {
        return jdbc.sql("SELECT occurred_at, kind, ip, detail FROM identity_security_alert WHERE user_id = ? ORDER BY id DESC LIMIT ?")
                .params(userId, ALERTS_SHOWN_MAX)
                .query((rs, n) -> new Alert(rs.getObject(1, OffsetDateTime.class).toInstant(), Kind.valueOf(rs.getString(2)),
                        rs.getString(3), rs.getString(4)))
                .list();
    }

    private static String clip(String value, int max) {
        if (value == null) {
            return "";
        }
        return value.length() <= max ? value : value.substring(0, max);
    }
}
