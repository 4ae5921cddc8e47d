package io.bastion.acquiring.web;

import io.bastion.acquiring.PaymentIntent;
import org.springframework.web.util.UriComponentsBuilder;

/** What the hosted page says about each outcome, in plain words, and where it sends the customer back to. */
final class CheckoutText {

    /** The page of an intent that waited for a card longer than the checkout lifetime. */
    static final String EXPIRED = "This payment page has expired, so no payment can be made here. No money was taken.";

    private CheckoutText() {
    }

    /** The message for a payment that is no longer waiting for a card, or null while it is. */
    static String outcome(PaymentIntent intent) {
        return switch (intent.status()) {
            case REQUIRES_PAYMENT_METHOD, REQUIRES_ACTION -> null;
            case PROCESSING -> "We are waiting for your bank's answer. Refresh this page in a moment.";
            case REQUIRES_CAPTURE, SUCCEEDED -> "Payment successful. Thank you.";
            case CANCELED -> "This payment was canceled. No money was taken.";
            case FAILED -> declined(intent.declineReason());
        };
    }

    private static String declined(String reason) {
        String why = switch (reason == null ? "" : reason) {
            case "insufficient_funds" -> "Your card was declined: there is not enough money on it.";
            case "expired_card" -> "Your card was declined because it has expired.";
            case "stolen_card", "do_not_honor" -> "Your card was declined by your bank.";
            case "incorrect_cvc" -> "Your card was declined: the security code is not right.";
            case "limit_exceeded" -> "Your card was declined: the payment is over your card's limit.";
            case "authentication_failed", "authentication_required" ->
                    "We could not confirm that it was you, so the payment was not made.";
            case "authentication_canceled" -> "You canceled the confirmation, so the payment was not made.";
            case "authentication_timed_out" -> "The confirmation took too long, so the payment was not made.";
            case "card_not_supported" -> "Your card cannot be used for this payment.";
            default -> "Your card was declined.";
        };
        return why + " No money was taken.";
    }

    /** Where the customer goes back to: the merchant's return_url with the payment's id, or null. */
    static String returnUrl(PaymentIntent intent) {
        if (intent.returnUrl() == null) {
            return null;
        }
        return UriComponentsBuilder.fromUriString(intent.returnUrl()).queryParam("payment_intent", intent.id())
                .build().toUriString();
    }
}
