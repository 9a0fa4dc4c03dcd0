-- Incremental search over reference, name, e-mail and phone without scanning: a trigram
-- index over a folded form (lower case, diacritics spelled out) that the store writes.
CREATE VIRTUAL TABLE request_search USING fts5 (folded, tokenize = 'trigram');
