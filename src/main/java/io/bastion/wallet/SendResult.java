package io.bastion.wallet;

/**
 * What became of an order to send money: carried out, waiting for the customer's confirmation (the
 * confirmation id is the order id), or refused for the named rule.
 */
public record SendResult(Status status, String orderId, WalletRejection rejection) {

    /** Where an order stands after a call. */
    public enum Status {
        DONE, AWAITING_CONFIRMATION, REJECTED
    }

    static SendResult done(String orderId) {
        return new SendResult(Status.DONE, orderId, null);
    }

    static SendResult awaiting(String orderId) {
        return new SendResult(Status.AWAITING_CONFIRMATION, orderId, null);
    }

    static SendResult rejected(String orderId, WalletRejection rejection) {
        return new SendResult(Status.REJECTED, orderId, rejection);
    }
}
