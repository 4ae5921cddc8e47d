package io.bastion.acquiring;

/**
 * What 3-D Secure said about a payment, as the merchant sees it: the ACS's transStatus (Y, N, U, A, C, R),
 * whether it was frictionless or a challenge, the ECI, whether liability shifted to the issuer, and the
 * transaction ids that tie it to the 3-D Secure messages. Null fields were not reached.
 */
public record ThreeDsOutcome(String transStatus, String flow, String eci, boolean liabilityShift,
                             String threeDSServerTransID, String dsTransID, String acsTransID) {

    /** No 3-D Secure has run for the payment yet. */
    public static final ThreeDsOutcome NONE = new ThreeDsOutcome(null, null, null, false, null, null, null);

    /** An outcome without the ids, which stay as first recorded. */
    public static ThreeDsOutcome of(String transStatus, String flow, String eci, boolean liabilityShift) {
        return new ThreeDsOutcome(transStatus, flow, eci, liabilityShift, null, null, null);
    }

    /** Whether 3-D Secure ran at all. */
    public boolean attempted() {
        return transStatus != null || flow != null;
    }
}
