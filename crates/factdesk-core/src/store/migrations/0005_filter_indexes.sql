-- factdesk schema, version 5. Never edit this file once released.

-- Each claim's current verdict (the latest by time, then by insertion), kept
-- by triggers as verdicts are added or moved to another claim (verdicts are
-- never updated otherwise, nor deleted but with their claim). The queue's
-- rating and checker filters read it by index instead of finding every
-- claim's latest verdict.
CREATE TABLE current_verdicts (
    claim_id    TEXT PRIMARY KEY REFERENCES claims(id) ON DELETE CASCADE,
    verdict_id  TEXT NOT NULL,
    rating      TEXT NOT NULL,
    checker     TEXT NOT NULL,
    at          TEXT NOT NULL
) STRICT;
-- The filters count and list claims from these indexes alone (Store::claims).
CREATE INDEX current_verdicts_rating ON current_verdicts(rating COLLATE NOCASE, claim_id);
CREATE INDEX current_verdicts_checker ON current_verdicts(checker COLLATE NOCASE, claim_id);

INSERT INTO current_verdicts(claim_id, verdict_id, rating, checker, at)
SELECT v.claim_id, v.id, v.rating, v.checker, v.at
FROM verdicts v
WHERE v.rowid = (SELECT w.rowid FROM verdicts w WHERE w.claim_id = v.claim_id ORDER BY w.at DESC, w.rowid DESC LIMIT 1);

CREATE TRIGGER verdicts_current_insert AFTER INSERT ON verdicts BEGIN
    INSERT OR REPLACE INTO current_verdicts(claim_id, verdict_id, rating, checker, at)
    SELECT claim_id, id, rating, checker, at FROM verdicts
    WHERE claim_id = NEW.claim_id ORDER BY at DESC, rowid DESC LIMIT 1;
END;

CREATE TRIGGER verdicts_current_move AFTER UPDATE OF claim_id ON verdicts BEGIN
    DELETE FROM current_verdicts WHERE claim_id IN (OLD.claim_id, NEW.claim_id);
    INSERT INTO current_verdicts(claim_id, verdict_id, rating, checker, at)
    SELECT claim_id, id, rating, checker, at FROM verdicts
    WHERE claim_id = OLD.claim_id ORDER BY at DESC, rowid DESC LIMIT 1;
    INSERT INTO current_verdicts(claim_id, verdict_id, rating, checker, at)
    SELECT claim_id, id, rating, checker, at FROM verdicts
    WHERE claim_id = NEW.claim_id ORDER BY at DESC, rowid DESC LIMIT 1;
END;

-- The "since" filter lists claims with a verdict given after a time.
CREATE INDEX verdicts_at ON verdicts(at, claim_id);

-- Speakers' and sources' claims, listed from the index alone.
DROP INDEX claim_speakers_entity;
CREATE INDEX claim_speakers_entity ON claim_speakers(entity_id, claim_id);
DROP INDEX claim_sources_entity;
CREATE INDEX claim_sources_entity ON claim_sources(entity_id, claim_id);
