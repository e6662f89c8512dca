-- registration-jdbc schema, version 3 (mariadb): organiser separation, audit log, access and erasure.

-- The audit log: who did what to which event and registration, and when. Ids only (never names,
-- e-mail addresses, answers or notes), so it is kept when personal data is anonymised.
CREATE TABLE ${prefix}audit (
    seq              BIGINT NOT NULL AUTO_INCREMENT,
    occurred_at      DATETIME(6) NOT NULL,
    actor_kind       VARCHAR(16)  NOT NULL,
    actor_id         VARCHAR(100) NOT NULL,
    organiser_id     VARCHAR(64)  NOT NULL,
    audit_action     VARCHAR(40)  NOT NULL,
    event_id         VARCHAR(64)  NOT NULL,
    registration_id  VARCHAR(64),
    PRIMARY KEY (seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ${prefix}audit_event_ix ON ${prefix}audit (event_id, seq);

-- The normalized e-mail of every registration (active or not), for access and erasure requests.
-- Filled from the registration's data when first needed (rows written before this version, and
-- new rows: the registration hot path does not write it), and replaced by the placeholder address
-- when the registration is anonymised.
ALTER TABLE ${prefix}registration ADD COLUMN email VARCHAR(320);
CREATE INDEX ${prefix}registration_email_ix ON ${prefix}registration (email);
