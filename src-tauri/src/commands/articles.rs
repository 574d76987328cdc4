use std::path::PathBuf;

use factdesk_core::import::{Document, parse_text, read_files};
use factdesk_core::model::Entity;
use factdesk_core::store::{ArticleSummary, ImportMeta, ImportOutcome};
use factdesk_core::views::ArticleView;
use tauri::{AppHandle, Runtime, State};

use crate::dto::ArticleMetaInput;
use crate::error::CmdResult;
use crate::state::AppState;

#[tauri::command]
pub fn articles_list(state: State<'_, AppState>) -> CmdResult<Vec<ArticleSummary>> {
    Ok(state.store()?.articles()?)
}

#[tauri::command]
pub fn article_get(state: State<'_, AppState>, id: String) -> CmdResult<ArticleView> {
    Ok(state.store()?.article_view(&id)?)
}

fn import(state: &AppState, docs: Vec<Document>) -> CmdResult<Vec<ImportOutcome>> {
    let mut store = state.store()?;
    let actor = store.setting("checker")?.unwrap_or_default();
    let docs: Vec<(Document, ImportMeta)> = docs
        .into_iter()
        .map(|d| (d, ImportMeta::default()))
        .collect();
    Ok(store.import(&docs, &actor)?)
}

/// Imports files by path (dropped on the window). All or none.
#[tauri::command]
pub fn articles_import_paths(
    state: State<'_, AppState>,
    paths: Vec<String>,
) -> CmdResult<Vec<ImportOutcome>> {
    let paths: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
    import(&state, read_files(&paths)?)
}

/// Asks for files with the system dialog, then imports them. An empty list when cancelled.
#[tauri::command]
pub async fn articles_import_dialog<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> CmdResult<Vec<ImportOutcome>> {
    let paths = super::pick_files(
        &app,
        "Import articles",
        "Articles",
        &["txt", "md", "markdown", "html", "htm"],
    )?;
    import(&state, read_files(&paths)?)
}

/// Imports pasted text; the title is taken from it unless given.
#[tauri::command]
pub fn article_import_text(
    state: State<'_, AppState>,
    title: Option<String>,
    text: String,
) -> CmdResult<ImportOutcome> {
    let mut doc = factdesk_core::import::from_pasted(&text)?;
    if let Some(t) = title
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
    {
        doc.title = t;
    }
    Ok(import(&state, vec![doc])?.remove(0))
}

/// Imports the sample article that ships with factdesk.
#[tauri::command]
pub fn article_import_sample(state: State<'_, AppState>) -> CmdResult<ImportOutcome> {
    let mut doc = parse_text(factdesk_core::SAMPLE_ARTICLE);
    doc.outlet = Some("The Hill".into());
    Ok(import(&state, vec![doc])?.remove(0))
}

#[tauri::command]
pub fn article_update(
    state: State<'_, AppState>,
    id: String,
    meta: ArticleMetaInput,
) -> CmdResult<()> {
    let mut store = state.store()?;
    let who = state.checker(&store)?;
    let meta = ImportMeta {
        title: Some(meta.title),
        outlet: meta.outlet,
        url: meta.url,
        author: meta.author,
        published: meta.published,
    };
    Ok(store.update_article(&id, &meta, &who)?)
}

#[tauri::command]
pub fn entities_list(state: State<'_, AppState>) -> CmdResult<Vec<Entity>> {
    Ok(state.store()?.entities()?)
}
