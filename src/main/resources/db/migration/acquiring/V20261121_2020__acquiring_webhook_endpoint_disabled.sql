-- A merchant can pause an endpoint: while disabled_at is set no new event is queued for it and nothing queued
-- is sent; enabling it again sends what is still queued.
ALTER TABLE acquiring_webhook_endpoint ADD COLUMN disabled_at timestamptz;
