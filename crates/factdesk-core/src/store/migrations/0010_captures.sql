-- factdesk schema, version 10. Never edit this file once released.

-- The evidence vault. Each attempt to archive an evidence link is a row; an
-- archived page is a WACZ in the vault folder beside the database, named by
-- its SHA-256 (wacz_sha256). Rows are never changed: recapturing adds one.
-- Like the audit trail, they outlive the link they describe (no foreign key).
CREATE TABLE captures (
    id             TEXT PRIMARY KEY,
    evidence_id    TEXT NOT NULL,
    captured_at    TEXT NOT NULL,
    status         TEXT NOT NULL CHECK (status IN ('archived', 'failed')),
    requested_url  TEXT NOT NULL,
    final_url      TEXT,
    http_status    INTEGER,
    content_type   TEXT,
    title          TEXT,
    body_sha256    TEXT,
    wacz_sha256    TEXT,
    bytes          INTEGER,
    failure        TEXT,
    reason         TEXT,
    checker        TEXT NOT NULL,
    CHECK ((status = 'archived') = (wacz_sha256 IS NOT NULL))
) STRICT;
CREATE INDEX captures_evidence ON captures(evidence_id, captured_at);

-- Link-rot checks: the page now against its latest archived copy.
CREATE TABLE link_checks (
    id               TEXT PRIMARY KEY,
    evidence_id      TEXT NOT NULL,
    checked_at       TEXT NOT NULL,
    verdict          TEXT NOT NULL CHECK (verdict IN ('same', 'changed', 'gone', 'moved', 'failed')),
    reason           TEXT NOT NULL,
    http_status      INTEGER,
    final_url        TEXT,
    body_sha256      TEXT,
    archived_sha256  TEXT,
    checker          TEXT NOT NULL
) STRICT;
CREATE INDEX link_checks_evidence ON link_checks(evidence_id, checked_at);
