//! Fuzzes the extractor: any bytes that are UTF-8 must extract without a
//! panic, with every span inside the text and every claim's text at its span.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let x = factdesk_core::extract(text);
    let chars: Vec<char> = text.chars().collect();
    for c in &x.claims {
        assert!(c.span.start < c.span.end && c.span.end <= chars.len());
        let at: String = chars[c.span.start..c.span.end].iter().collect();
        assert_eq!(at, c.text);
    }
});
