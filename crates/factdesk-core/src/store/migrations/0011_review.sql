-- factdesk schema, version 11. Never edit this file once released.

-- Who is working on a claim: the latest row for a claim says (a null
-- assignee takes the assignment back). Rows are never changed, so every
-- desk's history of assignments is the same list.
CREATE TABLE assignments (
    id          TEXT PRIMARY KEY,
    claim_id    TEXT NOT NULL,
    assignee    TEXT,
    by_checker  TEXT NOT NULL,
    at          TEXT NOT NULL
) STRICT;
CREATE INDEX assignments_claim ON assignments(claim_id, at);
CREATE INDEX assignments_assignee ON assignments(assignee);

-- A verdict's way to publication: submitted by its checker, then approved by
-- an editor or returned with a note. A verdict with no row is a draft; the
-- latest row is its state.
CREATE TABLE verdict_reviews (
    id          TEXT PRIMARY KEY,
    verdict_id  TEXT NOT NULL REFERENCES verdicts(id),
    state       TEXT NOT NULL CHECK (state IN ('submitted', 'approved', 'returned')),
    note        TEXT,
    by_checker  TEXT NOT NULL,
    at          TEXT NOT NULL
) STRICT;
CREATE INDEX verdict_reviews_verdict ON verdict_reviews(verdict_id, at);
