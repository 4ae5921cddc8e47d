package io.bastion.acquiring;

import java.time.Instant;

/**
 * A merchant's payment intent. {@code paymentMethod} is the test token or saved card the merchant confirmed
 * with (null for a card typed on the hosted page) and {@code cardLast4} the only card digits Bastion keeps
 * outside the vault; {@code checkoutId} names the hosted payment page; {@code saveCardOffered} says the
 * merchant asked to keep the card for later payments (setup_future_usage); {@code outcomeUnknown} marks a
 * payment whose network answer was lost, which {@link UnknownOutcomes} settles.
 */
public record PaymentIntent(String id, String merchantId, long amount, String currency, String description,
                            String merchantReference, CaptureMethod captureMethod, String customerEmail,
                            String returnUrl, PaymentStatus status, String paymentMethod, String cardLast4,
                            long amountCaptured, long amountRefunded, long feeAmount, String declineReason,
                            boolean outcomeUnknown, Instant createdAt, Instant updatedAt, String cardBrand,
                            String checkoutId, boolean saveCardOffered, ThreeDsOutcome threeDs) {
}
