-- What a user is shown under "recent security alerts": locks, password and factor changes, new devices,
-- contact changes. Short non-secret facts only; the audit log stays the authoritative record.
CREATE TABLE identity_security_alert (
    id          bigserial   PRIMARY KEY,
    user_id     text        NOT NULL REFERENCES identity_user (id),
    occurred_at timestamptz NOT NULL,
    kind        text        NOT NULL CHECK (kind IN ('ACCOUNT_LOCKED', 'PASSWORD_CHANGED', 'FACTOR_ADDED', 'FACTOR_REMOVED',
                                                     'NEW_DEVICE', 'EMAIL_CHANGED', 'PHONE_CHANGED')),
    ip          text        NOT NULL CHECK (length(ip) <= 64),
    detail      text        NOT NULL CHECK (length(detail) <= 200)
);
CREATE INDEX identity_security_alert_user ON identity_security_alert (user_id, occurred_at DESC);
