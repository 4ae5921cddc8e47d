package io.bastion.issuing;

/**
 * What 3-D Secure said about an online payment: whether the cardholder was authenticated (challenge or
 * frictionless), the ECI, whether the authentication value (CAVV) was verified, and whether the acquirer
 * claims a frictionless exemption (low value or low risk) instead of authentication.
 */
public record ThreeDsResult(boolean authenticated, String eci, boolean authenticationValueVerified,
                            boolean frictionlessExemption) {

    /** An authenticated payment. */
    public static ThreeDsResult authenticated(String eci) {
        return new ThreeDsResult(true, eci, false, false);
    }

    /** No authentication, but an exemption the issuer accepts. */
    public static ThreeDsResult exempted() {
        return new ThreeDsResult(false, "07", false, true);
    }

    /**
     * The rule for now: an online payment passes when the cardholder was authenticated or an exemption was
     * claimed. Verifying the authentication value cryptographically comes with the 3-D Secure server.
     */
    boolean satisfiesOnlineRule() {
        return authenticated || frictionlessExemption;
    }
}
