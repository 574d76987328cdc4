-- factdesk schema, version 12: each claim's vector from the full encoder
-- (crate::encoder), which re-ranks matches. Never edit this file once released.

-- Quantised: 384 signed bytes and an f32 scale. Written by a background pass
-- (Store::encode_pending) after the claim is, and dropped whenever the claim's
-- text is rewritten, so the pass reads it again. AUTOINCREMENT keeps ids
-- rising, so the in-memory index can load only new rows.
CREATE TABLE claim_encodings (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    claim_id  TEXT NOT NULL UNIQUE REFERENCES claims(id) ON DELETE CASCADE,
    vector    BLOB NOT NULL CHECK (length(vector) = 388)
) STRICT;

-- Deletions from claim_encodings reload the in-memory index whole.
CREATE TABLE encoding_deletions (
    one    INTEGER PRIMARY KEY CHECK (one = 1),
    count  INTEGER NOT NULL
) STRICT;
INSERT INTO encoding_deletions(one, count) VALUES (1, 0);
CREATE TRIGGER claim_encodings_delete AFTER DELETE ON claim_encodings BEGIN
    UPDATE encoding_deletions SET count = count + 1 WHERE one = 1;
END;
