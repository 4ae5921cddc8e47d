-- Payouts of a merchant's balance, requested on the dashboard. The ledger transfer that moves the money to
-- payouts in transit has the payout's id, so repeating it can never move the money twice.
CREATE TABLE acquiring_payout (
    id             text        PRIMARY KEY CHECK (id ~ '^po_[a-z0-9]{1,40}$'),
    merchant_id    text        NOT NULL,
    amount         bigint      NOT NULL CHECK (amount > 0),
    currency       text        NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    status         text        NOT NULL CHECK (status IN ('requested', 'in_transit', 'failed')),
    failure_reason text,
    requested_by   text        NOT NULL,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    CHECK ((status = 'failed') = (failure_reason IS NOT NULL))
);

CREATE INDEX acquiring_payout_merchant ON acquiring_payout (merchant_id, created_at DESC, id DESC);
