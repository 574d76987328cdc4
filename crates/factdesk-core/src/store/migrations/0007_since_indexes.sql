-- factdesk schema, version 7. Never edit this file once released.

-- A claim has a verdict given after a time exactly when its current verdict
-- (the latest by time, current_verdicts) was: the "since" filter lists those
-- claims from this index alone.
CREATE INDEX current_verdicts_at ON current_verdicts(at, claim_id);
