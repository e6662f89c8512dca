-- registration-jdbc schema, version 5 (mariadb): the person's loop. Registrations may hold their
-- place while the e-mail address waits to be confirmed, and the links sent to people are kept as
-- hashes of their secrets.

-- Until when (UTC) an active registration holds its place without its e-mail address confirmed.
-- NULL once confirmed, for registrations that never needed it, and for every row written before
-- this version. Derived from the registration's data, like offer_expires_at, and written with every
-- insert and update of the row.
ALTER TABLE ${prefix}registration ADD COLUMN confirm_by DATETIME(6);
-- The expiry job reads the due ones, earliest first (MariaDB has no partial indexes; seq is the
-- primary key, which InnoDB keeps in every index entry anyway).
CREATE INDEX ${prefix}registration_confirm_ix ON ${prefix}registration (confirm_by, seq);

-- The links sent to people (manage, confirm the address, data request). Only the SHA-256 (64 hex
-- digits) of each link's secret is stored, never the secret itself: this table cannot be used to
-- build a working link. A few live per registration and purpose; the oldest beyond that are
-- deleted when a new one is saved, expired ones by the retention job. Ids only, no personal data.
-- No foreign key to the registration: saving a link never waits for a unit of work that has the
-- registration's row locked.
CREATE TABLE ${prefix}link_token (
    token_hash       VARCHAR(64)  NOT NULL,
    purpose          VARCHAR(20)  NOT NULL,
    registration_id  VARCHAR(64)  NOT NULL,
    event_id         VARCHAR(64)  NOT NULL,
    created_at       DATETIME(6)  NOT NULL,
    expires_at       DATETIME(6)  NOT NULL,
    PRIMARY KEY (token_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
-- The tokens of one registration and purpose, oldest first (to keep only the newest few).
CREATE INDEX ${prefix}link_token_owner_ix ON ${prefix}link_token (registration_id, purpose, created_at);
-- The expired ones, for deletion.
CREATE INDEX ${prefix}link_token_expiry_ix ON ${prefix}link_token (expires_at);
