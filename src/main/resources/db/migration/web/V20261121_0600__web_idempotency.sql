-- Idempotency records: the first response to a POST under /v1 that carried an Idempotency-Key.
-- The key alone is the primary key, so a key names at most one caller's record and another caller
-- presenting it is refused instead of being given a record of its own (or someone else's).
-- The response body is encrypted (AEAD, associated data = caller and key) because a response may carry
-- a secret that exists nowhere else, such as a newly issued API key.
CREATE TABLE web_idempotency (
    idempotency_key  text        PRIMARY KEY CHECK (length(idempotency_key) BETWEEN 1 AND 255),
    caller           text        NOT NULL,
    fingerprint      bytea       NOT NULL CHECK (length(fingerprint) = 32),
    state            text        NOT NULL CHECK (state IN ('in_progress', 'completed')),
    response_status  integer     CHECK (response_status BETWEEN 100 AND 499),
    content_type     text,
    location         text,
    encrypted_body   bytea,
    created_at       timestamptz NOT NULL,
    expires_at       timestamptz NOT NULL,
    CHECK (expires_at > created_at),
    CHECK ((state = 'completed') = (response_status IS NOT NULL AND encrypted_body IS NOT NULL))
);
CREATE INDEX web_idempotency_expires ON web_idempotency (expires_at);
