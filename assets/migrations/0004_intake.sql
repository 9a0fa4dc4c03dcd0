-- Intake: what a message said beyond the request itself, and every message taken in, so a
-- re-import is recognised and follow-ups find their request.
ALTER TABLE requests ADD COLUMN subject TEXT;
ALTER TABLE requests ADD COLUMN recognised TEXT;            -- JSON [{right, phrase}]
ALTER TABLE requests ADD COLUMN intake_note TEXT;           -- e.g. "Date header missing: ..."
ALTER TABLE requests ADD COLUMN unread INTEGER NOT NULL DEFAULT 0;
CREATE INDEX requests_by_email ON requests (requester_email, received_utc);

CREATE TABLE intake_messages (
    dedupe_key  TEXT PRIMARY KEY,                -- message-id:... or sha256:...
    message_id  TEXT,
    request_id  INTEGER REFERENCES requests (id),  -- NULL when filed away (automated mail)
    role        TEXT NOT NULL,                   -- request | follow-up | skipped
    source      TEXT NOT NULL,
    imported_at TEXT NOT NULL
);
CREATE INDEX intake_messages_by_message_id ON intake_messages (message_id);
