-- Support access by consent: a member of staff asks for access to one customer's account with a reason,
-- a scope and a duration of at most 24 hours; the account's owner approves (with a second factor) or
-- denies. The clock of an approved grant starts at approval; a grant ends at expires_at or on revocation.
CREATE TABLE identity_support_grant (
    id               text        PRIMARY KEY,
    staff_user_id    text        NOT NULL REFERENCES identity_user (id),
    account_user_id  text        NOT NULL REFERENCES identity_user (id),
    reason           text        NOT NULL CHECK (length(reason) BETWEEN 10 AND 500),
    scope            text        NOT NULL CHECK (scope IN ('READ_ONLY', 'READ_WRITE')),
    duration_seconds integer     NOT NULL CHECK (duration_seconds BETWEEN 900 AND 86400),
    status           text        NOT NULL CHECK (status IN ('PENDING', 'APPROVED', 'DENIED', 'REVOKED')),
    requested_at     timestamptz NOT NULL,
    decided_at       timestamptz,
    expires_at       timestamptz,
    revoked_at       timestamptz,
    CHECK (staff_user_id <> account_user_id),
    CHECK ((status = 'PENDING') = (decided_at IS NULL)),
    CHECK ((status IN ('APPROVED', 'REVOKED')) = (expires_at IS NOT NULL)),
    CHECK (expires_at IS NULL OR expires_at <= decided_at + make_interval(secs => duration_seconds)),
    CHECK ((status = 'REVOKED') = (revoked_at IS NOT NULL))
);
CREATE INDEX identity_support_grant_staff ON identity_support_grant (staff_user_id, requested_at DESC);
CREATE INDEX identity_support_grant_account ON identity_support_grant (account_user_id, requested_at DESC);

-- What staff did under a grant, for the account's owner to read (the audit log holds the same facts).
CREATE TABLE identity_support_access_log (
    id              bigserial   PRIMARY KEY,
    grant_id        text        NOT NULL REFERENCES identity_support_grant (id),
    staff_user_id   text        NOT NULL REFERENCES identity_user (id),
    account_user_id text        NOT NULL REFERENCES identity_user (id),
    action          text        NOT NULL CHECK (action ~ '^[a-z][a-z.-]{0,59}$'),
    ip              text        NOT NULL,
    occurred_at     timestamptz NOT NULL
);
CREATE INDEX identity_support_access_log_account ON identity_support_access_log (account_user_id, occurred_at DESC);
