-- registration-jdbc schema, version 4 (postgresql): fewer index entries per registration, which is
-- the work every registration pays for.

-- An event's registrations are found through registration_wait_ix and registration_email_uq
-- (both begin with event_id); listing them sorts by seq.
DROP INDEX ${prefix}registration_event_ix;

-- Only offered registrations can expire: index those alone.
DROP INDEX ${prefix}registration_offer_ix;
CREATE INDEX ${prefix}registration_offer_ix ON ${prefix}registration (offer_expires_at, seq)
    WHERE status = 'OFFERED';

-- Idempotency keys are optional: rows without one need no entry. Same name, so a violation
-- reports the same constraint as before.
ALTER TABLE ${prefix}registration DROP CONSTRAINT ${prefix}registration_idem_uq;
CREATE UNIQUE INDEX ${prefix}registration_idem_uq ON ${prefix}registration (event_id, idempotency_key)
    WHERE idempotency_key IS NOT NULL;
