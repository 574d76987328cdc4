//! factdesk's desktop shell. The commands are thin wrappers over factdesk-core;
//! the window shows the web UI built from `ui/`.
//!
//! **Architecture Invariant:** no logic lives here that the CLI would need too;
//! a command takes the state, calls the core, and maps the error.

pub mod commands;
pub mod dto;
pub mod error;
pub mod state;

use commands::{articles, claims, exchange, matching, settings, team, vault};

/// Registers the plugins, state and commands on a builder (the app's, or a test's mock one).
pub fn setup<R: tauri::Runtime>(
    builder: tauri::Builder<R>,
    state: state::AppState,
) -> tauri::Builder<R> {
    builder
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .manage(state)
        .invoke_handler(tauri::generate_handler![
            // settings
            settings::app_info,
            settings::settings_set_checker,
            settings::settings_set_scale,
            settings::settings_set_policy,
            settings::data_version,
            settings::scales_list,
            // articles
            articles::articles_list,
            articles::article_get,
            articles::articles_import_paths,
            articles::articles_import_dialog,
            articles::article_import_text,
            articles::article_import_sample,
            articles::article_update,
            articles::entities_list,
            // claim matching
            matching::claim_similar,
            matching::claims_similar_text,
            matching::match_confirm,
            matching::match_reject,
            // team exchange
            exchange::export_dialog,
            exchange::bundles_merge_dialog,
            exchange::bundles_merge_paths,
            // claims
            claims::claims_query,
            claims::claim_get,
            claims::claim_add,
            claims::claim_edit,
            claims::claim_delete,
            claims::claim_confirm,
            claims::claim_respan,
            claims::claim_set_review_url,
            claims::claims_merge,
            claims::claims_set_status,
            claims::verdicts_give,
            claims::verdicts_withdraw,
            claims::evidence_add,
            claims::evidence_update,
            claims::evidence_remove,
            claims::evidence_open,
            // the evidence vault
            vault::evidence_capture,
            vault::links_check,
            vault::archived_copy,
            // the team desk
            team::sync_status,
            team::sync_now,
            matching::encode_pending,
            team::settings_set_server,
            team::claim_assign,
            team::verdict_review,
        ])
}

pub fn run() {
    let state = match state::AppState::open_default() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    };
    setup(tauri::Builder::default(), state)
        .setup(|app| {
            if let Some(window) = tauri::Manager::get_webview_window(app, "main") {
                lean_webview(&window);
            }
            Ok(())
        })
        .run(tauri::generate_context!())
        .expect("error while running factdesk");
}

/// Turns off WebKitGTK's accelerated compositing: a text tool gains nothing
/// from it, and on Linux it costs the web process about 90 MB (measured in
/// docs/benchmarks.md).
fn lean_webview<R: tauri::Runtime>(window: &tauri::WebviewWindow<R>) {
    #[cfg(target_os = "linux")]
    let _ = window.with_webview(|webview| {
        use webkit2gtk::{HardwareAccelerationPolicy, SettingsExt, WebViewExt};
        if let Some(settings) = WebViewExt::settings(&webview.inner()) {
            settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
        }
    });
    #[cfg(not(target_os = "linux"))]
    let _ = window;
}
