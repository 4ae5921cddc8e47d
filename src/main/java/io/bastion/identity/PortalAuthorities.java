package io.bastion.identity;

/** The authorities a browser session carries at each stage of sign-in, for the page access rules. */
public final class PortalAuthorities {

    /** Password accepted; the second factor is still owed. */
    public static final String STAGE_SECOND_FACTOR = "STAGE_SECOND_FACTOR";
    /** Password accepted; the user must enrol a second factor before anything else. */
    public static final String STAGE_ENROL = "STAGE_ENROL";
    /** A fully signed-in customer. */
    public static final String ROLE_CUSTOMER = "ROLE_CUSTOMER";
    /** A fully signed-in member of staff. */
    public static final String ROLE_STAFF = "ROLE_STAFF";
    /** Prefix of a staff member's role authority, e.g. ROLE_STAFF_SUPPORT. */
    public static final String ROLE_STAFF_PREFIX = "ROLE_STAFF_";

    private PortalAuthorities() {
    }
}
