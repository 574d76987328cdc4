//! Fuzzes the bundle reader: any bytes must be refused with an error or read
//! as a bundle that passes its own checks, never a panic or a hang. A bundle
//! that is read merges into an empty database, or is refused whole.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(bundle) = factdesk_core::bundle::parse(data) {
        let mut store = factdesk_core::Store::open_in_memory().unwrap();
        let before = store.fingerprint().unwrap();
        if store.merge(&[bundle], "fuzz").is_err() {
            assert_eq!(store.fingerprint().unwrap(), before);
        }
    }
});
