-- Wallets: one e-money ledger account per customer and currency. The ledger holds the money; these tables
-- hold what the ledger does not know: who owns an account, its IBAN and top-up reference, monthly limit
-- usage, transfer references, and the bank files exchanged with the safeguarding bank.
CREATE TABLE wallet_wallet (
    id                 text        PRIMARY KEY CHECK (id ~ '^wal_[a-z0-9]{26}$'),
    user_id            text        NOT NULL,
    currency           char(3)     NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    iban               text        NOT NULL UNIQUE CHECK (iban ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{10,30}$'),
    ledger_account_id  text        NOT NULL UNIQUE,
    topup_reference    text        NOT NULL UNIQUE CHECK (topup_reference ~ '^BST-[A-Z0-9]{4}-[A-Z0-9]{4}$'),
    -- An upper bound of the wallet's posted balance, for the balance cap: a credit raises it before the
    -- ledger posts (refused past the cap), a debit lowers it only after the ledger posted.
    balance_bound_minor bigint     NOT NULL DEFAULT 0 CHECK (balance_bound_minor >= 0),
    created_at         timestamptz NOT NULL,
    UNIQUE (user_id, currency)
);

-- Outgoing volume per wallet and calendar month (UTC), raised by a conditional UPDATE that refuses to pass
-- the limit: the row lock serialises concurrent sends of one wallet, so the sum can never exceed it.
CREATE TABLE wallet_limit_usage (
    wallet_id      text    NOT NULL REFERENCES wallet_wallet (id),
    month          date    NOT NULL CHECK (extract(day FROM month) = 1),
    outgoing_minor bigint  NOT NULL DEFAULT 0 CHECK (outgoing_minor >= 0),
    PRIMARY KEY (wallet_id, month)
);

-- A customer's order to send money, to another wallet or (a payout) to an external IBAN. It waits for its
-- confirmation, then is carried out exactly once: 'awaiting' -> 'executing' is a conditional UPDATE.
CREATE TABLE wallet_order (
    id                     text        PRIMARY KEY,
    user_id                text        NOT NULL,
    kind                   text        NOT NULL CHECK (kind IN ('transfer', 'payout')),
    wallet_id              text        NOT NULL REFERENCES wallet_wallet (id),
    payee_wallet_id        text        REFERENCES wallet_wallet (id),
    creditor_iban          text,
    payee_label            text        NOT NULL,
    amount_minor           bigint      NOT NULL CHECK (amount_minor > 0),
    fee_minor              bigint      NOT NULL CHECK (fee_minor >= 0),
    currency               char(3)     NOT NULL,
    reference              text        NOT NULL CHECK (length(reference) <= 140),
    confirmation_required  boolean     NOT NULL,
    status                 text        NOT NULL CHECK (status IN ('awaiting', 'executing', 'done', 'failed')),
    rejection              text,
    created_at             timestamptz NOT NULL,
    claimed_at             timestamptz,
    executed_at            timestamptz,
    CHECK ((kind = 'transfer') = (payee_wallet_id IS NOT NULL)),
    CHECK ((kind = 'payout') = (creditor_iban IS NOT NULL))
);
CREATE INDEX wallet_order_user ON wallet_order (user_id, created_at);
CREATE INDEX wallet_order_executing ON wallet_order (claimed_at) WHERE status = 'executing';

-- What a customer sees beside a ledger transfer: the counterparty and the reference they typed.
CREATE TABLE wallet_movement (
    transfer_id   text        PRIMARY KEY,
    kind          text        NOT NULL CHECK (kind IN ('transfer', 'fee', 'topup', 'payout', 'payout_return')),
    payer_label   text        NOT NULL,
    payee_label   text        NOT NULL,
    reference     text        NOT NULL CHECK (length(reference) <= 140),
    created_at    timestamptz NOT NULL
);

CREATE TABLE wallet_bank_file (
    id           text        PRIMARY KEY,
    sha256       text        NOT NULL UNIQUE CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    kind         text        NOT NULL CHECK (kind IN ('camt.053', 'camt.054', 'pain.001')),
    name         text        NOT NULL,
    entries      integer     NOT NULL CHECK (entries >= 0),
    imported_at  timestamptz NOT NULL
);

-- Every statement entry Bastion has acted on, by the bank's reference, so a re-imported entry changes nothing.
CREATE TABLE wallet_bank_entry (
    entry_ref     text        PRIMARY KEY,
    file_id       text        NOT NULL REFERENCES wallet_bank_file (id),
    direction     text        NOT NULL CHECK (direction IN ('credit', 'debit')),
    amount_minor  bigint      NOT NULL CHECK (amount_minor > 0),
    currency      char(3)     NOT NULL,
    outcome       text        NOT NULL CHECK (outcome IN ('credited', 'suspense', 'payout_posted', 'payout_returned',
                                                          'ignored')),
    wallet_id     text,
    created_at    timestamptz NOT NULL
);

-- Incoming credits that matched no wallet: parked on the suspense account until staff credit them.
CREATE TABLE wallet_unmatched_credit (
    id             text        PRIMARY KEY,
    entry_ref      text        NOT NULL UNIQUE REFERENCES wallet_bank_entry (entry_ref),
    amount_minor   bigint      NOT NULL CHECK (amount_minor > 0),
    currency       char(3)     NOT NULL,
    debtor_name    text        NOT NULL,
    remittance     text        NOT NULL,
    status         text        NOT NULL CHECK (status IN ('open', 'credited')),
    wallet_id      text,
    resolved_by    text,
    created_at     timestamptz NOT NULL,
    resolved_at    timestamptz
);
CREATE INDEX wallet_unmatched_credit_open ON wallet_unmatched_credit (created_at) WHERE status = 'open';

-- Payouts to an external IBAN: held (a pending ledger transfer), exported in a pain.001 file, then posted
-- or returned when the bank's statement says so.
CREATE TABLE wallet_payout (
    id              text        PRIMARY KEY,
    wallet_id       text        NOT NULL REFERENCES wallet_wallet (id),
    amount_minor    bigint      NOT NULL CHECK (amount_minor > 0),
    currency        char(3)     NOT NULL,
    creditor_name   text        NOT NULL,
    creditor_iban   text        NOT NULL,
    reference       text        NOT NULL,
    end_to_end_id   text        NOT NULL UNIQUE,
    status          text        NOT NULL CHECK (status IN ('held', 'exported', 'posted', 'returned')),
    export_file_id  text        REFERENCES wallet_bank_file (id),
    created_at      timestamptz NOT NULL,
    resolved_at     timestamptz
);
CREATE INDEX wallet_payout_held ON wallet_payout (created_at) WHERE status = 'held';

-- The closing booked balance each camt.053 statement reports, for the daily safeguarding reconciliation.
CREATE TABLE wallet_bank_closing_balance (
    file_id                text        NOT NULL REFERENCES wallet_bank_file (id),
    account_iban           text        NOT NULL,
    currency               char(3)     NOT NULL,
    booked_on              date        NOT NULL,
    closing_balance_minor  bigint      NOT NULL,
    imported_at            timestamptz NOT NULL,
    PRIMARY KEY (file_id, account_iban, currency)
);
CREATE INDEX wallet_bank_closing_balance_latest
    ON wallet_bank_closing_balance (account_iban, currency, booked_on DESC, imported_at DESC);
