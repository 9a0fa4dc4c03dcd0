-- The last event of a request when an officer last opened it: the follow-ups after it are
-- the unread ones. NULL: never opened since intake.
ALTER TABLE requests ADD COLUMN read_through INTEGER;
