-- Who acts for the person: in what role, and whether they showed a mandate (legal-rules
-- §3a). Until a mandate is shown, nothing about the person goes to the representative.
ALTER TABLE requests ADD COLUMN agent_role TEXT;
ALTER TABLE requests ADD COLUMN agent_mandate TEXT NOT NULL DEFAULT 'unknown';
