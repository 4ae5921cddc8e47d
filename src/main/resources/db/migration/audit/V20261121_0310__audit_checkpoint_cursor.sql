-- The chain head remembers the last signed position, so an append can tell in one read whether a
-- checkpoint is due (and a checkpoint skipped while the key service was still starting is caught up).
ALTER TABLE audit_chain_head ADD COLUMN last_checkpoint_seq bigint NOT NULL DEFAULT 0;

-- The verifier walks checkpoints in chain order.
CREATE INDEX audit_checkpoint_last_seq ON audit_checkpoint (last_seq, id);
