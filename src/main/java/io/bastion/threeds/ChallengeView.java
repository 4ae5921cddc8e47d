package io.bastion.threeds;

/**
 * What the challenge page shows: merchant, amount (minor units, numeric currency) and the phone's last digits;
 * once the challenge has ended, the final CRes (base64url JSON, as EMV 3DS browser flows carry it) and the
 * requestor's notificationURL the page sends it to.
 */
public record ChallengeView(String acsTransID, String threeDSServerTransID, String merchantName, long amount,
        String currency, String phoneLastDigits, boolean pending, String transStatus, String notificationUrl,
        String finalCres) {
}
