package io.bastion.acquiring;

/** A refund made, or the rule that refused it. */
public record RefundOutcome(Refund refund, PaymentRejection rejection) {

    /** True when the refund was made. */
    public boolean ok() {
        return rejection == null;
    }
}
