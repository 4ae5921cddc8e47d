package io.bastion.threeds;

/** What the challenge page shows: merchant, amount (minor units, numeric currency) and the phone's last digits. */
public record ChallengeView(String acsTransID, String threeDSServerTransID, String merchantName, long amount,
        String currency, String phoneLastDigits, boolean pending, String transStatus) {
}
