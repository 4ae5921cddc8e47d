-- Tink keysets, one per purpose, each encrypted under the master key with its purpose as associated data.
CREATE TABLE keys_keyset (
    purpose          text        PRIMARY KEY,
    kind             text        NOT NULL CHECK (kind IN ('AEAD', 'PRF', 'SIGNATURE')),
    encrypted_keyset bytea       NOT NULL,
    key_count        integer     NOT NULL CHECK (key_count > 0),
    created_at       timestamptz NOT NULL,
    rotated_at       timestamptz
);
