//! `factdesk` commands: settings.

use std::path::PathBuf;

use factdesk_core::store::{Policy, SERVER_TOKEN};
use factdesk_core::{Error, Result};

use super::*;
use crate::args::*;

pub(crate) fn scales(db: &Option<PathBuf>, args: ScalesArgs) -> Result<()> {
    let ScalesArgs { json } = args;
    if json {
        return json_out(&factdesk_core::scale::SCALES);
    }
    let active = open(db)
        .and_then(|s| s.active_scale().map(|s| s.id))
        .unwrap_or(factdesk_core::scale::DEFAULT_SCALE);
    for s in factdesk_core::scale::SCALES {
        println!(
            "{}{} — {}",
            s.id,
            if s.id == active { " (active)" } else { "" },
            s.name
        );
        for r in s.ratings {
            println!(
                "    {}{}",
                r.label,
                r.value.map(|v| format!(" = {v}")).unwrap_or_default()
            );
        }
    }
    Ok(())
}

pub(crate) fn config(db: &Option<PathBuf>, args: ConfigArgs) -> Result<()> {
    let ConfigArgs { command } = args;
    let mut store = open(db)?;
    match command {
        Some(ConfigCommand::Checker { name }) => {
            if name.trim().is_empty() {
                return Err(Error::invalid("the checker's name is empty"));
            }
            store.set_setting("checker", name.trim())?;
        }
        Some(ConfigCommand::Scale { id }) => store.set_setting("scale", &id)?,
        Some(ConfigCommand::Org { name, url }) => {
            if let Some(url) = url {
                store.set_setting("org_url", &url)?;
            }
            store.set_setting("org_name", name.trim())?;
        }
        Some(ConfigCommand::CaptureLimits { max_mb, timeout }) => {
            use factdesk_core::store::{CAPTURE_MAX_MB, CAPTURE_TIMEOUT_SECONDS};
            for (key, value) in [(CAPTURE_MAX_MB, max_mb), (CAPTURE_TIMEOUT_SECONDS, timeout)] {
                if let Some(v) = value {
                    store.set_setting(key, &v.to_string())?;
                }
            }
        }
        Some(ConfigCommand::ArchiveUrl { pattern }) => {
            store.set_setting(factdesk_core::store::ARCHIVE_URL_SETTING, pattern.trim())?;
        }
        Some(ConfigCommand::VerdictSetsDone { on }) => {
            store.set_setting(Policy::VERDICT_SETS_DONE, &on.to_string())?;
        }
        Some(ConfigCommand::UndeterminedWithoutRationale { on }) => {
            store.set_setting(Policy::UNDETERMINED_WITHOUT_RATIONALE, &on.to_string())?;
        }
        Some(ConfigCommand::RequireApproval { on }) => {
            store.set_setting(Policy::REQUIRE_APPROVAL, &on.to_string())?;
        }
        Some(ConfigCommand::Server { url }) => store.set_server(&url)?,
        Some(ConfigCommand::Token { token }) => store.set_setting(SERVER_TOKEN, token.trim())?,
        None => {}
    }
    println!(
        "checker: {}",
        store
            .setting("checker")?
            .unwrap_or_else(|| "(not set)".into())
    );
    println!("scale:   {}", store.active_scale()?.id);
    let org = store
        .setting("org_name")?
        .unwrap_or_else(|| "(not set)".into());
    println!(
        "org:     {org}{}",
        store
            .setting("org_url")?
            .map(|u| format!(" <{u}>"))
            .unwrap_or_default()
    );
    println!(
        "archived copies published at: {}",
        store
            .setting(factdesk_core::store::ARCHIVE_URL_SETTING)?
            .unwrap_or_else(|| "(not set: exports link the original pages)".into())
    );
    let limits = store.capture_limits()?;
    println!(
        "captures: pages up to {} MB, {} s at most",
        limits.max_bytes / (1024 * 1024),
        limits.timeout.as_secs()
    );
    let policy = store.policy()?;
    println!(
        "a verdict sets Done: {}",
        if policy.verdict_sets_done {
            "yes"
        } else {
            "no"
        }
    );
    println!(
        "\"Unproven\" without a rationale: {}",
        if policy.undetermined_without_rationale {
            "allowed"
        } else {
            "refused"
        }
    );
    println!(
        "published: {}",
        if policy.require_approval {
            "approved verdicts only"
        } else {
            "every current verdict"
        }
    );
    let sync = store.sync_status()?;
    println!(
        "team server: {}{}",
        sync.server
            .as_deref()
            .unwrap_or("(none: a desk of its own)"),
        if sync.server.is_some() && !sync.has_token {
            " (no token yet)"
        } else {
            ""
        }
    );
    Ok(())
}
