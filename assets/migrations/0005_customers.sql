-- Customers linked to a request, and the Art. 19 checklist of recipients to notify.
-- customer_id is a key in the customer database the `meta` table names (customer_db).
CREATE TABLE request_customers (
    request_id  INTEGER NOT NULL REFERENCES requests (id),
    customer_id INTEGER NOT NULL,
    linked_by   TEXT NOT NULL,
    linked_at   TEXT NOT NULL,
    PRIMARY KEY (request_id, customer_id)
) WITHOUT ROWID;
CREATE INDEX request_customers_by_customer ON request_customers (customer_id);

CREATE TABLE request_recipients (
    request_id  INTEGER NOT NULL REFERENCES requests (id),
    recipient   TEXT NOT NULL,                  -- the recipient's id in the data map
    name        TEXT NOT NULL,
    added_at    TEXT NOT NULL,
    notified_on TEXT,                           -- Europe/Oslo date the recipient was told
    notified_by TEXT,
    PRIMARY KEY (request_id, recipient)
) WITHOUT ROWID;
