package io.bastion.acquiring;

/** The intent after an operation, or the rule that refused the operation (then the intent is unchanged). */
public record PaymentOutcome(PaymentIntent intent, PaymentRejection rejection) {

    static PaymentOutcome of(PaymentIntent intent) {
        return new PaymentOutcome(intent, null);
    }

    static PaymentOutcome refused(PaymentRejection rejection) {
        return new PaymentOutcome(null, rejection);
    }

    /** True when the operation was carried out. */
    public boolean ok() {
        return rejection == null;
    }
}
