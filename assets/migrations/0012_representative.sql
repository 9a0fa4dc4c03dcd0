-- Who acts for the person: in what role, and whether they showed a mandate (legal-rules
-- §3a). Until a mandate is shown, nothing about the person goes to the representative.
ALTER TABLE requests ADD COLUMN agent_role TEXT;
ALTER TABLE requests ADD COLUMN agent_mandate TEXT NOT NULL DEFAULT 'unknown';
-- The statistics count reasonable fees (legal-rules §3a) from their events: a partial index
-- finds them without reading every event.
CREATE INDEX events_fees ON events (kind) WHERE kind = 'fee';
