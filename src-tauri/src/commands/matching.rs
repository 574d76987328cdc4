//! Claim matching: suggestions for a claim, the "similar claims" search, and
//! a checker's answers.

use factdesk_core::matching::MatchKind;
use factdesk_core::store::Suggestion;
use tauri::State;

use crate::error::CmdResult;
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
