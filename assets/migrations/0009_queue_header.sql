-- The queue header's "needs triage" and "new" counts look at columns no queue index holds, so
-- each counted every open request by reading its table row: thousands of scattered pages
-- when the desk starts at 100,000 requests. Partial indexes over the open half answer them
-- from a few pages.
CREATE INDEX requests_open_rights ON requests (rights_mask) WHERE is_open = 1;
CREATE INDEX requests_open_unread ON requests (unread) WHERE is_open = 1;
