-- registration-jdbc schema, version 4 (h2): fewer index entries per registration.
-- An event's registrations are found through registration_wait_ix and registration_email_uq
-- (both begin with event_id); listing them sorts by seq.
DROP INDEX ${prefix}registration_event_ix;
