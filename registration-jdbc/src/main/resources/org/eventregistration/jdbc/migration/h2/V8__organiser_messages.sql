-- registration-jdbc schema, version 8 (h2): messages an organiser sends to the participants of an
-- event, and which outbox rows carry one. Additive only; but a node of an earlier version cannot
-- deliver the notification kinds that come with this version (EVENT_CHANGED, EVENT_CANCELLED,
-- MESSAGE): upgrade the nodes that deliver notifications together.

-- One row per message. subject and body are JSON objects keyed by language (nb, nn, en), the exact
-- texts; recipients lists the registration statuses it went to, comma-separated. sent_by is the
-- organiser user's id (as in the audit log). Deleted with the event's personal data by the retention
-- run: a message may name people.
CREATE TABLE ${prefix}organiser_message (
    message_id    VARCHAR(64)  NOT NULL,
    event_id      VARCHAR(64)  NOT NULL,
    subject       CHARACTER LARGE OBJECT NOT NULL,
    body          CHARACTER LARGE OBJECT NOT NULL,
    recipients    VARCHAR(200) NOT NULL,
    sent_by_kind  VARCHAR(16)  NOT NULL,
    sent_by       VARCHAR(100) NOT NULL,
    sent_at       TIMESTAMP(6) NOT NULL,
    CONSTRAINT ${prefix}organiser_message_pk PRIMARY KEY (message_id)
);
CREATE INDEX ${prefix}organiser_message_event_ix ON ${prefix}organiser_message (event_id, sent_at);

-- The message a MESSAGE notification carries; NULL for every other kind.
ALTER TABLE ${prefix}outbox ADD COLUMN message_id VARCHAR(64);
