package io.bastion.identity;

import java.io.Serializable;
import org.springframework.security.core.AuthenticatedPrincipal;
import java.util.Objects;

/**
 * The person behind a browser session, as stored in the server-side session. Holds no secret.
 */
public record SignedInUser(String userId, UserAccount.Kind kind, UserAccount.StaffRole staffRole, String displayName,
                           String email, Stage stage) implements Serializable, AuthenticatedPrincipal {

    public SignedInUser {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(stage, "stage");
    }

    /** How far sign-in has got: password only, owes enrolment of a second factor, or complete. */
    public enum Stage {
        AWAITING_SECOND_FACTOR, MUST_ENROL_SECOND_FACTOR, COMPLETE
    }

    public SignedInUser at(Stage next) {
        return new SignedInUser(userId, kind, staffRole, displayName, email, next);
    }

    /** The user id: what Spring Session indexes sessions by. */
    @Override
    public String getName() {
        return userId;
    }

    public boolean staff() {
        return kind == UserAccount.Kind.STAFF;
    }
}
