-- factdesk schema, version 3: claim matching. Never edit this file once released.

-- Each claim's text as matching sees it (crate::matching): normalised terms,
-- numbers and polarity. Written by the store whenever a claim's text is.
CREATE TABLE claim_terms (
    claim_id  TEXT NOT NULL UNIQUE REFERENCES claims(id) ON DELETE CASCADE,
    terms     TEXT NOT NULL,
    numbers   TEXT NOT NULL,
    negated   INTEGER NOT NULL CHECK (negated IN (0, 1))
) STRICT;

-- Candidates for a match come from BM25 over the normalised terms.
CREATE VIRTUAL TABLE claim_terms_fts USING fts5(
    terms, content = 'claim_terms', content_rowid = 'rowid', detail = none,
    tokenize = 'unicode61 remove_diacritics 0'
);
CREATE TRIGGER claim_terms_fts_delete AFTER DELETE ON claim_terms BEGIN
    INSERT INTO claim_terms_fts(claim_terms_fts, rowid, terms) VALUES ('delete', old.rowid, old.terms);
END;
CREATE TRIGGER claim_terms_fts_update AFTER UPDATE OF terms ON claim_terms BEGIN
    INSERT INTO claim_terms_fts(claim_terms_fts, rowid, terms) VALUES ('delete', old.rowid, old.terms);
    INSERT INTO claim_terms_fts(rowid, terms) VALUES (new.rowid, new.terms);
END;
-- How many claims have each term (the scorer's weights); the row with the
-- empty term counts all claims. Kept by the store as it writes claim_terms.
CREATE TABLE term_df (
    term  TEXT PRIMARY KEY,
    df    INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

-- A checker's answer to a suggested match: the same claim, or not.
-- (A confirmed contradiction is a row in relations.)
CREATE TABLE claim_links (
    a        TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    b        TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    state    TEXT NOT NULL CHECK (state IN ('same', 'rejected')),
    checker  TEXT NOT NULL,
    at       TEXT NOT NULL,
    PRIMARY KEY (a, b),
    CHECK (a < b)
) STRICT;
CREATE INDEX claim_links_b ON claim_links(b);
