-- What 3-D Secure said about each authorization (transStatus, ECI, flow) and whether it shifted fraud
-- liability to the issuer (authenticated, ECI 05, approved); and how much of a capture was refunded.
ALTER TABLE issuing_authorization
    ADD COLUMN three_ds_trans_status text CHECK (three_ds_trans_status ~ '^[A-Z]$'),
    ADD COLUMN three_ds_eci           text CHECK (three_ds_eci ~ '^[0-9]{2}$'),
    ADD COLUMN three_ds_flow          text CHECK (three_ds_flow IN ('frictionless', 'challenge')),
    ADD COLUMN liability_shift        boolean NOT NULL DEFAULT false,
    ADD COLUMN refunded_minor         bigint  NOT NULL DEFAULT 0 CHECK (refunded_minor >= 0),
    ADD CONSTRAINT issuing_authorization_refund_within_capture CHECK (refunded_minor <= captured_minor);

-- Refunds of captured card payments back to the cardholder's wallet, one row per refund id (idempotent);
-- the ledger transfer id is derived from the refund id.
CREATE TABLE issuing_refund (
    id                text        PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9_-]{1,48}$'),
    authorization_id  text        NOT NULL REFERENCES issuing_authorization (id),
    amount_minor      bigint      NOT NULL CHECK (amount_minor > 0),
    created_at        timestamptz NOT NULL
);
CREATE INDEX issuing_refund_authorization ON issuing_refund (authorization_id);
