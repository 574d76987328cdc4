-- factdesk schema, version 9. Never edit this file once released.

-- A checker takes back a verdict (the app's "Undo"): the verdict stays, as
-- every verdict does, and this row says it no longer counts. A claim's
-- current verdict is its latest one not withdrawn.
CREATE TABLE verdict_withdrawals (
    verdict_id  TEXT PRIMARY KEY REFERENCES verdicts(id),
    checker     TEXT NOT NULL,
    at          TEXT NOT NULL
) STRICT;

DROP TRIGGER verdicts_current_insert;
CREATE TRIGGER verdicts_current_insert AFTER INSERT ON verdicts BEGIN
    DELETE FROM current_verdicts WHERE claim_id = NEW.claim_id;
    INSERT INTO current_verdicts(claim_id, verdict_id, rating, checker, at)
    SELECT claim_id, id, rating, checker, at FROM verdicts
    WHERE claim_id = NEW.claim_id AND id NOT IN (SELECT verdict_id FROM verdict_withdrawals) ORDER BY at DESC, rowid DESC LIMIT 1;
END;

DROP TRIGGER verdicts_current_move;
CREATE TRIGGER verdicts_current_move AFTER UPDATE OF claim_id ON verdicts BEGIN
    DELETE FROM current_verdicts WHERE claim_id IN (OLD.claim_id, NEW.claim_id);
    INSERT INTO current_verdicts(claim_id, verdict_id, rating, checker, at)
    SELECT claim_id, id, rating, checker, at FROM verdicts
    WHERE claim_id = OLD.claim_id AND id NOT IN (SELECT verdict_id FROM verdict_withdrawals) ORDER BY at DESC, rowid DESC LIMIT 1;
    INSERT INTO current_verdicts(claim_id, verdict_id, rating, checker, at)
    SELECT claim_id, id, rating, checker, at FROM verdicts
    WHERE claim_id = NEW.claim_id AND id NOT IN (SELECT verdict_id FROM verdict_withdrawals) ORDER BY at DESC, rowid DESC LIMIT 1;
END;

CREATE TRIGGER verdicts_withdrawn AFTER INSERT ON verdict_withdrawals BEGIN
    DELETE FROM current_verdicts
    WHERE claim_id = (SELECT claim_id FROM verdicts WHERE id = NEW.verdict_id);
    INSERT INTO current_verdicts(claim_id, verdict_id, rating, checker, at)
    SELECT claim_id, id, rating, checker, at FROM verdicts
    WHERE claim_id = (SELECT claim_id FROM verdicts WHERE id = NEW.verdict_id)
      AND id NOT IN (SELECT verdict_id FROM verdict_withdrawals)
    ORDER BY at DESC, rowid DESC LIMIT 1;
END;
