-- registration-jdbc schema, version 7 (mariadb): failed deliveries wait before they are tried again,
-- and are set aside as undeliverable after the last attempt, never dropped.

-- How many deliveries of this notification failed; when the next attempt is due (NULL: now, or
-- never failed); when it was set aside as undeliverable (NULL: still pending). A set-aside row
-- stays in the table for the organiser to see (delete it by hand once it has been dealt with).
ALTER TABLE ${prefix}outbox ADD COLUMN attempts INT NOT NULL DEFAULT 0;
ALTER TABLE ${prefix}outbox ADD COLUMN retry_at DATETIME(6);
ALTER TABLE ${prefix}outbox ADD COLUMN set_aside_at DATETIME(6);
-- (No index for an event's undeliverable messages: without partial indexes here, one would add an
-- entry to every notification written on the hot path; the outbox is small, as delivered rows go.)

