-- factdesk schema, version 4. Never edit this file once released.

-- When an evidence link was last edited, so that a merge can take a
-- teammate's later edit of a link both desks have.
ALTER TABLE evidence ADD COLUMN edited_at TEXT;
