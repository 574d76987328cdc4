-- factdesk schema, version 1. Never edit this file once released: add a new migration.

CREATE TABLE articles (
    id            TEXT PRIMARY KEY,
    title         TEXT NOT NULL,
    outlet        TEXT,
    url           TEXT,
    author        TEXT,
    published     TEXT,
    imported_at   TEXT NOT NULL,
    body          TEXT NOT NULL,
    content_hash  TEXT NOT NULL UNIQUE
) STRICT;

CREATE TABLE entities (
    id    TEXT PRIMARY KEY,
    kind  TEXT NOT NULL CHECK (kind IN ('person', 'outlet', 'organisation', 'document')),
    name  TEXT NOT NULL,
    UNIQUE (kind, name)
) STRICT;

CREATE TABLE entity_aliases (
    entity_id  TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    alias      TEXT NOT NULL COLLATE NOCASE,
    PRIMARY KEY (entity_id, alias)
) STRICT;
CREATE INDEX entity_aliases_alias ON entity_aliases(alias);

CREATE TABLE claims (
    id               TEXT PRIMARY KEY,
    article_id       TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    text             TEXT NOT NULL,
    kind             TEXT NOT NULL CHECK (kind IN ('quote', 'paraphrase', 'statement')),
    span_start       INTEGER NOT NULL,
    span_end         INTEGER NOT NULL,
    anchor_exact     TEXT NOT NULL,
    anchor_prefix    TEXT NOT NULL,
    anchor_suffix    TEXT NOT NULL,
    -- The speakers' names joined for display; claim_speakers holds the entities.
    speaker          TEXT,
    checkworthiness  REAL NOT NULL CHECK (checkworthiness BETWEEN 0 AND 1),
    origin           TEXT NOT NULL CHECK (origin IN ('extracted', 'manual')),
    status           TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'in_progress', 'needs_review', 'done')),
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    -- A checker's confirmation that an extracted claim is right as it stands.
    confirmed_by     TEXT,
    confirmed_at     TEXT,
    -- The address of the team's published check of this claim (ClaimReview's url).
    review_url       TEXT,
    CHECK (span_start >= 0 AND span_end > span_start)
) STRICT;
CREATE INDEX claims_article ON claims(article_id, span_start);
CREATE INDEX claims_status ON claims(status, checkworthiness DESC);
CREATE INDEX claims_status_reading ON claims(status, article_id, span_start);
CREATE INDEX claims_worth ON claims(checkworthiness DESC);
CREATE INDEX claims_updated ON claims(updated_at);

CREATE TABLE claim_speakers (
    claim_id   TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    entity_id  TEXT NOT NULL REFERENCES entities(id),
    role       TEXT,
    PRIMARY KEY (claim_id, position)
) STRICT;
CREATE INDEX claim_speakers_entity ON claim_speakers(entity_id);

CREATE TABLE claim_sources (
    claim_id   TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    entity_id  TEXT NOT NULL REFERENCES entities(id),
    detail     TEXT,
    PRIMARY KEY (claim_id, position)
) STRICT;
CREATE INDEX claim_sources_entity ON claim_sources(entity_id);

-- Verdicts are history: rows are only ever added; the current one is the latest.
CREATE TABLE verdicts (
    id        TEXT PRIMARY KEY,
    claim_id  TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    scale     TEXT NOT NULL,
    rating    TEXT NOT NULL,
    value     INTEGER,
    note      TEXT,
    checker   TEXT NOT NULL,
    at        TEXT NOT NULL
) STRICT;
CREATE INDEX verdicts_claim ON verdicts(claim_id, at);
CREATE INDEX verdicts_rating ON verdicts(rating COLLATE NOCASE);

CREATE TABLE evidence (
    id        TEXT PRIMARY KEY,
    claim_id  TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    url       TEXT NOT NULL,
    title     TEXT,
    stance    TEXT NOT NULL CHECK (stance IN ('supports', 'refutes', 'context')),
    note      TEXT,
    added_by  TEXT NOT NULL,
    added_at  TEXT NOT NULL
) STRICT;
CREATE INDEX evidence_claim ON evidence(claim_id);

CREATE TABLE relations (
    id          TEXT PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('contradicts', 'corrects')),
    a           TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    b           TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    note        TEXT,
    created_at  TEXT NOT NULL,
    UNIQUE (kind, a, b),
    CHECK (a <> b)
) STRICT;
CREATE INDEX relations_b ON relations(b);

-- The audit trail. No foreign keys: it outlives what it describes.
CREATE TABLE changes (
    id          TEXT PRIMARY KEY,
    claim_id    TEXT,
    article_id  TEXT,
    action      TEXT NOT NULL,
    detail      TEXT NOT NULL,
    actor       TEXT NOT NULL,
    at          TEXT NOT NULL
) STRICT;
CREATE INDEX changes_claim ON changes(claim_id, at);

CREATE TABLE settings (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
) STRICT;

-- detail=none: searches are conjunctions of single words (see store::fts_query),
-- which need no positions; the index is smaller and AND queries are faster.
CREATE VIRTUAL TABLE claims_fts USING fts5(
    text, speaker, content = 'claims', content_rowid = 'rowid', detail = none,
    tokenize = 'porter unicode61 remove_diacritics 2'
);
-- New rows are indexed by the store in one statement per action (Store::index_new),
-- which is an order of magnitude faster than a trigger per row.
CREATE TRIGGER claims_fts_delete AFTER DELETE ON claims BEGIN
    INSERT INTO claims_fts(claims_fts, rowid, text, speaker) VALUES ('delete', old.rowid, old.text, coalesce(old.speaker, ''));
END;
CREATE TRIGGER claims_fts_update AFTER UPDATE OF text, speaker ON claims BEGIN
    INSERT INTO claims_fts(claims_fts, rowid, text, speaker) VALUES ('delete', old.rowid, old.text, coalesce(old.speaker, ''));
    INSERT INTO claims_fts(rowid, text, speaker) VALUES (new.rowid, new.text, coalesce(new.speaker, ''));
END;

CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, body, content = 'articles', content_rowid = 'rowid',
    tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, body) VALUES ('delete', old.rowid, old.title, old.body);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, body ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, body) VALUES ('delete', old.rowid, old.title, old.body);
    INSERT INTO articles_fts(rowid, title, body) VALUES (new.rowid, new.title, new.body);
END;
