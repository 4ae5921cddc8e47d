-- The guard of "amount, currency and merchant are immutable once confirmed" stays exactly as strict, but its
-- PL/pgSQL function is called only for an update it refuses: every move of an intent (three per card payment)
-- changes none of those columns, and a WHEN clause is evaluated without a function call.
DROP TRIGGER acquiring_intent_immutable ON acquiring_payment_intent;
CREATE TRIGGER acquiring_intent_immutable BEFORE UPDATE ON acquiring_payment_intent
    FOR EACH ROW WHEN (OLD.status <> 'requires_payment_method'
        AND (NEW.amount IS DISTINCT FROM OLD.amount OR NEW.currency IS DISTINCT FROM OLD.currency
             OR NEW.merchant_id IS DISTINCT FROM OLD.merchant_id))
    EXECUTE FUNCTION acquiring_intent_immutable();
