//! Claim matching: suggestions for a claim, the "similar claims" search, and
//! a checker's answers.

use factdesk_core::Store;
use factdesk_core::matching::MatchKind;
use factdesk_core::store::{ENCODE_CHUNK, EncodeProgress, Suggestion};
use tauri::State;

use crate::error::{CmdResult, CommandError};
use crate::state::AppState;

/// How many suggestions the app shows at most.
const SHOWN: usize = 10;

// Matching reads the encoder (up to a few hundred ms the first time): these
// run on Tauri's blocking pool, not on the main thread that paints the window.
#[tauri::command(async)]
pub fn claim_similar(state: State<'_, AppState>, id: String) -> CmdResult<Vec<Suggestion>> {
    Ok(state.store()?.similar(&id, SHOWN)?)
}

#[tauri::command(async)]
pub fn claims_similar_text(state: State<'_, AppState>, text: String) -> CmdResult<Vec<Suggestion>> {
    Ok(state.store()?.similar_to_text(&text, 2 * SHOWN)?)
}

#[tauri::command]
pub fn match_confirm(
    state: State<'_, AppState>,
    id: String,
    other: String,
) -> CmdResult<MatchKind> {
    let mut store = state.store()?;
    let who = state.checker(&store)?;
    Ok(store.confirm_match(&id, &other, &who)?)
}

#[tauri::command]
pub fn match_reject(state: State<'_, AppState>, id: String, other: String) -> CmdResult<()> {
    let mut store = state.store()?;
    let who = state.checker(&store)?;
    Ok(store.reject_match(&id, &other, &who)?)
}

/// One chunk of the encoder's background pass over claims it has not read
/// (about 2 s), on a worker with its own connection: the window never waits.
#[tauri::command]
pub async fn encode_pending(state: State<'_, AppState>) -> CmdResult<EncodeProgress> {
    let db = state.db_path.clone();
    tauri::async_runtime::spawn_blocking(
        move || Ok(Store::open(&db)?.encode_pending(ENCODE_CHUNK)?),
    )
    .await
    .map_err(|e| CommandError::new(factdesk_core::ErrorKind::Io, e.to_string()))?
}
