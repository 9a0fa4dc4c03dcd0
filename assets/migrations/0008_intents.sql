-- A change to the customer database spans two files, so it is written in three steps: the
-- intent (the planned change and its evidence) commits here first; then the customer
-- database, with a row in its dsr_intents_done naming the intent's token; then the change's
-- events, with the intent marked done. An intent still pending when the desk next opens both
-- databases was interrupted: the token in the customer database says whether the change was
-- made (its record is completed) or not (it is recorded as not carried out).
CREATE TABLE intents (
    id          INTEGER PRIMARY KEY,
    token       TEXT NOT NULL UNIQUE,             -- also in the customer database's marker
    request_id  INTEGER REFERENCES requests (id), -- NULL: the end of legal holds (any request)
    kind        TEXT NOT NULL,                    -- the event kind the change records
    planned     TEXT NOT NULL,                    -- JSON: the events to write, with evidence
    customer_db TEXT NOT NULL,                    -- the customer database it changes
    actor       TEXT NOT NULL,
    started_at  TEXT NOT NULL,
    state       TEXT NOT NULL DEFAULT 'pending'
                CHECK (state IN ('pending', 'done', 'completed', 'not-carried-out')),
    resolved_at TEXT
);
CREATE INDEX intents_pending ON intents (state) WHERE state = 'pending';
