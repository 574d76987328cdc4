//! The evidence vault. Captures and link-rot checks take seconds, so they
//! run on a worker thread with their own connection to the database and the
//! window never waits; the app notices what they wrote (`data_version`).

use tauri::State;

use crate::error::CmdResult;
use crate::state::AppState;
use factdesk_core::Store;
use factdesk_core::model::{Capture, LinkCheck};
use factdesk_core::store::{ArchivedCopy, CheckPace, LinkTarget};

/// Archives an evidence link (again: a new capture); resolves when recorded.
#[tauri::command]
pub async fn evidence_capture(state: State<'_, AppState>, id: String) -> CmdResult<Capture> {
    let (db, who) = state.worker()?;
    super::background(move || {
        let mut store = Store::open(&db)?;
        let limits = store.capture_limits()?;
        store.capture_evidence(&id, &limits, &who)
    })
    .await
}

/// Checks a claim's evidence links against their archived copies.
#[tauri::command]
pub async fn links_check(
    state: State<'_, AppState>,
    claim_id: String,
) -> CmdResult<Vec<LinkCheck>> {
    let (db, who) = state.worker()?;
    let pace = CheckPace::default();
    super::background(move || {
        let mut store = Store::open(&db)?;
        let limits = store.capture_limits()?;
        store.check_links(LinkTarget::Claim(&claim_id), &limits, pace, &who)
    })
    .await
}

/// The archived page's title and text, for reading offline.
#[tauri::command]
pub fn archived_copy(state: State<'_, AppState>, id: String) -> CmdResult<ArchivedCopy> {
    Ok(state.store()?.archived_copy(&id)?)
}
