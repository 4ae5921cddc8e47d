-- A card's CVV2 held between its entry on the payment page and the authorization that uses it, never
-- longer than 20 minutes (PCI DSS allows sensitive authentication data only until authorization). The
-- value is encrypted under the VAULT_PAN keyset bound to the token and the field 'cvv'; taking it deletes
-- the row in the same statement, and maintenance deletes holds that expired untaken.
CREATE TABLE vault_cvv_hold (
    token           text        PRIMARY KEY REFERENCES vault_card (token),
    cvv_ciphertext  bytea       NOT NULL,
    key_id          bigint      NOT NULL,
    created_at      timestamptz NOT NULL,
    expires_at      timestamptz NOT NULL,
    CHECK (expires_at > created_at AND expires_at <= created_at + interval '20 minutes')
);
CREATE INDEX vault_cvv_hold_expiry ON vault_cvv_hold (expires_at);
