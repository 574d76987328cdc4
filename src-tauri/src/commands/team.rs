//! The team desk: sync with the team server, assignment and review. Sync
//! talks to the network, so it runs on a worker thread with its own
//! connection; the window never waits for it, and the app's poll of
//! `data_version` shows what it merged.

use tauri::State;

use crate::dto::SyncOutcome;
use crate::error::{CmdResult, CommandError, ShellErrorKind};
use crate::state::AppState;
use factdesk_core::Store;
use factdesk_core::model::{Review, ReviewState};
use factdesk_core::store::{SERVER_TOKEN, SyncStatus};

/// Where the desk stands with the team server.
#[tauri::command]
pub fn sync_status(state: State<'_, AppState>) -> CmdResult<SyncStatus> {
    Ok(state.store()?.sync_status()?)
}

/// Pulls the team's changes and pushes this desk's; resolves when done.
#[tauri::command]
pub async fn sync_now(state: State<'_, AppState>) -> CmdResult<SyncOutcome> {
    let db = state.db_path.clone();
    tauri::async_runtime::spawn_blocking(move || -> CmdResult<SyncOutcome> {
        let mut store = Store::open(&db)?;
        let report = factdesk_sync::sync_desk(&mut store, None, None).map_err(sync_error)?;
        Ok(SyncOutcome::from(&report))
    })
    .await
    .map_err(|e| CommandError::new(factdesk_core::ErrorKind::Io, e.to_string()))?
}

fn sync_error(e: factdesk_sync::Error) -> CommandError {
    match e {
        factdesk_sync::Error::Store(e) => e.into(),
        factdesk_sync::Error::Offline { .. } => {
            CommandError::new(ShellErrorKind::Offline, e.to_string())
        }
        other => CommandError::new(ShellErrorKind::TeamServer, other.to_string()),
    }
}

/// Sets (or with an empty address, clears) the team server and the token.
#[tauri::command]
pub fn settings_set_server(
    state: State<'_, AppState>,
    url: String,
    token: Option<String>,
) -> CmdResult<()> {
    let mut store = state.store()?;
    store.set_server(if url.trim().is_empty() { "none" } else { &url })?;
    if let Some(t) = token
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
    {
        store.set_setting(SERVER_TOKEN, &t)?;
    }
    Ok(())
}

/// Assigns a claim to a checker, or with none takes the assignment back.
#[tauri::command]
pub fn claim_assign(
    state: State<'_, AppState>,
    id: String,
    assignee: Option<String>,
) -> CmdResult<()> {
    let mut store = state.store()?;
    let who = state.checker(&store)?;
    Ok(store.assign(&id, assignee.as_deref(), &who)?)
}

/// Submits, approves or returns the claim's current verdict.
#[tauri::command]
pub fn verdict_review(
    state: State<'_, AppState>,
    claim_id: String,
    step: ReviewState,
    note: Option<String>,
) -> CmdResult<Review> {
    let mut store = state.store()?;
    let who = state.checker(&store)?;
    Ok(store.review_verdict(&claim_id, step, note.as_deref(), &who)?)
}
