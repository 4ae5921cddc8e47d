package io.bastion.identity;

import io.bastion.keys.KeyPurpose;
import io.bastion.keys.Keys;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * One-time codes and links: stored only as a keyed hash bound to the user and purpose, single use,
 * expiring, and dead after {@link #ATTEMPTS_MAX} wrong guesses.
 */
@Component
class VerificationCodes {

    static final int ATTEMPTS_MAX = 5;
    static final int CODE_DIGITS = 6;
    static final int HASH_BYTES = 32;

    /** What a code is for; each purpose has its own lifetime. */
    enum Purpose {
        VERIFY_EMAIL(Duration.ofMinutes(30)),
        VERIFY_PHONE(Duration.ofMinutes(30)),
        LOGIN_SMS(Duration.ofMinutes(5)),
        STEP_UP_SMS(Duration.ofMinutes(5)),
        PASSWORD_RESET(Duration.ofMinutes(30)),
        CHANGE_EMAIL(Duration.ofMinutes(15)),
        CHANGE_PHONE(Duration.ofMinutes(15));

        private final Duration lifetime;

        Purpose(Duration lifetime) {
            this.lifetime = lifetime;
        }

        Duration lifetime() {
            return lifetime;
        }
    }

    /** How a check ended. */
    enum Check {
        ACCEPTED, WRONG, EXPIRED_OR_USED, TOO_MANY_ATTEMPTS
    }

    private final JdbcClient jdbc;
    private final Keys keys;
    private final Clock clock;

    VerificationCodes(JdbcClient jdbc, Keys keys, Clock clock) {
        this.jdbc = jdbc;
        this.keys = keys;
        this.clock = clock;
    }

    /** Issues a new numeric code, replacing any earlier unused code of the same purpose. */
    @Transactional
    String issueCode(String userId, Purpose purpose) {
        return issue(userId, purpose, RandomIds.digits(CODE_DIGITS));
    }

    /** Issues a long random token for a link (password reset); returns "codeId.token". */
    @Transactional
    String issueLinkToken(String userId, Purpose purpose) {
        String token = RandomIds.token(32);
        String id = storeReturningId(userId, purpose, token);
        return id + "." + token;
    }

    /**
     * Issues a numeric code that is good only together with {@code boundTo} (the new e-mail address or
     * phone it was sent to); check it with {@code check(userId, purpose, code + "\n" + boundTo)}.
     */
    @Transactional
    String issueBoundCode(String userId, Purpose purpose, String boundTo) {
        String code = RandomIds.digits(CODE_DIGITS);
        storeReturningId(userId, purpose, code + "\n" + boundTo);
        return code;
    }

    private String issue(String userId, Purpose purpose, String secret) {
        storeReturningId(userId, purpose, secret);
        return secret;
    }

    private String storeReturningId(String userId, Purpose purpose, String secret) {
        Instant now = clock.instant();
        jdbc.sql("UPDATE identity_code SET consumed_at = ? WHERE user_id = ? AND purpose = ? AND consumed_at IS NULL")
                .params(utc(now), userId, purpose.name()).update();
        String id = RandomIds.id("code");
        jdbc.sql("INSERT INTO identity_code (id, user_id, purpose, code_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)")
                .params(id, userId, purpose.name(), hash(userId, purpose, secret), utc(now), utc(now.plus(purpose.lifetime())))
                .update();
        return id;
    }

    /** Checks the latest live code of a purpose; a correct code is consumed. Commits even when wrong. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    Check check(String userId, Purpose purpose, String presented) {
        Optional<Row> row = jdbc.sql("""
                SELECT id, code_hash, attempts, expires_at, consumed_at FROM identity_code
                WHERE user_id = ? AND purpose = ? ORDER BY created_at DESC LIMIT 1 FOR UPDATE""")
                .params(userId, purpose.name())
                .query((rs, n) -> new Row(rs.getString(1), rs.getBytes(2), rs.getInt(3),
                        rs.getObject(4, OffsetDateTime.class).toInstant(), rs.getObject(5, OffsetDateTime.class)))
                .optional();
        return row.map(r -> judge(r, userId, purpose, presented)).orElse(Check.EXPIRED_OR_USED);
    }

    /** Checks a link token "codeId.token" and returns the user it belongs to when it is accepted. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    Optional<String> redeemLink(Purpose purpose, String link) {
        int dot = link == null ? -1 : link.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        String id = link.substring(0, dot);
        Optional<String> userId = jdbc.sql("SELECT user_id FROM identity_code WHERE id = ? AND purpose = ?")
                .params(id, purpose.name()).query(String.class).optional();
        return userId.filter(u -> check(u, purpose, link.substring(dot + 1)) == Check.ACCEPTED);
    }

    /**
     * The owner of a live link "codeId.token" without using it up: empty when the link is unknown,
     * wrong, used, expired or out of attempts. Opening a link must not spend it (mail scanners open links).
     */
    @Transactional(readOnly = true)
    Optional<String> linkOwner(Purpose purpose, String link) {
        int dot = link == null ? -1 : link.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return jdbc.sql("""
                        SELECT user_id, code_hash FROM identity_code
                        WHERE id = ? AND purpose = ? AND consumed_at IS NULL AND expires_at > ? AND attempts < ?""")
                .params(link.substring(0, dot), purpose.name(), utc(now), ATTEMPTS_MAX)
                .query((rs, n) -> new LinkRow(rs.getString(1), rs.getBytes(2)))
                .optional()
                .filter(r -> MessageDigest.isEqual(r.hash(), hash(r.userId(), purpose, link.substring(dot + 1))))
                .map(LinkRow::userId);
    }

    /** Counts a failed use of a link (say, a wrong second factor sent with it), so a link cannot be used to guess codes. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    void countLinkFailure(String link) {
        int dot = link == null ? -1 : link.indexOf('.');
        if (dot > 0) {
            jdbc.sql("UPDATE identity_code SET attempts = attempts + 1 WHERE id = ?").param(link.substring(0, dot)).update();
        }
    }

    private Check judge(Row row, String userId, Purpose purpose, String presented) {
        Instant now = clock.instant();
        if (row.consumedAt() != null || !row.expiresAt().isAfter(now)) {
            return Check.EXPIRED_OR_USED;
        }
        if (row.attempts() >= ATTEMPTS_MAX) {
            return Check.TOO_MANY_ATTEMPTS;
        }
        if (presented != null && MessageDigest.isEqual(row.hash(), hash(userId, purpose, presented.trim()))) {
            jdbc.sql("UPDATE identity_code SET consumed_at = ? WHERE id = ?").params(utc(now), row.id()).update();
            return Check.ACCEPTED;
        }
        jdbc.sql("UPDATE identity_code SET attempts = attempts + 1 WHERE id = ?").param(row.id()).update();
        return row.attempts() + 1 >= ATTEMPTS_MAX ? Check.TOO_MANY_ATTEMPTS : Check.WRONG;
    }

    private byte[] hash(String userId, Purpose purpose, String secret) {
        try {
            return keys.prf(KeyPurpose.CODE_HASH).computePrimary(
                    (userId + "\n" + purpose.name() + "\n" + secret).getBytes(StandardCharsets.UTF_8), HASH_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot hash a one-time code", e);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private record LinkRow(String userId, byte[] hash) {
    }

    private record Row(String id, byte[] hash, int attempts, Instant expiresAt, OffsetDateTime consumedAt) {
    }
}
