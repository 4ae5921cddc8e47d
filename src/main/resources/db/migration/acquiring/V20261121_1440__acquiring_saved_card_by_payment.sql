-- A payment's saved card is found by the payment (activate after approval, discard after failure).
CREATE INDEX acquiring_saved_card_initial_payment ON acquiring_saved_card (initial_payment_intent);
