//! `factdesk` commands: exchange.

use std::io::Write;
use std::path::PathBuf;

use factdesk_core::Result;
use factdesk_core::export::Format;

use super::*;
use crate::args::*;
use crate::print::*;

pub(crate) fn export(db: &Option<PathBuf>, args: ExportArgs) -> Result<()> {
    let ExportArgs {
        format,
        out,
        filter,
        since,
        by,
        with_captures,
    } = args;
    let format = match (format, with_captures) {
        (Format::Bundle, true) => Format::BundleWithCaptures,
        (f, false) => f,
        (_, true) => {
            return Err(factdesk_core::Error::invalid(
                "--with-captures goes with --format bundle",
            ));
        }
    };
    let store = open(db)?;
    let mut f = filter.to_filter();
    f.since = since;
    f.checker = by;
    match out {
        Some(path) => {
            let n = factdesk_core::export::to_file(&store, &f, format, &path)?;
            let what = if matches!(format, factdesk_core::export::Format::Corrections) {
                "corrections"
            } else {
                "claims"
            };
            eprintln!("exported {n} {what} to {}", path.display());
        }
        None => {
            let stdout = std::io::stdout();
            let mut lock = stdout.lock();
            factdesk_core::export::export(&store, &f, format, &mut lock)?;
            lock.flush()?;
        }
    }
    Ok(())
}

pub(crate) fn merge(db: &Option<PathBuf>, args: MergeArgs) -> Result<()> {
    let MergeArgs {
        bundles,
        checker: c,
        json,
    } = args;
    let mut store = open(db)?;
    let who = checker(&store, &c)?;
    // Every bundle is read and checked before anything is written.
    let read = bundles
        .iter()
        .map(|path| factdesk_core::bundle::read(path))
        .collect::<Result<Vec<_>>>()?;
    let results = store.merge(&read, &who)?;
    if json {
        let out: Vec<_> = bundles
            .iter()
            .zip(&results)
            .map(|(path, outcome)| serde_json::json!({"bundle": path, "outcome": outcome}))
            .collect();
        return json_out(&out);
    }
    for (path, outcome) in bundles.iter().zip(&results) {
        print_merge(path, outcome);
    }
    Ok(())
}
