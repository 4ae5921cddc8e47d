package io.bastion.identity;

import io.bastion.audit.AuditLog;
import io.bastion.audit.AuditRecord;
import io.bastion.notification.Notifications;
import org.springframework.stereotype.Service;

/**
 * Checks a second factor for a signed-in user: an authenticator-app code or a code sent by SMS. Each
 * check is audited; callers count failures per sign-in attempt.
 */
@Service
public class SecondFactors {

    /** Which factor a code claims to come from. */
    public enum Method {
        TOTP, SMS,
        /** A single-use recovery code: accepted at sign-in only, never as a step-up. */
        RECOVERY
    }

    private final Totp totp;
    private final VerificationCodes codes;
    private final UserStore users;
    private final Notifications notifications;
    private final RateLimits limits;
    private final RecoveryCodes recoveryCodes;
    private final AuditLog audit;

    SecondFactors(Totp totp, VerificationCodes codes, UserStore users, Notifications notifications, RateLimits limits,
                  RecoveryCodes recoveryCodes, AuditLog audit) {
        this.totp = totp;
        this.codes = codes;
        this.users = users;
        this.notifications = notifications;
        this.limits = limits;
        this.recoveryCodes = recoveryCodes;
        this.audit = audit;
    }

    /** Sends a login or step-up code to the user's verified phone; false when the sending limit is reached. */
    public boolean sendSmsCode(String userId, boolean stepUp, String ip) {
        UserAccount user = users.byId(userId).orElseThrow();
        if (user.phoneVerifiedAt() == null || !limits.tryAcquire(RateLimits.Limit.CODE_PER_ACCOUNT, userId)
                || !limits.tryAcquire(RateLimits.Limit.CODE_PER_PHONE, user.phone())) {
            return false;
        }
        String code = codes.issueCode(userId, stepUp ? VerificationCodes.Purpose.STEP_UP_SMS : VerificationCodes.Purpose.LOGIN_SMS);
        notifications.sendSms(user.phone(), "Bastion: your sign-in code is " + code + ". It expires in 5 minutes. Never share it.");
        audit.record(AuditRecord.of(userId, "identity.factor.sms.sent", userId, AuditRecord.Outcome.INFO, ip));
        return true;
    }

    /** True when the code is right for the method; a code is good once. */
    public boolean verify(String userId, Method method, String code, boolean stepUp, String ip) {
        boolean ok = switch (method) {
            case TOTP -> totp.verify(userId, code);
            case SMS -> codes.check(userId, stepUp ? VerificationCodes.Purpose.STEP_UP_SMS : VerificationCodes.Purpose.LOGIN_SMS,
                    code) == VerificationCodes.Check.ACCEPTED;
            case RECOVERY -> !stepUp && recoveryCodes.redeem(userId, code);
        };
        audit.record(new AuditRecord(userId, stepUp ? "identity.stepup" : "identity.login.second-factor", userId,
                ok ? AuditRecord.Outcome.SUCCESS : AuditRecord.Outcome.FAILURE, ip, java.util.Map.of("method", method.name())));
        return ok;
    }
}
