package io.bastion.identity;

import io.bastion.audit.AuditLog;
import io.bastion.audit.AuditRecord;
import io.bastion.notification.Notifications;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Changing the e-mail address or phone number of an account. The new one is proven with a one-time
 * code sent to it (bound to that address, so a code for one cannot switch to another), the old one is
 * told of the change, and the answer never reveals that an address belongs to someone else.
 */
@Service
public class ContactChange {

    private final UserStore users;
    private final VerificationCodes codes;
    private final Notifications notifications;
    private final RateLimits limits;
    private final SecurityAlerts alerts;
    private final AuditLog audit;
    private final JdbcClient jdbc;
    private final Clock clock;

    ContactChange(UserStore users, VerificationCodes codes, Notifications notifications, RateLimits limits,
                  SecurityAlerts alerts, AuditLog audit, JdbcClient jdbc, Clock clock) {
        this.users = users;
        this.codes = codes;
        this.notifications = notifications;
        this.limits = limits;
        this.alerts = alerts;
        this.audit = audit;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Which contact point is changing. */
    public enum Contact {
        EMAIL(VerificationCodes.Purpose.CHANGE_EMAIL, SecurityAlerts.Kind.EMAIL_CHANGED, "email_verified_at", "email"),
        PHONE(VerificationCodes.Purpose.CHANGE_PHONE, SecurityAlerts.Kind.PHONE_CHANGED, "phone_verified_at", "phone");

        private final VerificationCodes.Purpose purpose;
        private final SecurityAlerts.Kind alert;
        private final String verifiedColumn;
        private final String column;

        Contact(VerificationCodes.Purpose purpose, SecurityAlerts.Kind alert, String verifiedColumn, String column) {
            this.purpose = purpose;
            this.alert = alert;
            this.verifiedColumn = verifiedColumn;
            this.column = column;
        }
    }

    /** How asking for a code ended. */
    public enum Started {
        CODE_SENT, INVALID, UNCHANGED, RATE_LIMITED
    }

    /**
     * Sends a code to the new address or phone. An e-mail address that already has an account gets a
     * notice instead of a code, and the caller sees the same answer.
     */
    @Transactional
    public Started start(String userId, Contact contact, String newValue, String ip) {
        Optional<String> value = normalise(contact, newValue);
        if (value.isEmpty()) {
            return Started.INVALID;
        }
        UserAccount user = users.byId(userId).orElseThrow();
        if (value.get().equals(contact == Contact.EMAIL ? user.email() : user.phone())) {
            return Started.UNCHANGED;
        }
        if (!limits.tryAcquire(RateLimits.Limit.CODE_PER_ACCOUNT, userId) || !limits.tryAcquire(RateLimits.Limit.CODE_PER_IP, ip)
                || contact == Contact.PHONE && !limits.tryAcquire(RateLimits.Limit.CODE_PER_PHONE, value.get())) {
            return Started.RATE_LIMITED;
        }
        audit.record(AuditRecord.of(userId, "identity.contact.change.started", userId, AuditRecord.Outcome.INFO, ip));
        if (contact == Contact.EMAIL && users.byEmail(value.get()).isPresent()) {
            notifications.sendEmail(value.get(), "Someone tried to move a Bastion account to your address",
                    "A Bastion user tried to change their e-mail address to this one, which already has an account. "
                            + "Nothing has changed; you can ignore this message.");
            return Started.CODE_SENT;
        }
        String code = codes.issueBoundCode(userId, contact.purpose, value.get());
        if (contact == Contact.EMAIL) {
            notifications.sendEmail(value.get(), "Confirm your new Bastion e-mail address",
                    "Your code to confirm this as your Bastion e-mail address is " + code + ". It expires in 15 minutes.");
        } else {
            notifications.sendSms(value.get(), "Bastion: your code to confirm this as your new phone is " + code + ". Never share it.");
        }
        return Started.CODE_SENT;
    }

    /** Switches to the new address when the code sent to it is right; tells the old address. */
    @Transactional
    public boolean confirm(String userId, Contact contact, String newValue, String code, String ip) {
        Optional<String> value = normalise(contact, newValue);
        UserAccount before = users.byId(userId).orElseThrow();
        if (value.isEmpty() || code == null
                || codes.check(userId, contact.purpose, code.trim() + "\n" + value.get()) != VerificationCodes.Check.ACCEPTED) {
            audit.record(AuditRecord.of(userId, "identity.contact.changed", userId, AuditRecord.Outcome.FAILURE, ip));
            return false;
        }
        try {
            jdbc.sql("UPDATE identity_user SET " + contact.column + " = ?, " + contact.verifiedColumn + " = ? WHERE id = ?")
                    .params(value.get(), OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC), userId).update();
        } catch (DuplicateKeyException e) {
            // Someone registered the address after the code was sent; the change cannot happen.
            return false;
        }
        alerts.record(userId, contact.alert, ip, "");
        audit.record(new AuditRecord(userId, "identity.contact.changed", userId, AuditRecord.Outcome.SUCCESS, ip,
                Map.of("contact", contact.name().toLowerCase(java.util.Locale.ROOT))));
        tellOldAddress(before, contact);
        return true;
    }

    private void tellOldAddress(UserAccount before, Contact contact) {
        if (contact == Contact.EMAIL) {
            notifications.sendEmail(before.email(), "Your Bastion e-mail address was changed",
                    "The e-mail address of your Bastion account was changed, so we will no longer write to this address. "
                            + "If this was not you, contact support at once.");
        } else {
            notifications.sendSms(before.phone(), "Bastion: the phone number of your account was changed. If this was not you, "
                    + "contact support at once.");
            notifications.sendEmail(before.email(), "Your Bastion phone number was changed",
                    "The phone number of your Bastion account was changed. If this was not you, contact support at once.");
        }
    }

    private static Optional<String> normalise(Contact contact, String value) {
        if (contact == Contact.EMAIL) {
            String email = UserStore.normaliseEmail(value);
            return email.length() <= Registration.EMAIL_LENGTH_MAX && Registration.EMAIL.matcher(email).matches()
                    ? Optional.of(email) : Optional.empty();
        }
        String phone = value == null ? "" : value.trim();
        return Registration.PHONE.matcher(phone).matches() ? Optional.of(phone) : Optional.empty();
    }
}
