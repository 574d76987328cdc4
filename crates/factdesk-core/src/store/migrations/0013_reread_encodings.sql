-- factdesk schema, version 13: the encoder now reads a claim without its
-- closing full stop (crate::encoder::readable), so vectors written before
-- read other words than queries do. They are dropped, and the background
-- pass (Store::encode_pending) reads every claim again; until it has, those
-- claims are matched by their words and the static model. No table changes.
-- Never edit this file once released.
DELETE FROM claim_encodings;
