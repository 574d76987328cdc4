//! Tidy tests, as rust-analyzer keeps them: the invariants ARCHITECTURE.md
//! marks **Architecture Invariant**, checked on the source tree itself.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Every file below `dir` whose name ends in one of `exts`, skipping
/// dependency and build folders.
fn files(dir: &Path, exts: &[&str]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            if p.is_dir() {
                if !matches!(
                    name.as_str(),
                    "node_modules" | "target" | ".svelte-kit" | "dist"
                ) {
                    todo.push(p);
                }
            } else if exts.iter().any(|x| name.ends_with(x)) {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

fn rel(p: &Path) -> String {
    p.strip_prefix(root())
        .unwrap_or(p)
        .to_string_lossy()
        .replace('\\', "/")
}

#[test]
fn the_core_never_depends_on_tauri() {
    let manifest = std::fs::read_to_string(root().join("crates/factdesk-core/Cargo.toml")).unwrap();
    let deps: Vec<&str> = manifest
        .lines()
        .map(str::trim)
        .filter(|l| !l.starts_with('#'))
        .filter(|l| l.starts_with("tauri") || l.contains("factdesk-desktop"))
        .collect();
    assert!(
        deps.is_empty(),
        "factdesk-core depends on the shell: {deps:?}"
    );
}

#[test]
fn only_the_api_module_talks_to_the_backend() {
    let ui = root().join("ui/src");
    let offenders: Vec<String> = files(&ui, &[".ts", ".svelte", ".js"])
        .into_iter()
        .filter(|p| !rel(p).starts_with("ui/src/lib/api/"))
        // Unit tests mock the backend (`@tauri-apps/api/mocks`).
        .filter(|p| !p.to_string_lossy().contains(".test."))
        .filter(|p| {
            let text = std::fs::read_to_string(p).unwrap();
            text.contains("@tauri-apps/api") || text.contains("invoke(")
        })
        .map(|p| rel(&p))
        .collect();
    assert!(
        offenders.is_empty(),
        "only ui/src/lib/api/ may import @tauri-apps/api: {offenders:?}"
    );
}

/// Components render state and call the state module's actions; only the
/// state module calls the API module (components import its types alone).
#[test]
fn components_call_actions_not_the_api() {
    let offenders: Vec<String> = files(&root().join("ui/src"), &[".svelte"])
        .into_iter()
        .filter(|p| {
            let text = std::fs::read_to_string(p).unwrap();
            text.lines().any(|l| {
                let l = l.trim();
                let imports_values = l.starts_with("import {") && l.contains("/api\"");
                // `api.x(`: a call on the API module (not `app.x(`).
                let calls = l.match_indices("api.").any(|(i, _)| {
                    !l[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == '.')
                });
                imports_values || calls
            })
        })
        .map(|p| rel(&p))
        .collect();
    assert!(
        offenders.is_empty(),
        "components that call the API module themselves: {offenders:?}"
    );
}

/// Every Tauri command is state, one core call, a mapped error: its body
/// is at most ten lines.
#[test]
fn tauri_commands_are_thin() {
    let mut long = Vec::new();
    for p in files(&root().join("src-tauri/src/commands"), &[".rs"]) {
        let text = std::fs::read_to_string(&p).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        let mut i = 0;
        while i < lines.len() {
            if lines[i].starts_with("#[tauri::command") {
                let open = (i..lines.len())
                    .find(|&k| {
                        lines[k].starts_with("pub") && lines[k].trim_end().ends_with('{')
                            || (k > i
                                && lines[k].starts_with(')')
                                && lines[k].trim_end().ends_with('{'))
                    })
                    .unwrap();
                let close = (open..lines.len()).find(|&k| lines[k] == "}").unwrap();
                let name = lines[i..=open]
                    .iter()
                    .find_map(|l| l.split("fn ").nth(1))
                    .and_then(|s| s.split(['(', '<']).next())
                    .unwrap_or("?")
                    .to_string();
                if close - open - 1 > 10 {
                    long.push(format!("{} {name}: {} lines", rel(&p), close - open - 1));
                }
                i = close;
            }
            i += 1;
        }
    }
    assert!(long.is_empty(), "commands over 10 lines: {long:?}");
}

/// A file of over 800 lines says at its top why it is one file
/// (`tidy: long because …`).
#[test]
fn long_files_say_why() {
    let mut unexplained = Vec::new();
    for dir in ["crates", "src-tauri/src", "tests/it", "tests/e2e/src"] {
        for p in files(&root().join(dir), &[".rs"]) {
            let text = std::fs::read_to_string(&p).unwrap();
            let n = text.lines().count();
            let head: String = text.lines().take(12).collect::<Vec<_>>().join("\n");
            if n > 800 && !head.contains("tidy: long because") {
                unexplained.push(format!("{} ({n} lines)", rel(&p)));
            }
        }
    }
    assert!(
        unexplained.is_empty(),
        "over 800 lines with no reason at the top: {unexplained:?}"
    );
}

/// The fixture articles are found in their folder by the tests that use
/// them (`extract::fixture_articles`, the matching corpus): every file there
/// is an article they read.
#[test]
fn every_fixture_article_is_read() {
    let others: Vec<String> = std::fs::read_dir(root().join("tests/fixtures/articles"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_none_or(|x| x != "txt"))
        .map(|p| rel(&p))
        .collect();
    assert!(others.is_empty(), "not read by any test: {others:?}");
}
