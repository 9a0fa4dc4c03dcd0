-- The queue's two halves each get a plain composite index on a real column: expression
-- indexes on (status = 'closed') were not chosen for ORDER BY or range counts, which made
-- the closed half sort the whole table.
ALTER TABLE requests ADD COLUMN is_open INTEGER NOT NULL DEFAULT 1;
UPDATE requests SET is_open = (status != 'closed');
DROP INDEX requests_open_by_due;
DROP INDEX requests_closed_by_time;
CREATE INDEX requests_open_queue ON requests (is_open, due_date, id);
CREATE INDEX requests_closed_queue ON requests (is_open, closed_at, id);
CREATE INDEX requests_open_status ON requests (is_open, status);
