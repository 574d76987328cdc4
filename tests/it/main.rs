//! factdesk's integration tests, in one binary (see ARCHITECTURE.md, Testing).
//!
//! - `extract`: fixture articles in, claims out, as insta snapshots; the sample
//!   article checked against what a checker expects; property tests.
//! - `attribution`: attributions in the shapes real news takes (regressions
//!   for errors read on PolNeAR's train split); `speakers`: who speaks, read
//!   off the phrase that credits the words (participles, descriptions,
//!   outlets, colon leads, titles, name particles).
//! - `store`: the SQLite store on in-memory and on-disk databases.
//! - `outbox`: the desk's side of team sync, its outbox pushed in pieces.
//! - `exchange`: bundles, merge, conflicts, the report, the corrections log.
//! - `embed`: the matching model's tokenizer and vectors against references.
//! - `matching`: claim matching on labelled pairs, and its workflow.
//! - `fuzz_regressions`: inputs kept from fuzzing, replayed with the targets' checks.
//! - `hardening`: hostile input at the edges (special files, exports over a
//!   database, hostile HTML, huge ids), refused with the database unchanged.
//! - `vault`: evidence captures against local HTTP servers (`web`), the
//!   WACZ they make, and the vault's files.
//! - `cli`, `cli_exchange`, `cli_matching`, `cli_vault`: the real `factdesk` binary on
//!   temporary databases.
//! - `team`: the team server on a real PostgreSQL (FACTDESK_TEST_POSTGRES):
//!   desks syncing in every order, review and permissions, faults.
//! - `tidy`: the architecture invariants, checked on the source tree.

mod attribution;
mod cli;
mod cli_exchange;
mod cli_matching;
mod cli_vault;
mod embed;
mod exchange;
mod extract;
mod fuzz_regressions;
mod hardening;
mod matching;
mod outbox;
mod speakers;
mod store;
mod support;
mod team;
mod tidy;
mod vault;
mod web;
