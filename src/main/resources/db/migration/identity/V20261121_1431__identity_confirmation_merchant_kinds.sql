-- A business member's refund of a card payment and payout of the merchant balance are confirmed like any
-- other sensitive action.
ALTER TABLE identity_confirmation DROP CONSTRAINT identity_confirmation_kind_check;
ALTER TABLE identity_confirmation ADD CONSTRAINT identity_confirmation_kind_check CHECK (kind IN ('PAYMENT', 'ADD_PAYEE',
    'CREATE_API_KEY', 'ROTATE_API_KEY', 'CHANGE_SECURITY_SETTING', 'REFUND_PAYMENT', 'MERCHANT_PAYOUT'));
