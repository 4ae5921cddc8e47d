-- The write path inserts a whole batch of transfers in one statement and updates its accounts in
-- another. The guards stay exactly as strict, but cost less per row:

-- 1. The resolution guard has nothing to check on a plain or pending transfer; a WHEN clause spares
--    those rows (most of them) a PL/pgSQL call, while every post, void and expire is checked as before.
DROP TRIGGER ledger_transfer_resolves_its_pending ON ledger_transfer;
CREATE TRIGGER ledger_transfer_resolves_its_pending BEFORE INSERT ON ledger_transfer
    FOR EACH ROW WHEN (NEW.pending_id IS NOT NULL) EXECUTE FUNCTION ledger_transfer_resolution_guard();

-- 2. The account guard runs only when an account's identity columns change (which it then refuses),
--    not on every balance update.
DROP TRIGGER ledger_account_fixed ON ledger_account;
CREATE TRIGGER ledger_account_fixed BEFORE UPDATE ON ledger_account
    FOR EACH ROW WHEN (NEW.id IS DISTINCT FROM OLD.id OR NEW.currency IS DISTINCT FROM OLD.currency
        OR NEW.code IS DISTINCT FROM OLD.code
        OR NEW.debits_must_not_exceed_credits IS DISTINCT FROM OLD.debits_must_not_exceed_credits
        OR NEW.credits_must_not_exceed_debits IS DISTINCT FROM OLD.credits_must_not_exceed_debits
        OR NEW.created_at IS DISTINCT FROM OLD.created_at)
    EXECUTE FUNCTION ledger_account_guard();

-- 3. Each transfer's (account, currency) pairs must exist: one set-based check per statement instead
--    of two foreign-key lookups per row. A foreign key also guards against the account being deleted or
--    re-keyed later; ledger accounts can be neither (see ledger_account_guard and the delete and
--    truncate triggers), so existence when the transfer is written is the whole rule.
ALTER TABLE ledger_transfer
    DROP CONSTRAINT ledger_transfer_debit_account_id_currency_fkey,
    DROP CONSTRAINT ledger_transfer_credit_account_id_currency_fkey;

CREATE FUNCTION ledger_transfer_accounts_exist() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Scalar subqueries, not EXISTS: they are never turned into a join, so the cached plan probes the
    -- primary key per row whatever size of batch it was first planned for (a hash join planned for a
    -- large batch would scan every account for each later small one).
    IF EXISTS (
        SELECT 1 FROM new_rows n
        WHERE (SELECT a.currency FROM ledger_account a WHERE a.id = n.debit_account_id) IS DISTINCT FROM n.currency
           OR (SELECT a.currency FROM ledger_account a WHERE a.id = n.credit_account_id) IS DISTINCT FROM n.currency) THEN
        RAISE EXCEPTION 'a transfer must debit and credit existing accounts of its currency'
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER ledger_transfer_accounts_exist AFTER INSERT ON ledger_transfer
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_transfer_accounts_exist();
