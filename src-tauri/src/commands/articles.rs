use std::path::PathBuf;

use factdesk_core::import::{Document, parse_text, read_file};
use factdesk_core::model::Entity;
use factdesk_core::store::{ArticleSummary, ClaimFilter, ImportMeta, ImportOutcome};
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_dialog::DialogExt;

use crate::dto::{ArticleMetaInput, ArticleView, ClaimQuery, ExportResult};
use crate::error::{CmdResult, CommandError};
use crate::state::AppState;

#[tauri::command]
pub fn articles_list(state: State<'_, AppState>) -> CmdResult<Vec<ArticleSummary>> {
    Ok(state.store()?.articles()?)
}

#[tauri::command]
pub fn article_get(state: State<'_, AppState>, id: String) -> CmdResult<ArticleView> {
    let store = state.store()?;
    let article = store.article(&id)?;
    let claims = store.claims(&ClaimFilter {
        article: Some(article.id.clone()),
        ..ClaimFilter::default()
    })?;
    let mut relations = Vec::new();
    for c in &claims {
        for r in store.relations_of(&c.id)? {
            if !relations
                .iter()
                .any(|x: &factdesk_core::model::Relation| x.id == r.id)
            {
                relations.push(r);
            }
        }
    }
    Ok(ArticleView {
        article,
        claims,
        relations,
    })
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
    let docs = paths
        .iter()
        .map(|p| read_file(&PathBuf::from(p)))
        .collect::<factdesk_core::Result<Vec<_>>>()?;
    import(&state, docs)
}

/// Asks for files with the system dialog, then imports them. An empty list when cancelled.
#[tauri::command]
pub async fn articles_import_dialog<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> CmdResult<Vec<ImportOutcome>> {
    let picked = app
        .dialog()
        .file()
        .set_title("Import articles")
        .add_filter("Articles", &["txt", "md", "markdown", "html", "htm"])
        .blocking_pick_files();
    let Some(files) = picked else {
        return Ok(Vec::new());
    };
    let paths = files
        .into_iter()
        .map(|f| {
            f.into_path()
                .map_err(|e| CommandError::new("dialog", e.to_string()))
        })
        .collect::<CmdResult<Vec<_>>>()?;
    let docs = paths
        .iter()
        .map(|p| read_file(p))
        .collect::<factdesk_core::Result<Vec<_>>>()?;
    import(&state, docs)
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

/// Exports claims through the system's save dialog. `None` when cancelled.
#[tauri::command]
pub async fn export_dialog<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    format: String,
    query: ClaimQuery,
) -> CmdResult<Option<ExportResult>> {
    let fmt: factdesk_core::export::Format = format.parse()?;
    let ext = match fmt {
        factdesk_core::export::Format::Csv => "csv",
        factdesk_core::export::Format::Json | factdesk_core::export::Format::ClaimReview => "json",
    };
    let picked = app
        .dialog()
        .file()
        .set_title("Export verdicts")
        .set_file_name(format!("factdesk-verdicts.{ext}"))
        .add_filter(ext.to_uppercase(), &[ext])
        .blocking_save_file();
    let Some(path) = picked else { return Ok(None) };
    let path = path
        .into_path()
        .map_err(|e| CommandError::new("dialog", e.to_string()))?;
    export_to(&state, fmt, &query, path).map(Some)
}

pub(crate) fn export_to(
    state: &AppState,
    fmt: factdesk_core::export::Format,
    query: &ClaimQuery,
    path: PathBuf,
) -> CmdResult<ExportResult> {
    let store = state.store()?;
    let mut buf = Vec::new();
    let count = factdesk_core::export::export(&store, &query.to_filter(), fmt, &mut buf)?;
    std::fs::write(&path, buf)
        .map_err(|e| CommandError::new("io", format!("cannot write {}: {e}", path.display())))?;
    Ok(ExportResult {
        path: path.display().to_string(),
        count: count as u32,
    })
}
