//! The end-to-end suite lives in `src/e2e.rs`.
