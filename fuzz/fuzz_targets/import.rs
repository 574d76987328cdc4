//! Fuzzes the importer: any bytes are decoded (UTF-8, UTF-16, Windows-1252)
//! and parsed as text, Markdown and HTML without a panic; a document that is
//! read has a body, and pasted text takes the same path.
#![no_main]

use factdesk_core::import::{Format, from_pasted, parse};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = factdesk_core::text::decode(data) else { return };
    for format in [Format::Text, Format::Markdown, Format::Html] {
        if let Ok(doc) = parse(&text, format) {
            assert!(!doc.body.trim().is_empty());
        }
    }
    let _ = from_pasted(&text);
});
