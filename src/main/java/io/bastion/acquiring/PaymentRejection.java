package io.bastion.acquiring;

/** Why an operation on a payment intent was refused, named as the rule it breaks. */
public enum PaymentRejection {
    NOT_FOUND,
    STATUS_MUST_ALLOW_OPERATION,
    PAYMENT_METHOD_MUST_BE_A_TEST_TOKEN,
    CARD_MUST_BE_SUPPORTED,
    CHECKOUT_MUST_NOT_HAVE_EXPIRED,
    AMOUNT_MUST_NOT_EXCEED_AUTHORIZED,
    AMOUNT_MUST_NOT_EXCEED_REFUNDABLE,
    CURRENCY_MUST_BE_SUPPORTED,
    MERCHANT_BALANCE_MUST_COVER_REFUND,
    LEDGER_REFUSED
}
