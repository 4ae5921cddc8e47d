package io.bastion.acquiring;

/** What a merchant asks for when creating a payment intent; checked by the API layer before it arrives. */
public record NewPaymentIntent(long amount, String currency, String description, String merchantReference,
                               CaptureMethod captureMethod, String customerEmail, String returnUrl) {
}
