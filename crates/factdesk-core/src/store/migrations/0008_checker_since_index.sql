-- factdesk schema, version 8. Never edit this file once released.

-- When a claim with a verdict last changed, counting its current verdict:
-- the later of the claim's updated_at and the verdict's time. The "since"
-- filter with a checker lists the checker's claims changed since a time as
-- one range of an index (Store::claims) instead of walking all of them.
ALTER TABLE current_verdicts ADD COLUMN changed TEXT;

UPDATE current_verdicts
SET changed = max(at, (SELECT c.updated_at FROM claims c WHERE c.id = current_verdicts.claim_id));

CREATE TRIGGER current_verdicts_changed_insert AFTER INSERT ON current_verdicts BEGIN
    UPDATE current_verdicts
    SET changed = max(NEW.at, coalesce((SELECT c.updated_at FROM claims c WHERE c.id = NEW.claim_id), NEW.at))
    WHERE claim_id = NEW.claim_id;
END;

CREATE TRIGGER claims_changed_update AFTER UPDATE OF updated_at ON claims BEGIN
    UPDATE current_verdicts SET changed = max(at, NEW.updated_at) WHERE claim_id = NEW.id;
END;

CREATE INDEX current_verdicts_checker_changed ON current_verdicts(checker COLLATE NOCASE, changed, claim_id);
