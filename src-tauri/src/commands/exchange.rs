//! Team exchange: exports through the save dialog, and teammates' bundles merged in.

use std::path::PathBuf;

use factdesk_core::export::{Format, to_file};
use tauri::{AppHandle, Runtime, State};

use crate::dto::{ClaimQuery, ExportResult, MergeResult};
use crate::error::CmdResult;
use crate::state::AppState;

/// The file name the save dialog offers for a format.
fn file_name(format: Format) -> (&'static str, &'static str) {
    match format {
        Format::Csv => ("factdesk-verdicts.csv", "csv"),
        Format::Json => ("factdesk-claims.json", "json"),
        Format::ClaimReview => ("factdesk-claimreview.json", "json"),
        Format::Report => ("factdesk-report.md", "md"),
        Format::ReportHtml => ("factdesk-report.html", "html"),
        Format::Bundle | Format::BundleWithCaptures => ("factdesk-bundle.json", "json"),
        Format::Corrections => ("factdesk-corrections.csv", "csv"),
    }
}

/// Exports through the system's save dialog. `None` when cancelled.
#[tauri::command]
pub async fn export_dialog<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    format: String,
    query: ClaimQuery,
) -> CmdResult<Option<ExportResult>> {
    let format: Format = format.parse()?;
    let (name, ext) = file_name(format);
    let Some(path) = super::pick_save(&app, &state, "Export", name, ext)? else {
        return Ok(None);
    };
    export_to(&state, format, &query, path).map(Some)
}

/// Writes an export to `path`, whole or not at all.
pub(crate) fn export_to(
    state: &AppState,
    format: Format,
    query: &ClaimQuery,
    path: PathBuf,
) -> CmdResult<ExportResult> {
    let store = state.store()?;
    let count = to_file(&store, &query.to_filter(), format, &path)?;
    Ok(ExportResult {
        path: path.display().to_string(),
        count: count as u32,
    })
}

/// Merges bundle files: every one is read and checked first, then all are
/// merged in one transaction.
#[tauri::command]
pub fn bundles_merge_paths(
    state: State<'_, AppState>,
    paths: Vec<String>,
) -> CmdResult<Vec<MergeResult>> {
    merge(&state, paths.into_iter().map(PathBuf::from).collect())
}

/// Asks for bundle files with the system dialog, then merges them. An empty list when cancelled.
#[tauri::command]
pub async fn bundles_merge_dialog<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> CmdResult<Vec<MergeResult>> {
    let paths = super::pick_files(
        &app,
        "Merge teammates' bundles",
        "factdesk bundle",
        &["json"],
    )?;
    if paths.is_empty() {
        return Ok(Vec::new());
    }
    merge(&state, paths)
}

fn merge(state: &AppState, paths: Vec<PathBuf>) -> CmdResult<Vec<MergeResult>> {
    let bundles = paths
        .iter()
        .map(|p| factdesk_core::bundle::read(p))
        .collect::<factdesk_core::Result<Vec<_>>>()?;
    let mut store = state.store()?;
    let who = state.checker(&store)?;
    let outcomes = store.merge(&bundles, &who)?;
    Ok(paths
        .iter()
        .zip(outcomes)
        .map(|(p, outcome)| MergeResult {
            file: p.file_name().map_or_else(
                || p.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            ),
            outcome,
        })
        .collect())
}
