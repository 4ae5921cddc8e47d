-- A card's tokens of one purpose, newest first: the issuer finds the issued card behind the payment page's
-- one-off token with one index probe, however many one-off tokens the card has collected.
CREATE INDEX vault_card_fingerprint_purpose ON vault_card (fingerprint, purpose, created_at DESC, token)
    WHERE purged_at IS NULL;
DROP INDEX vault_card_fingerprint;
