-- factdesk schema, version 2: team exchange. Never edit this file once released.

-- Claims whose current verdicts from different desks disagree. Each row is one
-- verdict in contention; a claim with rows "needs reconciliation" until a
-- checker gives a new verdict, which settles it and removes its rows.
CREATE TABLE verdict_conflicts (
    claim_id    TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    verdict_id  TEXT NOT NULL REFERENCES verdicts(id) ON DELETE CASCADE,
    flagged_at  TEXT NOT NULL,
    PRIMARY KEY (claim_id, verdict_id)
) STRICT;
CREATE INDEX verdict_conflicts_verdict ON verdict_conflicts(verdict_id);

-- Bundles merged into this database, for the record. Desk-local: not exported.
CREATE TABLE merges (
    id           TEXT PRIMARY KEY,
    sha256       TEXT NOT NULL,
    exporter     TEXT NOT NULL,
    exported_at  TEXT NOT NULL,
    merged_by    TEXT NOT NULL,
    merged_at    TEXT NOT NULL,
    -- What the merge added, as JSON counts.
    added        TEXT NOT NULL
) STRICT;

