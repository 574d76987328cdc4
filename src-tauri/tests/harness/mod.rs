//! The desktop commands through Tauri's IPC, with no display (tauri::test):
//! a fresh database and a window, shared by the command tests and the
//! responsiveness example.

use factdesk_desktop::state::AppState;
use serde_json::Value;
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{
    INVOKE_KEY, MockRuntime, get_ipc_response, mock_builder, mock_context, noop_assets,
};
use tauri::webview::InvokeRequest;

pub(crate) struct Harness {
    pub(crate) dir: tempfile::TempDir,
    _app: tauri::App<MockRuntime>,
    webview: tauri::WebviewWindow<MockRuntime>,
}

impl Harness {
    pub(crate) fn new() -> Harness {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::open(dir.path().join("desk.db")).unwrap();
        let app = factdesk_desktop::setup(mock_builder(), state)
            .build(mock_context(noop_assets()))
            .unwrap();
        let webview = tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
            .build()
            .unwrap();
        Harness {
            dir,
            _app: app,
            webview,
        }
    }

    pub(crate) fn call(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        let res = get_ipc_response(
            &self.webview,
            InvokeRequest {
                cmd: cmd.into(),
                callback: CallbackFn(0),
                error: CallbackFn(1),
                url: "tauri://localhost".parse().unwrap(),
                body: InvokeBody::Json(args),
                headers: Default::default(),
                invoke_key: INVOKE_KEY.to_string(),
            },
        );
        res.map(|b| b.deserialize::<Value>().unwrap())
    }

    pub(crate) fn ok(&self, cmd: &str, args: Value) -> Value {
        self.call(cmd, args)
            .unwrap_or_else(|e| panic!("{cmd} failed: {e}"))
    }
}
