use std::path::PathBuf;

use factdesk_core::import::{Document, parse_text, read_file};
use factdesk_core::model::Entity;
use factdesk_core::store::{ArticleSummary, ClaimFilter, ImportMeta, ImportOutcome};
use tauri::{AppHandle, Runtime, State};

use crate::dto::{ArticleMetaInput, ArticleView};
use crate::error::CmdResult;
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
    let paths = super::pick_files(
        &app,
        "Import articles",
        "Articles",
        &["txt", "md", "markdown", "html", "htm"],
    )?;
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
