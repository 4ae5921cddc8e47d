package io.bastion.identity;

import io.bastion.audit.AuditLog;
import io.bastion.audit.AuditRecord;
import io.bastion.notification.Notifications;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Password reset by an e-mailed link: single use, 30 minutes, and followed by the authenticator app
 * when the user has one. Asking for a link answers the same way, after about the same time, whether
 * or not the address has an account.
 */
@Service
public class PasswordReset {

    /** Every request takes at least this long, so the answer's timing does not tell whether a link was sent. */
    static final Duration REQUEST_ANSWER_MIN = Duration.ofMillis(300);
    static final String LINK_PATH = "/password/reset/";

    private final UserStore users;
    private final VerificationCodes codes;
    private final AccountSecurity security;
    private final SecondFactors factors;
    private final PasswordHashing hashing;
    private final Notifications notifications;
    private final RateLimits limits;
    private final AuditLog audit;
    private final String publicUrl;

    PasswordReset(UserStore users, VerificationCodes codes, AccountSecurity security, SecondFactors factors,
                  PasswordHashing hashing, Notifications notifications, RateLimits limits, AuditLog audit,
                  @Value("${bastion.public-url:https://localhost:8443}") String publicUrl) {
        this.users = users;
        this.codes = codes;
        this.security = security;
        this.factors = factors;
        this.hashing = hashing;
        this.notifications = notifications;
        this.limits = limits;
        this.audit = audit;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    /** The answer to "send me a link": deliberately silent about whether one was sent. */
    public enum Requested {
        ANSWERED, RATE_LIMITED
    }

    /** What a live link leads to: whether the form must ask for an authenticator code. */
    public record Link(boolean totpRequired) {
    }

    /** How a submission of a new password with a link ended. */
    public sealed interface Outcome {
        /** The password is changed and every session of the user ended. */
        record Changed() implements Outcome {
        }

        /** The link is unknown, used, expired or spent by wrong codes. */
        record LinkDead() implements Outcome {
        }

        /** The new password breaks a rule; the link is still good. */
        record Invalid(String message) implements Outcome {
        }

        /** The authenticator code is wrong; the attempt counts against the link. */
        record SecondFactorWrong() implements Outcome {
        }
    }

    /** Sends a reset link when the address has an account; does comparable work when it has not. */
    public Requested request(String email, String ip) {
        long started = System.nanoTime();
        try {
            if (!limits.tryAcquire(RateLimits.Limit.RESET_PER_IP, ip)) {
                return Requested.RATE_LIMITED;
            }
            Optional<UserAccount> user = users.byEmail(email);
            if (user.isPresent() && limits.tryAcquire(RateLimits.Limit.CODE_PER_ACCOUNT, user.get().id())) {
                sendLink(user.get(), ip);
            } else {
                // No e-mail goes out, but the same kind of work is done before the common minimum time.
                hashing.burn(email);
                audit.record(AuditRecord.of("anonymous", "identity.password.reset.requested", "", AuditRecord.Outcome.INFO, ip));
            }
            return Requested.ANSWERED;
        } finally {
            waitUntil(started, REQUEST_ANSWER_MIN);
        }
    }

    private void sendLink(UserAccount user, String ip) {
        hashing.burn(user.email());
        String token = codes.issueLinkToken(user.id(), VerificationCodes.Purpose.PASSWORD_RESET);
        notifications.sendEmail(user.email(), "Reset your Bastion password",
                "Someone (we hope you) asked to reset the password of your Bastion account. Open this link within "
                        + VerificationCodes.Purpose.PASSWORD_RESET.lifetime().toMinutes() + " minutes to choose a new one; it works once:\n\n"
                        + publicUrl + LINK_PATH + token + "\n\nIf you did not ask, ignore this e-mail: your password stays as it is.");
        audit.record(AuditRecord.of("anonymous", "identity.password.reset.requested", user.id(), AuditRecord.Outcome.INFO, ip));
    }

    /** Whose live link this is, without spending it; empty when it is unknown, used or expired. */
    public Optional<Link> open(String link) {
        return owner(link).map(u -> new Link(u.totpEnabled()));
    }

    private Optional<UserAccount> owner(String link) {
        return codes.linkOwner(VerificationCodes.Purpose.PASSWORD_RESET, link).flatMap(users::byId);
    }

    /**
     * Sets a new password with a link. Everything is checked before the link is spent: a password that
     * breaks a rule leaves the link usable, and a wrong authenticator code counts against the link's
     * attempts, so the link dies after a few guesses and can never be used twice.
     */
    public Outcome complete(String link, String newPassword, String totpCode, String ip) {
        Optional<UserAccount> found = owner(link);
        if (found.isEmpty()) {
            return new Outcome.LinkDead();
        }
        UserAccount user = found.get();
        Optional<PasswordPolicy.Violation> violation = security.checkNewPassword(user, newPassword);
        if (violation.isPresent()) {
            return new Outcome.Invalid(violation.get().message());
        }
        if (user.totpEnabled() && !factors.verify(user.id(), SecondFactors.Method.TOTP, totpCode, true, ip)) {
            codes.countLinkFailure(link);
            return new Outcome.SecondFactorWrong();
        }
        if (codes.redeemLink(VerificationCodes.Purpose.PASSWORD_RESET, link).isEmpty()) {
            return new Outcome.LinkDead();
        }
        Optional<PasswordPolicy.Violation> late = security.setPassword(user, newPassword, null, ip);
        if (late.isPresent()) {
            // Only a password change racing this one gets here; the spent link is then simply requested again.
            return new Outcome.Invalid(late.get().message());
        }
        audit.record(AuditRecord.of(user.id(), "identity.password.reset", user.id(), AuditRecord.Outcome.SUCCESS, ip));
        notifications.sendEmail(user.email(), "Your Bastion password was changed",
                "The password of your Bastion account was just reset with an e-mailed link, and every session was signed out. "
                        + "If this was not you, contact support at once.");
        return new Outcome.Changed();
    }

    private static void waitUntil(long startedNanos, Duration minimum) {
        long remaining = minimum.toNanos() - (System.nanoTime() - startedNanos);
        if (remaining <= 0) {
            return;
        }
        try {
            TimeUnit.NANOSECONDS.sleep(remaining);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
