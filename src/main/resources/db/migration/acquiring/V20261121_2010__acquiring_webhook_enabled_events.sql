-- Each endpoint receives the event types it subscribed to; '*' is every type, as before this column.
ALTER TABLE acquiring_webhook_endpoint
    ADD COLUMN enabled_events text[] NOT NULL DEFAULT '{*}'
        CHECK (cardinality(enabled_events) BETWEEN 1 AND 7
               AND enabled_events <@ ARRAY['*', 'payment_intent.succeeded', 'payment_intent.captured',
                                          'payment_intent.failed', 'payment_intent.canceled',
                                          'payment_intent.refunded', 'payment_intent.requires_action']::text[]);
