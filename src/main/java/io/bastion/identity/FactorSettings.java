package io.bastion.identity;

import io.bastion.audit.AuditLog;
import io.bastion.audit.AuditRecord;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Switching second factors on and off. Callers check that the session saw a fresh second factor;
 * this class keeps the rules that hold whatever the caller: a factor-mandatory user (staff, business
 * owners and admins) keeps at least one factor, SMS needs a verified phone, and every change is audited.
 */
@Service
public class FactorSettings {

    /** How a change ended. */
    public enum Change {
        DONE, PHONE_MUST_BE_VERIFIED, LAST_FACTOR_MUST_STAY, NOT_FOUND
    }

    private final UserStore users;
    private final Passkeys passkeys;
    private final Totp totp;
    private final SignIn signIn;
    private final JdbcClient jdbc;
    private final AuditLog audit;

    FactorSettings(UserStore users, Passkeys passkeys, Totp totp, SignIn signIn, JdbcClient jdbc, AuditLog audit) {
        this.users = users;
        this.passkeys = passkeys;
        this.totp = totp;
        this.signIn = signIn;
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** Authenticator app, SMS and each passkey count as one factor each; recovery codes do not. */
    public int factorCount(String userId) {
        UserAccount user = users.byId(userId).orElseThrow();
        return (user.totpEnabled() ? 1 : 0) + (user.smsFactorEnabled() ? 1 : 0) + passkeys.list(userId).size();
    }

    public boolean hasAnyFactor(String userId) {
        return factorCount(userId) > 0;
    }

    @Transactional
    public Change setSmsFactor(String userId, boolean enabled, String ip) {
        UserAccount user = lockUser(userId);
        if (enabled && user.phoneVerifiedAt() == null) {
            return refused(userId, "identity.factor.sms.enabled", Change.PHONE_MUST_BE_VERIFIED, ip);
        }
        if (!enabled && user.smsFactorEnabled() && lastMandatoryFactor(user)) {
            return refused(userId, "identity.factor.sms.disabled", Change.LAST_FACTOR_MUST_STAY, ip);
        }
        jdbc.sql("UPDATE identity_user SET sms_factor_enabled = ? WHERE id = ?").params(enabled, userId).update();
        audit.record(AuditRecord.of(userId, enabled ? "identity.factor.sms.enabled" : "identity.factor.sms.disabled", userId,
                AuditRecord.Outcome.SUCCESS, ip));
        return Change.DONE;
    }

    @Transactional
    public Change disableTotp(String userId, String ip) {
        UserAccount user = lockUser(userId);
        if (!user.totpEnabled()) {
            return Change.NOT_FOUND;
        }
        if (lastMandatoryFactor(user)) {
            return refused(userId, "identity.factor.totp.disabled", Change.LAST_FACTOR_MUST_STAY, ip);
        }
        totp.disable(userId);
        audit.record(AuditRecord.of(userId, "identity.factor.totp.disabled", userId, AuditRecord.Outcome.SUCCESS, ip));
        return Change.DONE;
    }

    @Transactional
    public Change removePasskey(String userId, String credentialId, String ip) {
        UserAccount user = lockUser(userId);
        if (passkeys.list(userId).stream().noneMatch(p -> p.id().equals(credentialId))) {
            return Change.NOT_FOUND;
        }
        if (lastMandatoryFactor(user)) {
            return refused(userId, "identity.factor.passkey.removed", Change.LAST_FACTOR_MUST_STAY, ip);
        }
        passkeys.remove(userId, credentialId);
        audit.record(AuditRecord.of(userId, "identity.factor.passkey.removed", userId, AuditRecord.Outcome.SUCCESS, ip));
        return Change.DONE;
    }

    /** Whether a factor is mandatory for the user (staff, business owners and admins). */
    public boolean mandatory(String userId) {
        return users.byId(userId).map(signIn::secondFactorMandatory).orElse(true);
    }

    /** Takes the user's row lock, so two removals at once cannot both see "one more factor left". */
    private UserAccount lockUser(String userId) {
        jdbc.sql("SELECT id FROM identity_user WHERE id = ? FOR UPDATE").param(userId).query(String.class).single();
        return users.byId(userId).orElseThrow();
    }

    private boolean lastMandatoryFactor(UserAccount user) {
        return factorCount(user.id()) <= 1 && signIn.secondFactorMandatory(user);
    }

    private Change refused(String userId, String action, Change why, String ip) {
        audit.record(new AuditRecord(userId, action, userId, AuditRecord.Outcome.DENIED, ip, Map.of("rule", why.name())));
        return why;
    }
}
