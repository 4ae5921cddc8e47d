package io.bastion.threeds;

import java.time.Instant;

/**
 * The final result of an authentication as the 3DS Server received it by RReq: transStatus (Y or N after a
 * challenge), reason, ECI, the authentication value authorization must verify, and the challengeCancel
 * code when the challenge did not complete. toString() never shows the authentication value.
 */
public record ChallengeResult(String threeDSServerTransID, String dsTransID, String acsTransID, String transStatus,
        String transStatusReason, String eci, String authenticationValue, String challengeCancel, Instant receivedAt) {

    /** Whether the cardholder was authenticated. */
    public boolean authenticated() {
        return "Y".equals(transStatus);
    }

    @Override
    public String toString() {
        return "ChallengeResult[threeDSServerTransID=" + threeDSServerTransID + ", transStatus=" + transStatus
                + ", eci=" + eci + ", challengeCancel=" + challengeCancel + "]";
    }
}
