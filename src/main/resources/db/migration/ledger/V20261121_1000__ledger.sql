-- The ledger: accounts with balances, and transfers, each of which is one double entry (the same amount
-- debited from one account and credited to another of the same currency). Transfers are immutable;
-- accounts are never deleted. The CHECK constraints are the last guard behind the code's own checks.
CREATE TABLE ledger_account (
    id                              text        PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9_-]{1,64}$'),
    currency                        char(3)     NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    code                            integer     NOT NULL CHECK (code > 0),
    debits_must_not_exceed_credits  boolean     NOT NULL,
    credits_must_not_exceed_debits  boolean     NOT NULL,
    debits_posted                   bigint      NOT NULL DEFAULT 0 CHECK (debits_posted >= 0),
    debits_pending                  bigint      NOT NULL DEFAULT 0 CHECK (debits_pending >= 0),
    credits_posted                  bigint      NOT NULL DEFAULT 0 CHECK (credits_posted >= 0),
    credits_pending                 bigint      NOT NULL DEFAULT 0 CHECK (credits_pending >= 0),
    created_at                      timestamptz NOT NULL,
    CHECK (NOT (debits_must_not_exceed_credits AND credits_must_not_exceed_debits)),
    CHECK (NOT debits_must_not_exceed_credits OR debits_posted + debits_pending <= credits_posted),
    CHECK (NOT credits_must_not_exceed_debits OR credits_posted + credits_pending <= debits_posted),
    -- Lets transfers reference (account, currency) so the database itself refuses a cross-currency entry.
    UNIQUE (id, currency)
);

CREATE FUNCTION ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'ledger history is immutable: % on % refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

-- Balances change; what an account is (currency, code, flags) never does, and accounts are never deleted.
CREATE FUNCTION ledger_account_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.id <> OLD.id OR NEW.currency <> OLD.currency OR NEW.code <> OLD.code
            OR NEW.debits_must_not_exceed_credits <> OLD.debits_must_not_exceed_credits
            OR NEW.credits_must_not_exceed_debits <> OLD.credits_must_not_exceed_debits
            OR NEW.created_at <> OLD.created_at THEN
        RAISE EXCEPTION 'ledger account % may change only its balances', OLD.id
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER ledger_account_fixed BEFORE UPDATE ON ledger_account
    FOR EACH ROW EXECUTE FUNCTION ledger_account_guard();

-- Double entry at the database level: the write path changes every account of a batch in one UPDATE, and
-- in each currency that statement must add as much to debits as to credits (posted and pending apart).
-- A stray UPDATE of one account's balance is therefore refused, whatever its flags.
CREATE FUNCTION ledger_account_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (
        SELECT 1 FROM new_rows n JOIN old_rows o USING (id)
        GROUP BY n.currency
        HAVING sum(n.debits_posted - o.debits_posted) <> sum(n.credits_posted - o.credits_posted)
            OR sum(n.debits_pending - o.debits_pending) <> sum(n.credits_pending - o.credits_pending)) THEN
        RAISE EXCEPTION 'ledger balances must change by equal debits and credits in each currency'
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER ledger_account_balanced AFTER UPDATE ON ledger_account
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_account_balanced();
CREATE TRIGGER ledger_account_never_deleted BEFORE DELETE ON ledger_account
    FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER ledger_account_no_truncate BEFORE TRUNCATE ON ledger_account
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();

-- One row per transfer. kind: 'transfer' posts at once, 'pending' reserves, 'post' and 'void' resolve a
-- pending transfer, 'expire' is the void written when a pending transfer's timeout passes. The dr_* and
-- cr_* columns hold the debit and credit account's four balances right after this transfer, which makes
-- statements with running balances and point-in-time balances single index lookups.
CREATE TABLE ledger_transfer (
    seq                bigint      GENERATED ALWAYS AS IDENTITY UNIQUE,
    id                 text        PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9_-]{1,64}$'),
    kind               text        NOT NULL CHECK (kind IN ('transfer', 'pending', 'post', 'void', 'expire')),
    debit_account_id   text        NOT NULL,
    credit_account_id  text        NOT NULL,
    currency           char(3)     NOT NULL,
    amount             bigint      NOT NULL CHECK (amount > 0),
    pending_id         text        REFERENCES ledger_transfer (id),
    timeout_seconds    integer     CHECK (timeout_seconds > 0),
    expires_at         timestamptz,
    linked             boolean     NOT NULL,
    created_at         timestamptz NOT NULL,
    dr_debits_posted   bigint      NOT NULL,
    dr_credits_posted  bigint      NOT NULL,
    dr_debits_pending  bigint      NOT NULL,
    dr_credits_pending bigint      NOT NULL,
    cr_debits_posted   bigint      NOT NULL,
    cr_credits_posted  bigint      NOT NULL,
    cr_debits_pending  bigint      NOT NULL,
    cr_credits_pending bigint      NOT NULL,
    FOREIGN KEY (debit_account_id, currency) REFERENCES ledger_account (id, currency),
    FOREIGN KEY (credit_account_id, currency) REFERENCES ledger_account (id, currency),
    CHECK (debit_account_id <> credit_account_id),
    CHECK ((kind IN ('post', 'void', 'expire')) = (pending_id IS NOT NULL)),
    CHECK ((timeout_seconds IS NULL OR kind = 'pending') AND (timeout_seconds IS NULL) = (expires_at IS NULL))
);

-- A pending transfer is resolved (posted, voided or expired) at most once.
CREATE UNIQUE INDEX ledger_transfer_resolves_once ON ledger_transfer (pending_id) WHERE pending_id IS NOT NULL;
CREATE INDEX ledger_transfer_by_debit_account ON ledger_transfer (debit_account_id, seq);
CREATE INDEX ledger_transfer_by_credit_account ON ledger_transfer (credit_account_id, seq);

-- A post, void or expire must name a pending transfer and keep its accounts; a post moves at most the
-- reserved amount and a void or expire releases exactly it. (Rows inserted earlier by the same statement
-- are visible here, so a pending transfer and its post may arrive in one batch.)
CREATE FUNCTION ledger_transfer_resolution_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    pending ledger_transfer%ROWTYPE;
BEGIN
    IF NEW.pending_id IS NULL THEN
        RETURN NEW;
    END IF;
    SELECT * INTO pending FROM ledger_transfer WHERE id = NEW.pending_id;
    IF NOT FOUND OR pending.kind <> 'pending'
            OR NEW.debit_account_id <> pending.debit_account_id
            OR NEW.credit_account_id <> pending.credit_account_id
            OR (NEW.kind = 'post' AND NEW.amount > pending.amount)
            OR (NEW.kind <> 'post' AND NEW.amount <> pending.amount) THEN
        RAISE EXCEPTION 'transfer % does not match the pending transfer it resolves', NEW.id
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER ledger_transfer_resolves_its_pending BEFORE INSERT ON ledger_transfer
    FOR EACH ROW EXECUTE FUNCTION ledger_transfer_resolution_guard();

CREATE TRIGGER ledger_transfer_immutable BEFORE UPDATE OR DELETE ON ledger_transfer
    FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER ledger_transfer_no_truncate BEFORE TRUNCATE ON ledger_transfer
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();

-- Work queue of unresolved pending transfers that have a timeout; a row leaves when its transfer is
-- posted, voided or expired, so the expiry sweep never scans history.
CREATE TABLE ledger_pending_timeout (
    pending_id  text        PRIMARY KEY REFERENCES ledger_transfer (id),
    expires_at  timestamptz NOT NULL
);
CREATE INDEX ledger_pending_timeout_by_expiry ON ledger_pending_timeout (expires_at);
