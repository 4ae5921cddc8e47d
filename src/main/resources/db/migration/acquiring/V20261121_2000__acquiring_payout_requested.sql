-- The job that finishes payouts left at "requested" (a crash or a ledger failure between recording the
-- request and moving the money) finds them by age without reading the settled ones.
CREATE INDEX acquiring_payout_requested ON acquiring_payout (updated_at) WHERE status = 'requested';
