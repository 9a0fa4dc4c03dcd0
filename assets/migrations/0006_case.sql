-- The case workflow: what an objection is to, and what a decision rests on besides its
-- reason to the person (an internal note never put in a letter, the point of the law, the
-- keep-until date of records held under a legal obligation).
ALTER TABLE requests ADD COLUMN objection_scope TEXT;
ALTER TABLE decisions ADD COLUMN internal TEXT;
ALTER TABLE decisions ADD COLUMN point TEXT;
ALTER TABLE decisions ADD COLUMN until_date TEXT;
