-- registration-jdbc schema, version 11 (postgresql): fewer and narrower index entries for what every
-- registration writes. Indexes only: no column or constraint changes, so nodes of version 10 keep
-- working during a rolling upgrade (the queries are the same; only their plans change).

-- Participant lists sorted by name filter one event first (registration_wait_ix and
-- registration_email_uq begin with event_id) and sort its rows; a registration's insert no longer
-- pays for an entry with the name in it.
DROP INDEX ${prefix}registration_name_ix;

-- The manage-link and the access-request look-ups compare whole values only: hash indexes, whose
-- entries hold a 4-byte hash instead of the 64-character token hash or the address. Created before
-- the B-tree indexes they replace are dropped, so the look-ups always have one.
CREATE INDEX ${prefix}registration_token_hx ON ${prefix}registration USING hash (manage_token_hash);
DROP INDEX ${prefix}registration_token_ix;
CREATE INDEX ${prefix}registration_email_hx ON ${prefix}registration USING hash (email);
-- The rows still without the address column (written before version 3, filled when first needed).
CREATE INDEX ${prefix}registration_no_email_ix ON ${prefix}registration (seq) WHERE email IS NULL;
DROP INDEX ${prefix}registration_email_ix;

-- The outbox holds only undelivered notifications (delivered rows are deleted): the dispatcher
-- reads it in seq order through its primary key and skips the claimed rows, instead of every
-- notification paying for an entry in (claimed_until, seq).
DROP INDEX ${prefix}outbox_claim_ix;
