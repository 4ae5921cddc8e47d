package io.bastion.threeds;

import java.time.Instant;

/** One row of threeds_transaction as the ACS reads it. */
record AcsTransaction(String acsTransID, String dsTransID, String serverTransID, String acsName, String cardToken,
        long amount, String currency, String merchantId, String merchantName, String deviceId, ThreeDsStatus status,
        String transStatus, String transStatusReason, String eci, String challengeCancel, String phoneLastDigits,
        byte[] otpHash, Instant otpExpiresAt, int attempts, int resends, Instant lastActivityAt,
        String notificationUrl) {
}
