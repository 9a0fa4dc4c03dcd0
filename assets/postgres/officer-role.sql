-- The role officers' desks log in as: it reads and writes the register, but may only add to
-- the event log (no UPDATE, DELETE or TRUNCATE there; the table's trigger refuses those to
-- its owner too). Run as the register's owner after `dsr-desk init`; the owner alone runs
-- `init` and schema upgrades. Replace dsr_officer with the role's name.
GRANT USAGE ON SCHEMA public TO dsr_officer;
GRANT SELECT, INSERT, UPDATE, DELETE ON requests, decisions, counters, meta, request_search,
    intake_messages, request_customers, request_recipients, intents TO dsr_officer;
GRANT SELECT ON dsr_schema TO dsr_officer;
GRANT SELECT, INSERT ON events TO dsr_officer;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO dsr_officer;
