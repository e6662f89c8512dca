-- registration-jdbc schema, version 11 (h2): fewer index entries for what every registration writes.
-- Indexes only: nodes of version 10 keep working during a rolling upgrade.

-- Participant lists sorted by name filter one event first (registration_wait_ix and
-- registration_email_uq begin with event_id) and sort its rows.
DROP INDEX ${prefix}registration_name_ix;

-- The outbox holds only undelivered notifications (delivered rows are deleted): the dispatcher
-- reads it in seq order through its primary key and skips the claimed rows.
DROP INDEX ${prefix}outbox_claim_ix;
