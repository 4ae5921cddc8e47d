-- The hosted payment page and 3-D Secure on each payment. A checkout id is the random capability in the
-- hosted page's address; card_token is the vault token of the card (never the number); the 3-D Secure
-- columns record what the ACS said, so liability shift and ECI are visible to the merchant.
ALTER TABLE acquiring_payment_intent
    ADD COLUMN checkout_id              text UNIQUE CHECK (checkout_id ~ '^cs_[A-Za-z0-9_-]{20,64}$'),
    ADD COLUMN setup_future_usage       text CHECK (setup_future_usage IN ('off_session')),
    ADD COLUMN card_token               text,
    ADD COLUMN card_brand               text,
    ADD COLUMN three_ds_server_trans_id text,
    ADD COLUMN ds_trans_id              text,
    ADD COLUMN acs_trans_id             text,
    ADD COLUMN three_ds_status          text CHECK (three_ds_status IN ('Y', 'N', 'U', 'A', 'C', 'R')),
    ADD COLUMN three_ds_flow            text CHECK (three_ds_flow IN ('frictionless', 'challenge', 'not_enrolled')),
    ADD COLUMN eci                      text CHECK (eci ~ '^[0-9]{2}$'),
    ADD COLUMN liability_shift          boolean NOT NULL DEFAULT false;

CREATE INDEX acquiring_payment_intent_challenge ON acquiring_payment_intent (three_ds_server_trans_id)
    WHERE three_ds_server_trans_id IS NOT NULL;

-- A card a customer agreed to save with a merchant: the consent (when, from where, the words shown) and
-- the stored-credential data repeat and subscription charges will need (the first payment, its network
-- reference and its 3-D Secure result). The card itself stays in the vault under card_token.
CREATE TABLE acquiring_saved_card (
    id                       text        PRIMARY KEY,
    merchant_id              text        NOT NULL,
    customer_email           text,
    card_token               text        NOT NULL UNIQUE,
    card_brand               text        NOT NULL,
    card_last4               text        NOT NULL CHECK (card_last4 ~ '^[0-9]{4}$'),
    expiry_month             integer     NOT NULL CHECK (expiry_month BETWEEN 1 AND 12),
    expiry_year              integer     NOT NULL,
    consent_text             text        NOT NULL,
    consent_at               timestamptz NOT NULL,
    consent_ip               text        NOT NULL,
    initial_payment_intent   text        NOT NULL REFERENCES acquiring_payment_intent (id),
    initial_network_reference text,
    initial_ds_trans_id      text,
    initial_eci              text,
    status                   text        NOT NULL CHECK (status IN ('pending', 'active', 'detached')),
    created_at               timestamptz NOT NULL,
    updated_at               timestamptz NOT NULL
);

CREATE INDEX acquiring_saved_card_merchant ON acquiring_saved_card (merchant_id, created_at DESC);
