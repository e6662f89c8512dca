-- registration-jdbc schema, version 6 (mariadb): audit entries about no single event.

-- An organiser's access or erasure request for an address that has no registration with them is
-- audited too (who asked, and when), but it concerns no event: event_id is NULL for such entries.
-- Ids only, as before: the address asked about is not stored.
ALTER TABLE ${prefix}audit MODIFY event_id VARCHAR(64) NULL;
-- An organiser's entries about no event, oldest first.
CREATE INDEX ${prefix}audit_organiser_ix ON ${prefix}audit (organiser_id, seq);
