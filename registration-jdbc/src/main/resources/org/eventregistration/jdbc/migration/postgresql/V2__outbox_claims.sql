-- registration-jdbc schema, version 2 (postgresql): a dispatcher claims the notifications it is about to
-- deliver until claimed_until, so that dispatchers on several nodes do not deliver the same message
-- at the same time. NULL: not claimed. Delivery stays at least once.
ALTER TABLE ${prefix}outbox ADD COLUMN claimed_until TIMESTAMP(6);
CREATE INDEX ${prefix}outbox_claim_ix ON ${prefix}outbox (claimed_until, seq);
