-- The audit log: entries form a hash chain (each entry's hash covers the previous entry's hash), so an
-- altered, removed or reordered entry breaks the chain. The database refuses UPDATE, DELETE and TRUNCATE.
CREATE TABLE audit_entry (
    seq          bigint      PRIMARY KEY CHECK (seq > 0),
    occurred_at  timestamptz NOT NULL,
    actor        text        NOT NULL,
    action       text        NOT NULL,
    target       text        NOT NULL,
    outcome      text        NOT NULL CHECK (outcome IN ('SUCCESS', 'FAILURE', 'DENIED', 'INFO')),
    origin_ip    text        NOT NULL,
    details      text        NOT NULL,
    prev_hash    bytea       NOT NULL,
    hash         bytea       NOT NULL UNIQUE
);

-- One row holding the head of the chain; appenders lock it so the chain has no forks and no gaps.
CREATE TABLE audit_chain_head (
    id        boolean PRIMARY KEY DEFAULT true CHECK (id),
    last_seq  bigint  NOT NULL,
    last_hash bytea   NOT NULL
);
INSERT INTO audit_chain_head (id, last_seq, last_hash) VALUES (true, 0, decode(repeat('00', 32), 'hex'));

CREATE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only: % on % refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_entry
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();

-- Signed checkpoints: at a fixed interval the head of the chain is signed with the audit key.
CREATE TABLE audit_checkpoint (
    id          bigserial   PRIMARY KEY,
    last_seq    bigint      NOT NULL,
    last_hash   bytea       NOT NULL,
    signed_at   timestamptz NOT NULL,
    signature   bytea       NOT NULL
);
CREATE TRIGGER audit_checkpoint_append_only BEFORE UPDATE OR DELETE ON audit_checkpoint
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_checkpoint_no_truncate BEFORE TRUNCATE ON audit_checkpoint
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
