-- Issued cards. The card number lives only in the vault: this table keeps the vault token, the masked form
-- (first six and last four digits at most), the expiry month, the status and the cardholder's controls.
-- The CVV2 is never stored; it is derived from the card data under the issuer key named by cvv_key_id.
CREATE TABLE issuing_card (
    id                       text        PRIMARY KEY CHECK (id ~ '^card_[a-z0-9]{26}$'),
    user_id                  text        NOT NULL,
    wallet_id                text        NOT NULL,
    ledger_account_id        text        NOT NULL,
    currency                 char(3)     NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    vault_token              text        NOT NULL UNIQUE,
    masked                   text        NOT NULL CHECK (masked ~ '^[0-9]{6}[*]+[0-9]{4}$'),
    expiry_month             date        NOT NULL CHECK (extract(day FROM expiry_month) = 1),
    status                   text        NOT NULL CHECK (status IN ('ACTIVE', 'FROZEN', 'CLOSED')),
    cvv_key_id               bigint      NOT NULL,
    online_enabled           boolean     NOT NULL,
    transaction_limit_minor  bigint      NOT NULL CHECK (transaction_limit_minor > 0),
    daily_limit_minor        bigint      NOT NULL CHECK (daily_limit_minor > 0),
    allowed_countries        text[]      NOT NULL,
    blocked_mccs             text[]      NOT NULL,
    replaces_card_id         text,
    created_at               timestamptz NOT NULL,
    closed_at                timestamptz
);
CREATE INDEX issuing_card_user ON issuing_card (user_id, created_at);

-- What each card has authorized per UTC day, raised by a conditional UPDATE that refuses to pass the daily
-- limit (the row lock orders concurrent authorizations) and lowered when a hold is declined, reversed or
-- captured for less.
CREATE TABLE issuing_daily_spend (
    card_id      text    NOT NULL REFERENCES issuing_card (id),
    day          date    NOT NULL,
    spent_minor  bigint  NOT NULL CHECK (spent_minor >= 0),
    PRIMARY KEY (card_id, day)
);

-- Every authorization and its outcome, under the id the acquiring side chose (idempotent). Only the masked
-- card appears here, never a card number or a CVV.
CREATE TABLE issuing_authorization (
    id                text        PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9_-]{1,48}$'),
    card_id           text        REFERENCES issuing_card (id),
    masked            text,
    status            text        NOT NULL CHECK (status IN ('PENDING', 'APPROVED', 'DECLINED', 'CAPTURED', 'REVERSED', 'EXPIRED')),
    decline_reason    text,
    amount_minor      bigint      NOT NULL,
    currency          char(3)     NOT NULL,
    merchant_name     text        NOT NULL,
    merchant_country  text        NOT NULL,
    mcc               text        NOT NULL,
    online            boolean     NOT NULL,
    hold_transfer_id  text,
    spend_day         date,
    captured_minor    bigint      NOT NULL DEFAULT 0 CHECK (captured_minor >= 0),
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    CHECK ((status = 'DECLINED') = (decline_reason IS NOT NULL))
);
CREATE INDEX issuing_authorization_card ON issuing_authorization (card_id, created_at);
