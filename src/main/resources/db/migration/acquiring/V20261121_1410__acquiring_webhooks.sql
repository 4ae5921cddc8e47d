-- Webhook endpoints per merchant, their deliveries (the outbox, one row per event and endpoint) and
-- every delivery attempt. Secrets are stored encrypted under the WEBHOOK_SECRETS keyset.
CREATE TABLE acquiring_webhook_endpoint (
    id                   text        PRIMARY KEY,
    merchant_id          text        NOT NULL,
    url                  text        NOT NULL,
    secret               bytea       NOT NULL,
    previous_secret      bytea,
    previous_valid_until timestamptz,
    created_at           timestamptz NOT NULL,
    deleted_at           timestamptz
);

CREATE INDEX acquiring_webhook_endpoint_merchant ON acquiring_webhook_endpoint (merchant_id, created_at DESC);

CREATE TABLE acquiring_webhook_delivery (
    id              text        PRIMARY KEY,
    endpoint_id     text        NOT NULL REFERENCES acquiring_webhook_endpoint (id),
    event_id        text        NOT NULL REFERENCES acquiring_event (id),
    status          text        NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
    attempts        int         NOT NULL DEFAULT 0,
    next_attempt_at timestamptz,
    created_at      timestamptz NOT NULL,
    UNIQUE (endpoint_id, event_id)
);

CREATE INDEX acquiring_webhook_delivery_due ON acquiring_webhook_delivery (next_attempt_at) WHERE status = 'pending';
CREATE INDEX acquiring_webhook_delivery_endpoint ON acquiring_webhook_delivery (endpoint_id, created_at DESC);

CREATE TABLE acquiring_webhook_attempt (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    delivery_id  text        NOT NULL REFERENCES acquiring_webhook_delivery (id),
    attempted_at timestamptz NOT NULL,
    status_code  int,
    duration_ms  bigint      NOT NULL,
    error        text
);

CREATE INDEX acquiring_webhook_attempt_delivery ON acquiring_webhook_attempt (delivery_id, id);
