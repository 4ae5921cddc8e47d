package io.bastion.identity;

import io.bastion.audit.AuditLog;
import io.bastion.audit.AuditRecord;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Staff accounts: created by an operator (never by sign-up), with the staff password policy and contact
 * points the operator vouches for; and the unlocking of locked accounts, which only operations admins may do.
 */
@Service
public class StaffAccounts {

    private final UserStore users;
    private final PasswordPolicy policy;
    private final PasswordHashing hashing;
    private final SignIn signIn;
    private final AuditLog audit;

    StaffAccounts(UserStore users, PasswordPolicy policy, PasswordHashing hashing, SignIn signIn, AuditLog audit) {
        this.users = users;
        this.policy = policy;
        this.hashing = hashing;
        this.signIn = signIn;
        this.audit = audit;
    }

    /** What an operator fills in to create a member of staff. */
    public record NewStaff(String email, String phone, String displayName, UserAccount.StaffRole role, String password) {
    }

    /** The answer to a staff creation. */
    public sealed interface Created {
        /** The account exists; its holder must enrol a second factor at first sign-in. */
        record Done(UserAccount account) implements Created {
        }

        /** A field broke a rule; nothing was created. */
        record Invalid(String field, String rule, String message) implements Created {
        }

        /** An account with this e-mail address exists already. */
        record EmailTaken() implements Created {
        }
    }

    /** The answer to an unlock. */
    public enum Unlock {
        UNLOCKED, ROLE_MUST_BE_OPERATIONS_ADMIN, NOT_FOUND
    }

    @Transactional
    public Created create(NewStaff form, String operatorId, String ip) {
        Objects.requireNonNull(form, "form");
        Optional<Created.Invalid> invalid = validate(form);
        if (invalid.isPresent()) {
            return invalid.get();
        }
        if (users.byEmail(form.email()).isPresent()) {
            return new Created.EmailTaken();
        }
        String userId = RandomIds.id("usr");
        users.insert(userId, UserAccount.Kind.STAFF, form.role(), form.email(), form.phone(), form.displayName().trim(),
                hashing.hash(form.password()));
        // The operator vouches for both contact points, so no codes are sent to prove them.
        users.markEmailVerified(userId);
        users.markPhoneVerified(userId);
        audit.record(new AuditRecord(operatorId, "identity.staff.created", userId, AuditRecord.Outcome.SUCCESS, ip,
                Map.of("role", form.role().name())));
        return new Created.Done(users.byId(userId).orElseThrow());
    }

    private Optional<Created.Invalid> validate(NewStaff form) {
        if (form.role() == null) {
            return Optional.of(new Created.Invalid("role", "required", "Choose support, compliance or operations_admin."));
        }
        if (form.displayName() == null || form.displayName().isBlank() || form.displayName().length() > Registration.NAME_LENGTH_MAX) {
            return Optional.of(new Created.Invalid("displayName", "required", "Enter a name of up to 100 characters."));
        }
        String email = UserStore.normaliseEmail(form.email());
        if (email.length() > Registration.EMAIL_LENGTH_MAX || !Registration.EMAIL.matcher(email).matches()) {
            return Optional.of(new Created.Invalid("email", "email", "Enter a valid e-mail address."));
        }
        if (form.phone() == null || !Registration.PHONE.matcher(form.phone()).matches()) {
            return Optional.of(new Created.Invalid("phone", "e164", "Enter a mobile number in E.164 form, like +447700900123."));
        }
        return policy.check(form.password(), true, email, form.phone())
                .map(v -> new Created.Invalid("password", v.rule(), v.message()));
    }

    /** Lifts the lock of an account if the acting member of staff is an operations admin; audited either way. */
    public Unlock unlock(String staffUserId, String userId, String ip) {
        boolean allowed = users.byId(staffUserId)
                .filter(s -> s.kind() == UserAccount.Kind.STAFF && s.staffRole() == UserAccount.StaffRole.OPERATIONS_ADMIN)
                .isPresent();
        if (!allowed) {
            audit.record(AuditRecord.of(staffUserId, "identity.account.unlocked", userId == null ? "" : userId,
                    AuditRecord.Outcome.DENIED, ip));
            return Unlock.ROLE_MUST_BE_OPERATIONS_ADMIN;
        }
        return userId != null && signIn.unlock(userId, staffUserId, ip) ? Unlock.UNLOCKED : Unlock.NOT_FOUND;
    }

    /** Unlocks the account with this e-mail address; for the operations admin's form. */
    public Unlock unlockByEmail(String staffUserId, String email, String ip) {
        return unlock(staffUserId, users.byEmail(email).map(UserAccount::id).orElse(null), ip);
    }
}
