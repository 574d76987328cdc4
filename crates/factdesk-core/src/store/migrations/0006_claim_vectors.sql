-- factdesk schema, version 6: claim vectors for semantic matching
-- (crate::embed). Never edit this file once released.

-- Each claim's sentence vector, quantised (DIM signed bytes and an f32 scale).
-- Written with claim_terms whenever a claim's text is, when the model is there.
-- AUTOINCREMENT keeps ids rising, so the in-memory index can load only new rows.
CREATE TABLE claim_vectors (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    claim_id  TEXT NOT NULL UNIQUE REFERENCES claims(id) ON DELETE CASCADE,
    vector    BLOB NOT NULL CHECK (length(vector) = 260)
) STRICT;

-- Counts deletions from claim_vectors: the in-memory index reloads whole
-- when it moves, and otherwise loads the rows above its highest id.
CREATE TABLE vector_deletions (
    one    INTEGER PRIMARY KEY CHECK (one = 1),
    count  INTEGER NOT NULL
) STRICT;
INSERT INTO vector_deletions(one, count) VALUES (1, 0);
CREATE TRIGGER claim_vectors_delete AFTER DELETE ON claim_vectors BEGIN
    UPDATE vector_deletions SET count = count + 1 WHERE one = 1;
END;
