-- factdesk schema, version 7. Never edit this file once released.

-- A claim has a verdict given after a time exactly when its current verdict
-- (the latest by time, current_verdicts) was: the "since" filter reads these
-- indexes alone, and with a checker, the checker's recent verdicts.
CREATE INDEX current_verdicts_at ON current_verdicts(at, claim_id);
CREATE INDEX current_verdicts_checker_at ON current_verdicts(checker COLLATE NOCASE, at, claim_id);
