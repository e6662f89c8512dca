-- registration-jdbc schema, version 1 (mariadb).
-- ${prefix} is the table-name prefix (Flyway placeholder; may be empty).
-- Tables use utf8mb4 with a binary collation: ids, keys and e-mails compare exactly (the default
-- collations would treat "A" and "a", or "é" and "e", as equal).
-- Times are UTC. The JSON columns hold the exact values; the other columns are derived from them
-- for lookups and constraints.

-- Event definitions, readable by every node.
CREATE TABLE ${prefix}event (
    event_id    VARCHAR(64)  NOT NULL,
    starts_at   DATETIME(6) NOT NULL,
    definition  MEDIUMTEXT NOT NULL,
    updated_at  DATETIME(6) NOT NULL,
    PRIMARY KEY (event_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ${prefix}event_start_ix ON ${prefix}event (starts_at, event_id);

-- One row per event: locked (SELECT ... FOR UPDATE) by every unit of work on the event.
CREATE TABLE ${prefix}ledger (
    event_id       VARCHAR(64) NOT NULL,
    version        BIGINT      NOT NULL,
    waitlist_tail  BIGINT      NOT NULL,
    waiting_count  INTEGER     NOT NULL,
    PRIMARY KEY (event_id),
    CONSTRAINT ${prefix}ledger_event_fk FOREIGN KEY (event_id) REFERENCES ${prefix}event (event_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The ledger's counters (seats taken per event, session, organisation, reserved quota); zero
-- counters have no row.
CREATE TABLE ${prefix}ledger_counter (
    event_id     VARCHAR(64)  NOT NULL,
    counter_key  VARCHAR(200) NOT NULL,
    taken        INTEGER      NOT NULL,
    PRIMARY KEY (event_id, counter_key),
    CONSTRAINT ${prefix}ledger_counter_fk FOREIGN KEY (event_id) REFERENCES ${prefix}ledger (event_id),
    CONSTRAINT ${prefix}ledger_counter_positive CHECK (taken > 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Registrations. active_email is the normalized e-mail while the registration is active and NULL
-- after (NULLs never collide in a unique index), so one person holds one active registration.
CREATE TABLE ${prefix}registration (
    seq                BIGINT       NOT NULL AUTO_INCREMENT,
    registration_id    VARCHAR(64)  NOT NULL,
    event_id           VARCHAR(64)  NOT NULL,
    status             VARCHAR(20)  NOT NULL,
    active_email       VARCHAR(320),
    idempotency_key    VARCHAR(200),
    manage_token_hash  VARCHAR(128) NOT NULL,
    waitlist_sequence  BIGINT       NOT NULL,
    offer_expires_at   DATETIME(6),
    created_at         DATETIME(6) NOT NULL,
    data               MEDIUMTEXT NOT NULL,
    PRIMARY KEY (seq),
    CONSTRAINT ${prefix}registration_id_uq UNIQUE (registration_id),
    CONSTRAINT ${prefix}registration_email_uq UNIQUE (event_id, active_email),
    CONSTRAINT ${prefix}registration_idem_uq UNIQUE (event_id, idempotency_key),
    CONSTRAINT ${prefix}registration_event_fk FOREIGN KEY (event_id) REFERENCES ${prefix}event (event_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ${prefix}registration_event_ix ON ${prefix}registration (event_id, seq);
CREATE INDEX ${prefix}registration_wait_ix ON ${prefix}registration (event_id, status, waitlist_sequence);
CREATE INDEX ${prefix}registration_token_ix ON ${prefix}registration (manage_token_hash);
CREATE INDEX ${prefix}registration_offer_ix ON ${prefix}registration (status, offer_expires_at);

-- Transactional outbox: notifications written with the change, deleted once delivered.
CREATE TABLE ${prefix}outbox (
    seq              BIGINT      NOT NULL AUTO_INCREMENT,
    notification_id  VARCHAR(64) NOT NULL,
    kind             VARCHAR(32) NOT NULL,
    event_id         VARCHAR(64) NOT NULL,
    registration_id  VARCHAR(64) NOT NULL,
    occurred_at      DATETIME(6) NOT NULL,
    PRIMARY KEY (seq),
    CONSTRAINT ${prefix}outbox_id_uq UNIQUE (notification_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
