-- The keyed audit trail: an HMAC-SHA256 beside each event's SHA-256, under a key kept outside
-- the database. NULL for events written before the register was keyed; the meta row
-- 'audit_keyed_from' names the first keyed event.
ALTER TABLE events ADD COLUMN mac TEXT;
