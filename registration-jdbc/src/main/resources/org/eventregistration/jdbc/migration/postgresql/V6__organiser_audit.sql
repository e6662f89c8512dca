-- registration-jdbc schema, version 6 (postgresql): audit entries about no single event.

-- An organiser's access or erasure request for an address that has no registration with them is
-- audited too (who asked, and when), but it concerns no event: event_id is NULL for such entries.
-- Ids only, as before: the address asked about is not stored.
ALTER TABLE ${prefix}audit ALTER COLUMN event_id DROP NOT NULL;
-- An organiser's entries about no event, oldest first. Only those rows are indexed.
CREATE INDEX ${prefix}audit_organiser_ix ON ${prefix}audit (organiser_id, seq) WHERE event_id IS NULL;
