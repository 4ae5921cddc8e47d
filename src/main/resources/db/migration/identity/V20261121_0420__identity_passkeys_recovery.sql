-- Passkeys (WebAuthn) through Spring Security's JdbcPublicKeyCredentialUserEntityRepository and
-- JdbcUserCredentialRepository. Their table names are constants in those classes (user_entities,
-- user_credentials) with no setter, so these two tables keep Spring's names instead of the identity_
-- prefix; the columns follow Spring's user-entities-schema.sql and user-credentials-schema-postgres.sql.
-- name is the Bastion user id (what the relying party looks users up by), so it is unique and refers
-- to the user.
CREATE TABLE user_entities (
    id           varchar(1000) NOT NULL PRIMARY KEY,
    name         varchar(100)  NOT NULL UNIQUE REFERENCES identity_user (id),
    display_name varchar(200)
);

CREATE TABLE user_credentials (
    credential_id                varchar(1000) NOT NULL PRIMARY KEY,
    user_entity_user_id          varchar(1000) NOT NULL REFERENCES user_entities (id) ON DELETE CASCADE,
    public_key                   bytea         NOT NULL,
    signature_count              bigint,
    uv_initialized               boolean,
    backup_eligible              boolean       NOT NULL,
    authenticator_transports     varchar(1000),
    public_key_credential_type   varchar(100),
    backup_state                 boolean       NOT NULL,
    attestation_object           bytea,
    attestation_client_data_json bytea,
    created                      timestamp,
    last_used                    timestamp,
    label                        varchar(1000) NOT NULL
);
CREATE INDEX user_credentials_user ON user_credentials (user_entity_user_id);

-- Single-use recovery codes: only a keyed hash (Tink PRF, CODE_HASH keyset) bound to the user is kept.
-- A new set replaces the old one; a used code keeps its row (used_at) so the count left is exact.
CREATE TABLE identity_recovery_code (
    user_id    text        NOT NULL REFERENCES identity_user (id),
    code_hash  bytea       NOT NULL,
    created_at timestamptz NOT NULL,
    used_at    timestamptz,
    PRIMARY KEY (user_id, code_hash)
);
