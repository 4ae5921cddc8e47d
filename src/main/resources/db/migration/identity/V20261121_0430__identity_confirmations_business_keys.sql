-- Confirmations of sensitive actions (strong customer authentication with dynamic linking). The action
-- itself is never trusted from the browser: only a SHA-256 digest of its canonical encoding is kept, and
-- the caller must present the identical action again to consume the confirmation, once.
CREATE TABLE identity_confirmation (
    id             text        PRIMARY KEY,
    user_id        text        NOT NULL REFERENCES identity_user (id),
    kind           text        NOT NULL CHECK (kind IN ('PAYMENT', 'ADD_PAYEE', 'CREATE_API_KEY', 'ROTATE_API_KEY',
                                                        'CHANGE_SECURITY_SETTING')),
    summary        text        NOT NULL CHECK (length(summary) BETWEEN 1 AND 500),
    action_digest  bytea       NOT NULL CHECK (length(action_digest) = 32),
    amount_minor   bigint      CHECK (amount_minor > 0),
    currency       text        CHECK (currency ~ '^[A-Z]{3}$'),
    payee_id       text,
    payee_label    text,
    created_at     timestamptz NOT NULL,
    expires_at     timestamptz NOT NULL,
    attempts       integer     NOT NULL DEFAULT 0 CHECK (attempts BETWEEN 0 AND 5),
    sms_code_hash  bytea,
    confirmed_at   timestamptz,
    method         text        CHECK (method IN ('TOTP', 'SMS')),
    consumed_at    timestamptz,
    CHECK (consumed_at IS NULL OR confirmed_at IS NOT NULL),
    CHECK ((confirmed_at IS NULL) = (method IS NULL))
);
CREATE INDEX identity_confirmation_user ON identity_confirmation (user_id, created_at DESC);

-- When a user's payments need a confirmation: a mode, and amounts per currency up to which none is needed.
CREATE TABLE identity_confirmation_rule (
    user_id    text        PRIMARY KEY REFERENCES identity_user (id),
    mode       text        NOT NULL CHECK (mode IN ('ALWAYS', 'ABOVE')),
    updated_at timestamptz NOT NULL
);

CREATE TABLE identity_confirmation_threshold (
    user_id      text   NOT NULL REFERENCES identity_user (id),
    currency     text   NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    amount_minor bigint NOT NULL CHECK (amount_minor > 0),
    PRIMARY KEY (user_id, currency)
);

-- Payees a user trusts; adding one needs a confirmation.
CREATE TABLE identity_trusted_payee (
    user_id    text        NOT NULL REFERENCES identity_user (id),
    payee_id   text        NOT NULL CHECK (length(payee_id) BETWEEN 1 AND 100),
    label      text        NOT NULL CHECK (length(label) BETWEEN 1 AND 100),
    created_at timestamptz NOT NULL,
    PRIMARY KEY (user_id, payee_id)
);

-- Business API keys: allowed client address ranges (NULL = anywhere) and the key that replaced a rotated one.
ALTER TABLE identity_api_key ADD COLUMN allowed_cidrs text[];
ALTER TABLE identity_api_key ADD COLUMN replaced_by text REFERENCES identity_api_key (id);
ALTER TABLE identity_api_key ADD CONSTRAINT identity_api_key_cidrs_max CHECK (cardinality(allowed_cidrs) <= 10);
