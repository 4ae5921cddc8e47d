-- Payment intents and refunds. Card data never lands here: only the test token and the last four digits.
CREATE TABLE acquiring_payment_intent (
    id                 text        PRIMARY KEY,
    merchant_id        text        NOT NULL,
    amount             bigint      NOT NULL CHECK (amount > 0),
    currency           text        NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    description        text,
    merchant_reference text,
    capture_method     text        NOT NULL CHECK (capture_method IN ('automatic', 'manual')),
    customer_email     text,
    return_url         text,
    status             text        NOT NULL CHECK (status IN ('requires_payment_method', 'requires_action',
                           'processing', 'requires_capture', 'succeeded', 'canceled', 'failed')),
    payment_method     text,
    card_last4         text        CHECK (card_last4 ~ '^[0-9]{4}$'),
    connector          text,
    network_reference  text,
    amount_captured    bigint      NOT NULL DEFAULT 0 CHECK (amount_captured >= 0 AND amount_captured <= amount),
    amount_refunded    bigint      NOT NULL DEFAULT 0 CHECK (amount_refunded >= 0 AND amount_refunded <= amount_captured),
    fee_amount         bigint      NOT NULL DEFAULT 0 CHECK (fee_amount >= 0),
    decline_reason     text,
    outcome_unknown    boolean     NOT NULL DEFAULT false,
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL
);

CREATE INDEX acquiring_payment_intent_merchant ON acquiring_payment_intent (merchant_id, created_at DESC, id DESC);
CREATE INDEX acquiring_payment_intent_unknown ON acquiring_payment_intent (updated_at) WHERE outcome_unknown;

-- The last guard for "amount, currency and merchant are immutable once confirmed".
CREATE FUNCTION acquiring_intent_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.status <> 'requires_payment_method'
       AND (NEW.amount <> OLD.amount OR NEW.currency <> OLD.currency OR NEW.merchant_id <> OLD.merchant_id) THEN
        RAISE EXCEPTION 'amount, currency and merchant of a confirmed payment intent are immutable';
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER acquiring_intent_immutable BEFORE UPDATE ON acquiring_payment_intent
    FOR EACH ROW EXECUTE FUNCTION acquiring_intent_immutable();

CREATE TABLE acquiring_refund (
    id                text        PRIMARY KEY,
    payment_intent_id text        NOT NULL REFERENCES acquiring_payment_intent (id),
    merchant_id       text        NOT NULL,
    amount            bigint      NOT NULL CHECK (amount > 0),
    currency          text        NOT NULL,
    status            text        NOT NULL CHECK (status IN ('succeeded', 'failed')),
    reason            text,
    created_at        timestamptz NOT NULL
);

CREATE INDEX acquiring_refund_intent ON acquiring_refund (payment_intent_id, created_at);

-- The merchant's balance account per currency in the ledger, opened on the first payment.
CREATE TABLE acquiring_merchant_account (
    merchant_id       text        NOT NULL,
    currency          text        NOT NULL,
    ledger_account_id text        NOT NULL UNIQUE,
    created_at        timestamptz NOT NULL,
    PRIMARY KEY (merchant_id, currency)
);

-- Merchant-visible events, written in the transaction of the change they report.
CREATE TABLE acquiring_event (
    id          text        PRIMARY KEY,
    merchant_id text        NOT NULL,
    type        text        NOT NULL,
    payload     text        NOT NULL,
    created_at  timestamptz NOT NULL
);

CREATE INDEX acquiring_event_merchant ON acquiring_event (merchant_id, created_at DESC);
