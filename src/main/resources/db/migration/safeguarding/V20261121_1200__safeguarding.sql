-- Daily safeguarding reconciliation: one row per run and currency with the figures it compared, kept for
-- the regulator. Rows are append-only; the database refuses to change or delete them.
CREATE TABLE safeguarding_reconciliation (
    seq                         bigint      GENERATED ALWAYS AS IDENTITY UNIQUE,
    id                          text        PRIMARY KEY CHECK (id ~ '^rec_[0-9a-f]{32}$'),
    run_id                      text        NOT NULL CHECK (run_id ~ '^run_[0-9a-f]{32}$'),
    business_date               date        NOT NULL,
    currency                    char(3)     NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    customer_liabilities_minor  bigint      NOT NULL,
    safeguarded_ledger_minor    bigint      NOT NULL,
    bank_closing_minor          bigint,
    statement_date              date,
    status                      text        NOT NULL CHECK (status IN ('BALANCED', 'SHORTFALL', 'EXCESS',
                                                                       'STALE_STATEMENT', 'NO_STATEMENT')),
    ledger_difference_minor     bigint      NOT NULL,
    bank_difference_minor       bigint,
    trigger                     text        NOT NULL CHECK (length(trigger) BETWEEN 1 AND 100),
    created_at                  timestamptz NOT NULL,
    CHECK ((bank_closing_minor IS NULL) = (statement_date IS NULL)),
    CHECK ((bank_closing_minor IS NULL) = (bank_difference_minor IS NULL)),
    CHECK (ledger_difference_minor = safeguarded_ledger_minor - customer_liabilities_minor),
    CHECK (bank_difference_minor IS NULL OR bank_difference_minor = bank_closing_minor - customer_liabilities_minor)
);
CREATE INDEX safeguarding_reconciliation_by_date ON safeguarding_reconciliation (business_date, seq);

-- An alert raised by a run for one currency whose figures were not balanced, and to whom it was e-mailed.
CREATE TABLE safeguarding_alert (
    seq                bigint      GENERATED ALWAYS AS IDENTITY UNIQUE,
    id                 text        PRIMARY KEY CHECK (id ~ '^alr_[0-9a-f]{32}$'),
    reconciliation_id  text        NOT NULL UNIQUE REFERENCES safeguarding_reconciliation (id),
    business_date      date        NOT NULL,
    currency           char(3)     NOT NULL,
    status             text        NOT NULL CHECK (status IN ('SHORTFALL', 'EXCESS', 'STALE_STATEMENT', 'NO_STATEMENT')),
    message            text        NOT NULL CHECK (length(message) <= 500),
    emailed_to         text        NOT NULL,
    created_at         timestamptz NOT NULL
);

CREATE FUNCTION safeguarding_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'safeguarding records are append-only: % on % refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER safeguarding_reconciliation_append_only BEFORE UPDATE OR DELETE ON safeguarding_reconciliation
    FOR EACH ROW EXECUTE FUNCTION safeguarding_refuse_change();
CREATE TRIGGER safeguarding_reconciliation_no_truncate BEFORE TRUNCATE ON safeguarding_reconciliation
    FOR EACH STATEMENT EXECUTE FUNCTION safeguarding_refuse_change();
CREATE TRIGGER safeguarding_alert_append_only BEFORE UPDATE OR DELETE ON safeguarding_alert
    FOR EACH ROW EXECUTE FUNCTION safeguarding_refuse_change();
CREATE TRIGGER safeguarding_alert_no_truncate BEFORE TRUNCATE ON safeguarding_alert
    FOR EACH STATEMENT EXECUTE FUNCTION safeguarding_refuse_change();
