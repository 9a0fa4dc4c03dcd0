-- Requests, decisions per right, and the append-only, hash-chained event log.
CREATE TABLE requests (
    id               INTEGER PRIMARY KEY,
    reference        TEXT NOT NULL UNIQUE,
    received_utc     TEXT NOT NULL,             -- RFC 3339, UTC
    received_date    TEXT NOT NULL,             -- Europe/Oslo date of receipt
    channel          TEXT NOT NULL,
    requester_name   TEXT NOT NULL,
    requester_email  TEXT,
    requester_phone  TEXT,
    agent            TEXT,
    rights           TEXT NOT NULL DEFAULT '',  -- comma-separated; empty = needs triage
    rights_mask      INTEGER NOT NULL DEFAULT 0,
    status           TEXT NOT NULL,
    -- The deadline in force, recomputed by the domain on every write; kept for ordering.
    due_date         TEXT NOT NULL,
    extension_notified TEXT,
    extension_reason   TEXT,
    suspension_requested TEXT,
    suspension_reason    TEXT,
    suspension_answered  TEXT,
    identity_status  TEXT NOT NULL DEFAULT 'not-required',
    identity_method  TEXT,
    assignee         TEXT,
    message_id       TEXT UNIQUE,
    original_text    TEXT,
    closed_at        TEXT,
    version          INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX requests_open_by_due ON requests (status = 'closed', due_date, id);
CREATE INDEX requests_closed_by_time ON requests (status = 'closed', closed_at);

CREATE TABLE decisions (
    id          INTEGER PRIMARY KEY,
    request_id  INTEGER NOT NULL REFERENCES requests (id),
    right_asked TEXT,                           -- NULL: the whole request (it named no right)
    kind        TEXT NOT NULL,
    ground      TEXT,
    reason      TEXT,
    decided_by  TEXT NOT NULL,
    decided_at  TEXT NOT NULL
);
CREATE UNIQUE INDEX decisions_one_per_right ON decisions (request_id, ifnull(right_asked, ''));

CREATE TABLE events (
    id          INTEGER PRIMARY KEY,
    request_id  INTEGER REFERENCES requests (id),
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    kind        TEXT NOT NULL,
    summary     TEXT NOT NULL,
    detail      TEXT NOT NULL,                  -- JSON
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL
);
CREATE INDEX events_by_request ON events (request_id, id);
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
    BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
    BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;

CREATE TABLE counters (year INTEGER PRIMARY KEY, last INTEGER NOT NULL);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
