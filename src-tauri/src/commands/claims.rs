use factdesk_core::model::{Claim, ClaimKind, Evidence, Status};
use factdesk_core::store::check_url;
use factdesk_core::views::{ClaimDetail, QueueRow};
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_opener::OpenerExt;

use crate::dto::{ClaimQuery, EvidenceInput, NewClaimInput};
use crate::error::{CmdResult, CommandError};
use crate::state::AppState;
use factdesk_core::ErrorKind;

#[tauri::command]
pub fn claims_query(state: State<'_, AppState>, query: ClaimQuery) -> CmdResult<Vec<QueueRow>> {
    Ok(state.store()?.queue(&query.to_filter())?)
}

#[tauri::command]
pub fn claim_get(state: State<'_, AppState>, id: String) -> CmdResult<ClaimDetail> {
    Ok(state.store()?.claim_detail(&id)?)
}

#[tauri::command]
pub fn claim_add(state: State<'_, AppState>, input: NewClaimInput) -> CmdResult<Claim> {
    let mut store = state.store()?;
    let who = state.checker(&store)?;
    let id = store.add_claim(&input.into(), &who)?;
    Ok(store.claim(&id)?)
}

#[tauri::command]
pub fn claim_edit(
    state: State<'_, AppState>,
    id: String,
    kind: Option<ClaimKind>,
    speakers: Option<Vec<String>>,
    sources: Option<Vec<String>>,
) -> CmdResult<Claim> {
    let mut store = state.store()?;
    let who = state.checker(&store)?;
    store.edit_claim(&id, kind, speakers.as_deref(), sources.as_deref(), &who)?;
    Ok(store.claim(&id)?)
}

/// Gives a claim new text: another span of its article.
#[tauri::command]
pub fn claim_respan(
    state: State<'_, AppState>,
    id: String,
    start: u32,
    end: u32,
) -> CmdResult<Claim> {
    let mut store = state.store()?;
    let who = state.checker(&store)?;
    store.respan_claim(&id, start as usize, end as usize, &who)?;
    Ok(store.claim(&id)?)
}

/// Records where the team published its check of a claim; an empty address clears it.
#[tauri::command]
pub fn claim_set_review_url(
    state: State<'_, AppState>,
    id: String,
    url: String,
) -> CmdResult<Claim> {
    let mut store = state.store()?;
    let who = state.checker(&store)?;
    store.set_review_url(&id, Some(&url), &who)?;
    Ok(store.claim(&id)?)
}

#[tauri::command]
pub fn claim_confirm(state: State<'_, AppState>, id: String) -> CmdResult<Claim> {
    let mut store = state.store()?;
    let who = state.checker(&store)?;
    store.confirm_claim(&id, &who)?;
    Ok(store.claim(&id)?)
}

/// Merges `other` into `keep` (both of one article).
#[tauri::command]
pub fn claims_merge(state: State<'_, AppState>, keep: String, other: String) -> CmdResult<Claim> {
    let mut store = state.store()?;
    let who = state.checker(&store)?;
    store.merge_claims(&keep, &other, &who)?;
    Ok(store.claim(&keep)?)
}

#[tauri::command]
pub fn claim_delete(state: State<'_, AppState>, id: String) -> CmdResult<()> {
    let mut store = state.store()?;
    let who = state.checker(&store)?;
    Ok(store.delete_claim(&id, &who)?)
}

/// Sets the status of one or more claims (bulk from the queue).
#[tauri::command]
pub fn claims_set_status(
    state: State<'_, AppState>,
    ids: Vec<String>,
    status: Status,
) -> CmdResult<()> {
    let mut store = state.store()?;
    let who = state.checker(&store)?;
    let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
    Ok(store.set_statuses(&ids, status, &who)?)
}

/// Takes back the checker's current verdicts on these claims (Undo).
#[tauri::command]
pub fn verdicts_withdraw(state: State<'_, AppState>, ids: Vec<String>) -> CmdResult<()> {
    let mut store = state.store()?;
    let who = state.checker(&store)?;
    let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
    store.withdraw_verdicts(&ids, &who)?;
    Ok(())
}

/// Gives the same verdict to one or more claims.
#[tauri::command]
pub fn verdicts_give(
    state: State<'_, AppState>,
    ids: Vec<String>,
    rating: String,
    note: Option<String>,
) -> CmdResult<()> {
    let mut store = state.store()?;
    let who = state.checker(&store)?;
    let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
    store.give_verdicts(&ids, &rating, note.as_deref(), &who)?;
    Ok(())
}

#[tauri::command]
pub fn evidence_add(state: State<'_, AppState>, input: EvidenceInput) -> CmdResult<Evidence> {
    let mut store = state.store()?;
    let who = state.checker(&store)?;
    Ok(store.add_evidence(&input.into(), &who)?)
}

#[tauri::command]
pub fn evidence_update(
    state: State<'_, AppState>,
    id: String,
    input: EvidenceInput,
) -> CmdResult<Evidence> {
    let mut store = state.store()?;
    let who = state.checker(&store)?;
    Ok(store.update_evidence(&id, &input.into(), &who)?)
}

#[tauri::command]
pub fn evidence_remove(state: State<'_, AppState>, id: String) -> CmdResult<()> {
    let mut store = state.store()?;
    let who = state.checker(&store)?;
    Ok(store.remove_evidence(&id, &who)?)
}

/// Opens an evidence link in the system browser: http and https only.
#[tauri::command]
pub fn evidence_open<R: Runtime>(app: AppHandle<R>, url: String) -> CmdResult<()> {
    let url = check_url(&url)?;
    app.opener()
        .open_url(url, None::<&str>)
        .map_err(|e| CommandError::new(ErrorKind::Io, format!("cannot open the link: {e}")))
}
