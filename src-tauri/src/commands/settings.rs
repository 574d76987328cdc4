use tauri::State;

use crate::dto::{AppInfo, ScaleDto};
use crate::error::{CmdResult, CommandError};
use crate::state::AppState;
use factdesk_core::ErrorKind;
use factdesk_core::store::Policy;

#[tauri::command]
pub fn app_info(state: State<'_, AppState>) -> CmdResult<AppInfo> {
    let store = state.store()?;
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION").into(),
        db_path: state.db_path.display().to_string(),
        checker: store.setting("checker")?,
        scale: store.active_scale()?.id.into(),
        policy: store.policy()?,
    })
}

/// Changes another process made to the database show as a new number.
#[tauri::command]
pub fn data_version(state: State<'_, AppState>) -> CmdResult<i64> {
    Ok(state.store()?.data_version()?)
}

/// The desk's rules for verdicts.
#[tauri::command]
pub fn settings_set_policy(state: State<'_, AppState>, policy: Policy) -> CmdResult<()> {
    Ok(state.store()?.set_policy(policy)?)
}

#[tauri::command]
pub fn settings_set_checker(state: State<'_, AppState>, name: String) -> CmdResult<()> {
    let name = name.trim();
    if name.is_empty() {
        return Err(CommandError::new(
            ErrorKind::Invalid,
            "your name cannot be empty",
        ));
    }
    Ok(state.store()?.set_setting("checker", name)?)
}

#[tauri::command]
pub fn settings_set_scale(state: State<'_, AppState>, id: String) -> CmdResult<()> {
    Ok(state.store()?.set_setting("scale", &id)?)
}

#[tauri::command]
pub fn scales_list() -> Vec<ScaleDto> {
    factdesk_core::scale::SCALES
        .iter()
        .map(ScaleDto::from)
        .collect()
}
