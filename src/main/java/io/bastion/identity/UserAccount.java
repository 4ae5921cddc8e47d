package io.bastion.identity;

import java.time.Instant;

/** A person who signs in: a customer or a member of staff, with the state of their credentials. */
public record UserAccount(String id, Kind kind, StaffRole staffRole, String email, String phone, String displayName,
                          Instant emailVerifiedAt, Instant phoneVerifiedAt, int failedPasswordCount, Instant lockedUntil,
                          int lockCount, boolean totpEnabled, boolean smsFactorEnabled, Instant createdAt) {

    /** Customers sign up; staff are created by an operator. */
    public enum Kind {
        CUSTOMER, STAFF
    }

    /** What a member of staff may do. */
    public enum StaffRole {
        SUPPORT, COMPLIANCE, OPERATIONS_ADMIN
    }

    /** Both contact points are verified: only then may the account move money. */
    public boolean verified() {
        return emailVerifiedAt != null && phoneVerifiedAt != null;
    }

    public boolean locked(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }

    public boolean hasSecondFactor() {
        return totpEnabled || smsFactorEnabled;
    }
}
