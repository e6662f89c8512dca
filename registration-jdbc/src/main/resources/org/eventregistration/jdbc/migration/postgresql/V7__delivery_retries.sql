-- registration-jdbc schema, version 7 (postgresql): failed deliveries wait before they are tried again,
-- and are set aside as undeliverable after the last attempt, never dropped.

-- How many deliveries of this notification failed; when the next attempt is due (NULL: now, or
-- never failed); when it was set aside as undeliverable (NULL: still pending). A set-aside row
-- stays in the table for the organiser to see (delete it by hand once it has been dealt with).
ALTER TABLE ${prefix}outbox ADD COLUMN attempts INT NOT NULL DEFAULT 0;
ALTER TABLE ${prefix}outbox ADD COLUMN retry_at TIMESTAMP(6);
ALTER TABLE ${prefix}outbox ADD COLUMN set_aside_at TIMESTAMP(6);
-- An event's undeliverable messages, for its organiser. Only those rows are indexed.
CREATE INDEX ${prefix}outbox_set_aside_ix ON ${prefix}outbox (event_id, seq) WHERE set_aside_at IS NOT NULL;
