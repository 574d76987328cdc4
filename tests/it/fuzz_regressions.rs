//! Inputs the fuzz targets found or that stand for a class of hostile input
//! (`fuzz/regressions/TARGET/*`), replayed with the fuzz targets' own checks:
//! the extractor keeps its span invariants, the bundle reader refuses or reads
//! (and a read bundle merges whole or not at all), the importer never panics.

use std::path::Path;

fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../fuzz/regressions")
        .join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(
        !files.is_empty(),
        "no regression inputs in {}",
        dir.display()
    );
    files
        .into_iter()
        .map(|p| (p.display().to_string(), std::fs::read(&p).unwrap()))
        .collect()
}

#[test]
fn extract_regressions() {
    for (name, data) in inputs("extract") {
        let Ok(text) = std::str::from_utf8(&data) else {
            continue;
        };
        let x = factdesk_core::extract(text);
        let chars: Vec<char> = text.chars().collect();
        for c in &x.claims {
            assert!(
                c.span.start < c.span.end && c.span.end <= chars.len(),
                "{name}"
            );
            let at: String = chars[c.span.start..c.span.end].iter().collect();
            assert_eq!(at, c.text, "{name}");
        }
    }
}

#[test]
fn bundle_regressions() {
    for (name, data) in inputs("bundle") {
        if let Ok(bundle) = factdesk_core::bundle::parse(&data) {
            let mut store = factdesk_core::Store::open_in_memory().unwrap();
            let before = store.fingerprint().unwrap();
            if store.merge(&[bundle], "fuzz").is_err() {
                assert_eq!(store.fingerprint().unwrap(), before, "{name}");
            }
        }
    }
}

#[test]
fn import_regressions() {
    use factdesk_core::import::{Format, from_pasted, parse};
    for (name, data) in inputs("import") {
        let Ok(text) = factdesk_core::text::decode(&data) else {
            continue;
        };
        for format in [Format::Text, Format::Markdown, Format::Html] {
            if let Ok(doc) = parse(&text, format) {
                assert!(!doc.body.trim().is_empty(), "{name} as {format:?}");
            }
        }
        let _ = from_pasted(&text);
    }
}
