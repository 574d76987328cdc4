-- factdesk team server schema, version 1. Never edit this file once released.

-- People: each signs in with a token an admin issued; only its SHA-256 is kept.
CREATE TABLE users (
    id            BIGSERIAL PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE,
    role          TEXT NOT NULL CHECK (role IN ('checker', 'editor', 'admin')),
    token_sha256  TEXT NOT NULL UNIQUE,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    revoked_at    TIMESTAMPTZ
);

-- The team's log: one entry per accepted push, numbered in commit order
-- (pushes take one lock, so the numbers have no gaps and no reordering).
CREATE TABLE pushes (
    seq        BIGINT PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users(id),
    desk       TEXT NOT NULL,
    pushed_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    rows       INTEGER NOT NULL
);
CREATE INDEX pushes_desk ON pushes(desk, seq);

-- Every record the team has, as the bundle writes it: one row per record
-- (kind and key), at the push that last changed it. `stamp` is the time a
-- later edit is judged by (a claim's updated_at, an evidence link's edit).
-- `identity` is what makes two records of different ids one, as a merge
-- matches them: an article's text, an entity's kind and name, a claim's
-- article, span and text. The same record pushed from a second desk under
-- its own id is kept once: the second id becomes an `alias` row naming the
-- first, and every record pushed is stored with the first ids.
CREATE TABLE rows (
    kind      TEXT NOT NULL,
    key       TEXT NOT NULL,
    seq       BIGINT NOT NULL REFERENCES pushes(seq),
    stamp     TEXT NOT NULL,
    identity  TEXT,
    sha256    TEXT NOT NULL,
    body      TEXT NOT NULL,
    PRIMARY KEY (kind, key)
);
CREATE INDEX rows_seq ON rows(seq);
CREATE INDEX rows_identity ON rows(kind, identity) WHERE identity IS NOT NULL;

CREATE TABLE log_head (
    only_row  BOOLEAN PRIMARY KEY DEFAULT true CHECK (only_row),
    seq       BIGINT NOT NULL
);
INSERT INTO log_head(only_row, seq) VALUES (true, 0);
