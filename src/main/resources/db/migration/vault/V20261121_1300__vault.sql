-- The vault's tables, in schema vault, owned by the role bastion_vault; bastion_app has no privilege here.
-- A card: PAN and details (expiry, cardholder name) encrypted under the VAULT_PAN keyset, bound to the
-- token as associated data; a keyed fingerprint (VAULT_FINGERPRINT) recognises the card without
-- decrypting. Purging erases the ciphertext and the fingerprint and leaves a tombstone.
CREATE TABLE vault_card (
    token              text        PRIMARY KEY,
    purpose            text        NOT NULL CHECK (purpose IN ('ONE_OFF_PAYMENT', 'STORED_CARD', 'ISSUED_CARD')),
    brand              text        NOT NULL,
    first6             text        NOT NULL CHECK (first6 ~ '^[0-9]{6}$'),
    last4              text        NOT NULL CHECK (last4 ~ '^[0-9]{4}$'),
    pan_ciphertext     bytea,
    details_ciphertext bytea,
    key_id             bigint,
    fingerprint        bytea,
    fingerprint_key_id bigint,
    created_at         timestamptz NOT NULL,
    purged_at          timestamptz,
    CHECK ((purged_at IS NULL) = (pan_ciphertext IS NOT NULL AND details_ciphertext IS NOT NULL
                                  AND key_id IS NOT NULL AND fingerprint IS NOT NULL AND fingerprint_key_id IS NOT NULL))
);
CREATE INDEX vault_card_fingerprint ON vault_card (fingerprint) WHERE purged_at IS NULL;
CREATE INDEX vault_card_key ON vault_card (key_id) WHERE purged_at IS NULL;
CREATE INDEX vault_card_fingerprint_key ON vault_card (fingerprint_key_id) WHERE purged_at IS NULL;
CREATE INDEX vault_card_retention ON vault_card (purpose, created_at) WHERE purged_at IS NULL;

-- What keeps a token from being purged: an issued card or a merchant mandate.
CREATE TABLE vault_reference (
    token        text        NOT NULL REFERENCES vault_card (token),
    kind         text        NOT NULL CHECK (kind IN ('ISSUED_CARD', 'MERCHANT_MANDATE')),
    reference_id text        NOT NULL CHECK (length(reference_id) BETWEEN 1 AND 100),
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (token, kind, reference_id)
);

-- Progress of re-encryption after a rotation, per keyset.
CREATE TABLE vault_rotation_progress (
    keyset          text        PRIMARY KEY,
    primary_key_id  bigint      NOT NULL,
    records_done    bigint      NOT NULL DEFAULT 0,
    records_left    bigint      NOT NULL DEFAULT 0,
    updated_at      timestamptz NOT NULL
);
