package io.bastion.acquiring;

/**
 * What a merchant asks for when creating a payment intent; checked by the API layer before it arrives.
 * {@code offerToSaveCard} (setup_future_usage off_session) lets the hosted page ask the customer whether to
 * keep the card for the merchant's later payments.
 */
public record NewPaymentIntent(long amount, String currency, String description, String merchantReference,
                               CaptureMethod captureMethod, String customerEmail, String returnUrl,
                               boolean offerToSaveCard) {
}
