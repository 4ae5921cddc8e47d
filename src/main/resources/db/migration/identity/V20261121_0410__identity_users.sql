-- People who sign in: customers (individuals and members of businesses) and staff.
CREATE TABLE identity_user (
    id                    text        PRIMARY KEY,
    kind                  text        NOT NULL CHECK (kind IN ('CUSTOMER', 'STAFF')),
    staff_role            text        CHECK (staff_role IN ('SUPPORT', 'COMPLIANCE', 'OPERATIONS_ADMIN')),
    email                 text        NOT NULL CHECK (email = lower(email) AND length(email) <= 254),
    phone                 text        NOT NULL CHECK (phone ~ '^\+[1-9][0-9]{6,14}$'),
    display_name          text        NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100),
    email_verified_at     timestamptz,
    phone_verified_at     timestamptz,
    password_hash         text        NOT NULL,
    password_changed_at   timestamptz NOT NULL,
    failed_password_count integer     NOT NULL DEFAULT 0 CHECK (failed_password_count >= 0),
    locked_until          timestamptz,
    lock_count            integer     NOT NULL DEFAULT 0 CHECK (lock_count >= 0),
    totp_secret           bytea,
    totp_enabled_at       timestamptz,
    totp_last_step        bigint,
    sms_factor_enabled    boolean     NOT NULL DEFAULT false,
    created_at            timestamptz NOT NULL,
    CHECK ((kind = 'STAFF') = (staff_role IS NOT NULL))
);
CREATE UNIQUE INDEX identity_user_email ON identity_user (email);

CREATE TABLE identity_password_history (
    user_id       text        NOT NULL REFERENCES identity_user (id),
    password_hash text        NOT NULL,
    created_at    timestamptz NOT NULL
);
CREATE INDEX identity_password_history_user ON identity_password_history (user_id, created_at DESC);

CREATE TABLE identity_business (
    id         text        PRIMARY KEY,
    name       text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    created_at timestamptz NOT NULL
);

CREATE TABLE identity_membership (
    business_id text        NOT NULL REFERENCES identity_business (id),
    user_id     text        NOT NULL REFERENCES identity_user (id),
    role        text        NOT NULL CHECK (role IN ('OWNER', 'ADMIN', 'DEVELOPER', 'VIEWER')),
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (business_id, user_id)
);
CREATE INDEX identity_membership_user ON identity_membership (user_id);

-- One-time codes (e-mail and phone verification, SMS login codes, password reset links): only a keyed
-- hash is stored, with an attempt counter and an expiry.
CREATE TABLE identity_code (
    id          text        PRIMARY KEY,
    user_id     text        NOT NULL REFERENCES identity_user (id),
    purpose     text        NOT NULL,
    code_hash   bytea       NOT NULL,
    attempts    integer     NOT NULL DEFAULT 0,
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    consumed_at timestamptz
);
CREATE INDEX identity_code_user ON identity_code (user_id, purpose, created_at DESC);

CREATE TABLE identity_login_event (
    id          bigserial   PRIMARY KEY,
    user_id     text        NOT NULL REFERENCES identity_user (id),
    occurred_at timestamptz NOT NULL,
    ip          text        NOT NULL,
    device      text        NOT NULL,
    outcome     text        NOT NULL
);
CREATE INDEX identity_login_event_user ON identity_login_event (user_id, occurred_at DESC);

-- Server-side sessions (Spring Session JDBC), shared by every app node.
CREATE TABLE identity_session (
    primary_id            char(36)     NOT NULL PRIMARY KEY,
    session_id            char(36)     NOT NULL UNIQUE,
    creation_time         bigint       NOT NULL,
    last_access_time      bigint       NOT NULL,
    max_inactive_interval integer      NOT NULL,
    expiry_time           bigint       NOT NULL,
    principal_name        varchar(100)
);
CREATE INDEX identity_session_expiry ON identity_session (expiry_time);
CREATE INDEX identity_session_principal ON identity_session (principal_name);

CREATE TABLE identity_session_attributes (
    session_primary_id char(36)     NOT NULL REFERENCES identity_session (primary_id) ON DELETE CASCADE,
    attribute_name     varchar(200) NOT NULL,
    attribute_bytes    bytea        NOT NULL,
    PRIMARY KEY (session_primary_id, attribute_name)
);

-- Token buckets for rate limits (Bucket4j, SELECT ... FOR UPDATE), shared by every app node.
CREATE TABLE identity_rate_limit (
    id         text   PRIMARY KEY,
    state      bytea,
    expires_at bigint
);
