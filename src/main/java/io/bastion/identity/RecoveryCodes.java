package io.bastion.identity;

import io.bastion.audit.AuditLog;
import io.bastion.audit.AuditRecord;
import io.bastion.keys.KeyPurpose;
import io.bastion.keys.Keys;
import io.bastion.notification.Notifications;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Ten single-use recovery codes for when every second factor is lost. They are shown once, and only a
 * keyed hash bound to the user is stored, so a copy of the database yields no usable code.
 */
@Service
public class RecoveryCodes {

    static final int CODES_PER_SET = 10;
    /** 10 characters from a 31-letter alphabet: about 49 random bits per code, and a sign-in allows 5 tries. */
    static final int CODE_CHARACTERS = 10;
    static final int HASH_BYTES = 32;
    /** No 0/o, 1/l/i: codes are read off paper and typed by hand. */
    static final String ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final Keys keys;
    private final UserStore users;
    private final Notifications notifications;
    private final AuditLog audit;
    private final Clock clock;

    RecoveryCodes(JdbcClient jdbc, Keys keys, UserStore users, Notifications notifications, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.keys = keys;
        this.users = users;
        this.notifications = notifications;
        this.audit = audit;
        this.clock = clock;
    }

    /** Replaces the user's codes with a new set and returns it; the caller shows it once and forgets it. */
    @Transactional
    public List<String> regenerate(String userId, String ip) {
        int dropped = jdbc.sql("DELETE FROM identity_recovery_code WHERE user_id = ?").param(userId).update();
        OffsetDateTime now = now();
        List<String> codes = new ArrayList<>(CODES_PER_SET);
        for (int i = 0; i < CODES_PER_SET; i++) {
            String code = newCode();
            codes.add(code);
            jdbc.sql("INSERT INTO identity_recovery_code (user_id, code_hash, created_at) VALUES (?, ?, ?)")
                    .params(userId, hash(userId, code), now).update();
        }
        audit.record(new AuditRecord(userId, "identity.factor.recovery-codes.generated", userId, AuditRecord.Outcome.SUCCESS, ip,
                Map.of("replaced", Integer.toString(dropped))));
        return List.copyOf(codes);
    }

    /** How many unused codes the user has left. */
    public int remaining(String userId) {
        return jdbc.sql("SELECT count(*) FROM identity_recovery_code WHERE user_id = ? AND used_at IS NULL")
                .param(userId).query(Integer.class).single();
    }

    /** Uses a code once: true only for an unused code of this user's current set. The owner is told by e-mail. */
    @Transactional
    boolean redeem(String userId, String presented) {
        String normalised = normalise(presented);
        if (normalised.length() != CODE_CHARACTERS) {
            return false;
        }
        // One conditional update, so two simultaneous uses of a code cannot both succeed.
        boolean used = jdbc.sql("UPDATE identity_recovery_code SET used_at = ? WHERE user_id = ? AND code_hash = ? AND used_at IS NULL")
                .params(now(), userId, hash(userId, format(normalised))).update() == 1;
        if (used) {
            int left = remaining(userId);
            users.byId(userId).ifPresent(user -> notifications.sendEmail(user.email(), "A Bastion recovery code was used",
                    "One of your recovery codes was just used to sign in; " + left + " are left. If this was not you, "
                            + "contact support now. Set up a new second factor and new recovery codes in the security centre."));
        }
        return used;
    }

    static String newCode() {
        StringBuilder raw = new StringBuilder(CODE_CHARACTERS);
        for (int i = 0; i < CODE_CHARACTERS; i++) {
            raw.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return format(raw.toString());
    }

    /** xxxx-xxxx-xx, the form printed for the user and hashed. */
    static String format(String raw) {
        return raw.substring(0, 4) + "-" + raw.substring(4, 8) + "-" + raw.substring(8);
    }

    /** Forgives case, spaces and dashes, which people add or drop when copying codes. */
    static String normalise(String presented) {
        return presented == null ? "" : presented.toLowerCase(Locale.ROOT).replaceAll("[\\s-]", "");
    }

    private byte[] hash(String userId, String code) {
        try {
            return keys.prf(KeyPurpose.CODE_HASH).computePrimary(
                    ("recovery\n" + userId + "\n" + code).getBytes(StandardCharsets.UTF_8), HASH_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot hash a recovery code", e);
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
