package io.bastion.identity;

import io.bastion.audit.AuditLog;
import io.bastion.audit.AuditRecord;
import io.bastion.notification.Notifications;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sign-up for individuals and businesses. The answer never says whether an e-mail address is already
 * registered: a duplicate gets the same "we sent you codes" answer, and the address's owner is told
 * by e-mail instead.
 */
@Service
public class Registration {

    static final int NAME_LENGTH_MAX = 100;
    static final int EMAIL_LENGTH_MAX = 254;
    static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+$");
    static final Pattern PHONE = Pattern.compile("^\\+[1-9][0-9]{6,14}$");

    private final UserStore users;
    private final PasswordPolicy policy;
    private final PasswordHashing hashing;
    private final VerificationCodes codes;
    private final Notifications notifications;
    private final RateLimits limits;
    private final AuditLog audit;
    private final JdbcClient jdbc;
    private final Clock clock;

    Registration(UserStore users, PasswordPolicy policy, PasswordHashing hashing, VerificationCodes codes,
                 Notifications notifications, RateLimits limits, AuditLog audit, JdbcClient jdbc, Clock clock) {
        this.users = users;
        this.policy = policy;
        this.hashing = hashing;
        this.codes = codes;
        this.notifications = notifications;
        this.limits = limits;
        this.audit = audit;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** What someone fills in to open an account. */
    public record SignUp(boolean business, String businessName, String name, String email, String phone, String password) {
    }

    /** The answer: a field that broke a rule, a rate limit, or codes sent (to a real or a pretend account). */
    public sealed interface Outcome {
        /** A field broke a rule; nothing was created. */
        record Invalid(String field, String rule, String message) implements Outcome {
        }

        /** Too many sign-ups from this address. */
        record RateLimited() implements Outcome {
        }

        /** Codes were sent; {@code userId} is empty when the address was already registered. */
        record CodesSent(Optional<String> userId) implements Outcome {
        }
    }

    @Transactional
    public Outcome signUp(SignUp form, String ip) {
        Optional<Outcome.Invalid> invalid = validate(form);
        if (invalid.isPresent()) {
            return invalid.get();
        }
        if (!limits.tryAcquire(RateLimits.Limit.SIGNUP_PER_IP, ip) || !limits.tryAcquire(RateLimits.Limit.CODE_PER_PHONE, form.phone())) {
            return new Outcome.RateLimited();
        }
        if (users.byEmail(form.email()).isPresent()) {
            hashing.burn(form.password());
            notifications.sendEmail(UserStore.normaliseEmail(form.email()), "Someone tried to open a Bastion account with your address",
                    "Someone tried to sign up with this e-mail address. If it was you, sign in instead or reset your password. "
                            + "If it was not, you can ignore this message; your account is unchanged.");
            audit.record(AuditRecord.of("anonymous", "identity.signup.duplicate", "", AuditRecord.Outcome.DENIED, ip));
            return new Outcome.CodesSent(Optional.empty());
        }
        String userId = RandomIds.id("usr");
        users.insert(userId, UserAccount.Kind.CUSTOMER, null, form.email(), form.phone(), form.name().trim(),
                hashing.hash(form.password()));
        if (form.business()) {
            String businessId = RandomIds.id("biz");
            OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
            jdbc.sql("INSERT INTO identity_business (id, name, created_at) VALUES (?, ?, ?)")
                    .params(businessId, form.businessName().trim(), now).update();
            jdbc.sql("INSERT INTO identity_membership (business_id, user_id, role, created_at) VALUES (?, ?, 'OWNER', ?)")
                    .params(businessId, userId, now).update();
        }
        sendVerificationCodes(userId, form.email(), form.phone());
        audit.record(new AuditRecord(userId, "identity.signup", userId, AuditRecord.Outcome.SUCCESS, ip,
                Map.of("kind", form.business() ? "business" : "individual")));
        return new Outcome.CodesSent(Optional.of(userId));
    }

    private void sendVerificationCodes(String userId, String email, String phone) {
        String emailCode = codes.issueCode(userId, VerificationCodes.Purpose.VERIFY_EMAIL);
        String smsCode = codes.issueCode(userId, VerificationCodes.Purpose.VERIFY_PHONE);
        notifications.sendEmail(UserStore.normaliseEmail(email), "Your Bastion e-mail code",
                "Your code to confirm this e-mail address is " + emailCode + ". It expires in 30 minutes.");
        notifications.sendSms(phone, "Bastion: your code to confirm this phone is " + smsCode + ". Never share it.");
    }

    /** Sends fresh codes to an unverified account, within the code-sending limits. */
    public boolean resendCodes(String userId, String ip) {
        Optional<UserAccount> user = users.byId(userId).filter(u -> !u.verified());
        if (user.isEmpty()) {
            return true;
        }
        if (!limits.tryAcquire(RateLimits.Limit.CODE_PER_ACCOUNT, userId) || !limits.tryAcquire(RateLimits.Limit.CODE_PER_IP, ip)
                || !limits.tryAcquire(RateLimits.Limit.CODE_PER_PHONE, user.get().phone())) {
            return false;
        }
        sendVerificationCodes(userId, user.get().email(), user.get().phone());
        return true;
    }

    /** Checks both codes; true when the account is now verified. Wrong codes count against their limit. */
    public boolean verify(String userId, String emailCode, String smsCode, String ip) {
        if (userId == null) {
            return false;
        }
        VerificationCodes.Check email = codes.check(userId, VerificationCodes.Purpose.VERIFY_EMAIL, emailCode);
        VerificationCodes.Check sms = codes.check(userId, VerificationCodes.Purpose.VERIFY_PHONE, smsCode);
        if (email == VerificationCodes.Check.ACCEPTED) {
            users.markEmailVerified(userId);
        }
        if (sms == VerificationCodes.Check.ACCEPTED) {
            users.markPhoneVerified(userId);
        }
        boolean verified = users.byId(userId).map(UserAccount::verified).orElse(false);
        audit.record(AuditRecord.of(userId, "identity.contact.verify", userId,
                verified ? AuditRecord.Outcome.SUCCESS : AuditRecord.Outcome.FAILURE, ip));
        return verified;
    }

    private Optional<Outcome.Invalid> validate(SignUp form) {
        if (form.business() && (form.businessName() == null || form.businessName().isBlank() || form.businessName().length() > NAME_LENGTH_MAX)) {
            return Optional.of(new Outcome.Invalid("businessName", "required", "Enter your business's name (up to 100 characters)."));
        }
        if (form.name() == null || form.name().isBlank() || form.name().length() > NAME_LENGTH_MAX) {
            return Optional.of(new Outcome.Invalid("name", "required", "Enter your name (up to 100 characters)."));
        }
        String email = UserStore.normaliseEmail(form.email());
        if (email.length() > EMAIL_LENGTH_MAX || !EMAIL.matcher(email).matches()) {
            return Optional.of(new Outcome.Invalid("email", "email", "Enter a valid e-mail address."));
        }
        if (form.phone() == null || !PHONE.matcher(form.phone()).matches()) {
            return Optional.of(new Outcome.Invalid("phone", "e164", "Enter your mobile number with its country code, like +447700900123."));
        }
        return policy.check(form.password(), false, email, form.phone())
                .map(v -> new Outcome.Invalid("password", v.rule(), v.message()));
    }
}
