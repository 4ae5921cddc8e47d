package io.bastion.acquiring;

import java.time.Instant;

/**
 * A card a customer agreed to save with a merchant: what the merchant may see of it (brand, last four,
 * expiry), the consent (its words, time and address) and the first payment with its network reference and
 * 3-D Secure result, which later merchant-initiated charges refer to as the stored credential's origin.
 */
public record SavedCard(String id, String merchantId, String customerEmail, String brand, String last4,
                        int expiryMonth, int expiryYear, String consentText, Instant consentAt, String consentIp,
                        String initialPaymentIntent, String initialNetworkReference, String initialDsTransID,
                        String initialEci, String status, Instant createdAt) {
}
