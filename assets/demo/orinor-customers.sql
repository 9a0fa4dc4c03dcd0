-- ORINOR AS's customer database as the demo generates it: a stand-in for the real customer
-- register, described by assets/datamap/orinor.toml.
CREATE TABLE customers (
    id          INTEGER PRIMARY KEY,
    customer_no TEXT UNIQUE,
    first_name  TEXT,
    last_name   TEXT,
    created_at  TEXT NOT NULL,
    processing_restricted INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE contact_details (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers (id),
    email       TEXT,
    phone       TEXT,
    street      TEXT,
    postcode    TEXT,
    city        TEXT,
    updated_at  TEXT NOT NULL
);
CREATE TABLE web_events (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers (id),
    occurred_at TEXT NOT NULL,
    page        TEXT NOT NULL,
    action      TEXT NOT NULL,
    device      TEXT,
    screen      TEXT
);
CREATE TABLE email_events (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers (id),
    sent_at     TEXT NOT NULL,
    campaign    TEXT NOT NULL,
    opened      INTEGER NOT NULL,
    clicked     INTEGER NOT NULL,
    device      TEXT,
    screen      TEXT
);
CREATE TABLE cookie_consents (
    id             INTEGER PRIMARY KEY,
    customer_id    INTEGER NOT NULL REFERENCES customers (id),
    given_at       TEXT NOT NULL,
    necessary      INTEGER NOT NULL DEFAULT 1,
    analytics      INTEGER NOT NULL,
    marketing      INTEGER NOT NULL,
    banner_version TEXT NOT NULL
);
CREATE TABLE newsletter_subscriptions (
    id              INTEGER PRIMARY KEY,
    customer_id     INTEGER NOT NULL REFERENCES customers (id),
    list            TEXT NOT NULL,
    subscribed      INTEGER NOT NULL,
    subscribed_at   TEXT NOT NULL,
    unsubscribed_at TEXT
);
CREATE TABLE orders (
    id              INTEGER PRIMARY KEY,
    customer_id     INTEGER NOT NULL REFERENCES customers (id),
    order_no        TEXT NOT NULL,
    invoice_no      TEXT NOT NULL,
    invoice_date    TEXT NOT NULL,
    amount_nok      REAL NOT NULL,
    billing_name    TEXT NOT NULL,
    billing_address TEXT,
    restricted      INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE shipments (
    id               INTEGER PRIMARY KEY,
    customer_id      INTEGER NOT NULL REFERENCES customers (id),
    order_no         TEXT NOT NULL,
    shipped_at       TEXT NOT NULL,
    delivery_address TEXT,
    carrier          TEXT,
    restricted       INTEGER NOT NULL DEFAULT 0
);
-- Not linked to a customer: it outlives erasure so an objection to marketing keeps working.
CREATE TABLE marketing_suppression (
    id           INTEGER PRIMARY KEY,
    email_sha256 TEXT NOT NULL UNIQUE,
    added_on     TEXT NOT NULL,
    reason       TEXT
);
