-- Indexes of the demo customer database, created after the bulk load (faster than keeping
-- them up to date row by row).
CREATE INDEX contact_details_by_customer ON contact_details (customer_id);
CREATE INDEX web_events_by_customer ON web_events (customer_id);
CREATE INDEX email_events_by_customer ON email_events (customer_id);
CREATE INDEX cookie_consents_by_customer ON cookie_consents (customer_id);
CREATE INDEX newsletter_subscriptions_by_customer ON newsletter_subscriptions (customer_id);
CREATE INDEX orders_by_customer ON orders (customer_id);
CREATE INDEX shipments_by_customer ON shipments (customer_id);
