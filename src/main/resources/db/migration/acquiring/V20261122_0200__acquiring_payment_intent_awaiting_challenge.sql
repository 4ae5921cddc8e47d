-- The challenge job looks every minute for intents still waiting for their 3-D Secure challenge's result. The index
-- it had (every intent that ever went through 3-D Secure, by server transaction id) made that a scan of all such
-- payments, a cost that grows with history (26 ms per run at 30,000 payments in the bench, on one of two cores).
-- This one holds only the intents waiting now, by when they last moved: the job's query reads just those.
CREATE INDEX acquiring_payment_intent_awaiting_challenge ON acquiring_payment_intent (updated_at)
    WHERE status = 'requires_action' AND three_ds_server_trans_id IS NOT NULL;
