-- API keys. The secret is never stored: only a keyed hash (HMAC-SHA256 PRF under the API_KEY_HASH keyset).
CREATE TABLE identity_api_key (
    id            text        PRIMARY KEY,
    owner_kind    text        NOT NULL CHECK (owner_kind IN ('OPERATOR', 'BUSINESS')),
    owner_id      text        NOT NULL,
    name          text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    prefix        text        NOT NULL,
    scopes        text[]      NOT NULL,
    secret_hash   bytea       NOT NULL UNIQUE,
    created_at    timestamptz NOT NULL,
    expires_at    timestamptz,
    revoked_at    timestamptz,
    last_used_at  timestamptz
);
CREATE INDEX identity_api_key_owner ON identity_api_key (owner_kind, owner_id, created_at DESC);
