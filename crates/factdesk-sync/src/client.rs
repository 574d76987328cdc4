//! The desk's client: pull the team's log into the desk, push the desk's
//! changes, in that order, until both sides have everything.

use std::time::Duration;

use factdesk_core::Store;
use factdesk_core::store::MergeOutcome;
use serde::Serialize;

use crate::{Me, PullReply, PushReply, PushRequest, WireError, WireErrorKind};

/// How many times a push refused as stale is rebuilt on a fresh pull.
const STALE_RETRIES: usize = 5;

/// Audit-trail entries in one push: a desk far behind pushes in pieces well
/// under the server's size limit (about 2 MB of bundle each for extracted claims).
const OUTBOX_ENTRIES: usize = 2_000;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The server cannot be reached: no network, no such host, refused, timed out.
    #[error(
        "the team server at {server} cannot be reached ({reason}); your changes stay on this desk and go out at the next sync"
    )]
    Offline { server: String, reason: String },
    /// The server answered with an error.
    #[error("{message}")]
    Server {
        kind: WireErrorKind,
        message: String,
    },
    /// The desk is not set up for sync, or the server's answer makes no sense.
    #[error("{0}")]
    Setup(String),
    #[error(transparent)]
    Store(#[from] factdesk_core::Error),
}

impl Error {
    /// The kind the app and `--json` report: `offline`, `unauthorized`,
    /// `forbidden`, `stale`, `tooLarge`, `badRequest`, `unavailable`,
    /// `setup`, or the store's own kind.
    pub fn kind(&self) -> String {
        match self {
            Error::Offline { .. } => "offline".into(),
            Error::Server { kind, .. } => serde_json::to_value(kind)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_else(|| "unavailable".into()),
            Error::Setup(_) => "setup".into(),
            Error::Store(e) => serde_json::to_value(e.kind())
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_else(|| "database".into()),
        }
    }
}

/// What one sync moved.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SyncReport {
    pub server: String,
    pub user: String,
    pub role: String,
    /// Pages of the team's log merged, and what they added here.
    pub pages: usize,
    pub pulled: MergeOutcome,
    /// Rows pushed that the server did not have, that took a later edit, or
    /// that it had already.
    pub pushed_added: usize,
    pub pushed_updated: usize,
    pub pushed_unchanged: usize,
    /// Pushes refused because others had pushed first (each then pulled again).
    pub stale_retries: usize,
    /// The log's head, which this desk has now read to.
    pub cursor: i64,
}

struct Client {
    agent: ureq::Agent,
    server: String,
    token: String,
}

impl Client {
    fn new(server: &str, token: &str) -> Result<Client, Error> {
        let server = server.trim().trim_end_matches('/').to_string();
        if !(server.starts_with("http://") || server.starts_with("https://")) {
            return Err(Error::Setup(format!(
                "the team server's address {server:?} is not an http:// or https:// address"
            )));
        }
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_connect(Some(Duration::from_secs(10)))
            .timeout_global(Some(Duration::from_secs(300)))
            .user_agent(concat!("factdesk/", env!("CARGO_PKG_VERSION")))
            .build()
            .into();
        Ok(Client {
            agent,
            server,
            token: token.trim().to_string(),
        })
    }

    fn offline(&self, e: ureq::Error) -> Error {
        Error::Offline {
            server: self.server.clone(),
            reason: e.to_string(),
        }
    }

    fn answer<T: serde::de::DeserializeOwned>(
        &self,
        r: Result<ureq::http::Response<ureq::Body>, ureq::Error>,
    ) -> Result<T, Error> {
        let mut r = r.map_err(|e| self.offline(e))?;
        let status = r.status();
        let body = r
            .body_mut()
            .with_config()
            .limit(2 * 1024 * 1024 * 1024)
            .read_to_string()
            .map_err(|e| self.offline(e))?;
        if status.is_success() {
            return serde_json::from_str(&body).map_err(|e| {
                Error::Setup(format!(
                    "the team server's answer is not what factdesk expects ({e}); is {} a factdesk server?",
                    self.server
                ))
            });
        }
        match serde_json::from_str::<WireError>(&body) {
            Ok(w) => Err(Error::Server {
                kind: w.kind,
                message: w.message,
            }),
            Err(_) => Err(Error::Server {
                kind: if status.as_u16() == 413 {
                    WireErrorKind::TooLarge
                } else {
                    WireErrorKind::Unavailable
                },
                message: format!(
                    "the team server at {} answered {status} without saying why",
                    self.server
                ),
            }),
        }
    }

    fn me(&self) -> Result<Me, Error> {
        self.answer(
            self.agent
                .get(format!("{}/v1/me", self.server))
                .header("Authorization", format!("Bearer {}", self.token))
                .call(),
        )
    }

    fn pull(&self, after: i64) -> Result<PullReply, Error> {
        self.answer(
            self.agent
                .get(format!("{}/v1/pull?after={after}", self.server))
                .header("Authorization", format!("Bearer {}", self.token))
                .call(),
        )
    }

    fn push(&self, req: &PushRequest) -> Result<PushReply, Error> {
        let body = serde_json::to_vec(req).map_err(|e| Error::Setup(e.to_string()))?;
        self.answer(
            self.agent
                .post(format!("{}/v1/push", self.server))
                .header("Authorization", format!("Bearer {}", self.token))
                .header("Content-Type", "application/json")
                .send(&body[..]),
        )
    }
}

/// Who the token is on the server.
pub fn whoami(server: &str, token: &str) -> Result<Me, Error> {
    Client::new(server, token)?.me()
}

/// Syncs the desk with the server and token given, or else the desk's own
/// settings (`factdesk config server URL`, `factdesk config token TOKEN`).
pub fn sync_desk(
    store: &mut Store,
    server: Option<&str>,
    token: Option<&str>,
) -> Result<SyncReport, Error> {
    let or_setting = |given: Option<&str>, key: &str| -> Result<Option<String>, Error> {
        match given.map(str::trim).filter(|s| !s.is_empty()) {
            Some(v) => Ok(Some(v.to_string())),
            None => Ok(store.setting(key)?),
        }
    };
    let server = or_setting(server, factdesk_core::store::SERVER_URL)?.ok_or_else(|| {
        Error::Setup("no team server: set its address (factdesk config server URL, or Desk settings in the app)".into())
    })?;
    let token = or_setting(token, factdesk_core::store::SERVER_TOKEN)?.unwrap_or_default();
    sync(store, &server, &token)
}

/// Syncs the desk with the team server: merges every page of the log it
/// has not read, then pushes its own changes (pulling again if others
/// pushed in between). Records how it ended on the desk.
pub fn sync(store: &mut Store, server: &str, token: &str) -> Result<SyncReport, Error> {
    let out = run(store, server, token);
    let recorded = match &out {
        Ok(r) => store.sync_finished(Ok((&r.user, &r.role))),
        Err(e) => store.sync_finished(Err(&e.to_string())),
    };
    let report = out?;
    recorded?;
    Ok(report)
}

fn run(store: &mut Store, server: &str, token: &str) -> Result<SyncReport, Error> {
    if token.trim().is_empty() {
        return Err(Error::Setup(
            "no token for the team server: ask an admin for one, then `factdesk config token TOKEN`"
                .into(),
        ));
    }
    let client = Client::new(server, token)?;
    let me = client.me()?;
    let desk = store.desk_id()?;
    let mut report = SyncReport {
        server: client.server.clone(),
        user: me.name.clone(),
        role: me.role.as_str().into(),
        ..SyncReport::default()
    };
    let mut stale = 0;
    loop {
        pull_all(&client, store, &mut report)?;
        let outbox = store.sync_outbox(OUTBOX_ENTRIES)?;
        if outbox.waiting == 0 {
            report.cursor = store.sync_cursor()?;
            return Ok(report);
        }
        let bundle = String::from_utf8(outbox.bundle)
            .map_err(|e| Error::Setup(format!("the desk's bundle is not UTF-8: {e}")))?;
        let req = PushRequest {
            desk: desk.clone(),
            base: store.sync_cursor()?,
            bundle: serde_json::value::RawValue::from_string(bundle)
                .map_err(|e| Error::Setup(e.to_string()))?,
        };
        match client.push(&req) {
            Ok(reply) => {
                // Nothing but this desk's own pushes lies between base and head.
                store.sync_pushed(outbox.mark, reply.head)?;
                report.pushed_added += reply.added;
                report.pushed_updated += reply.updated;
                report.pushed_unchanged += reply.unchanged;
                if !outbox.more {
                    report.cursor = store.sync_cursor()?;
                    return Ok(report);
                }
            }
            Err(Error::Server {
                kind: WireErrorKind::Stale,
                ..
            }) if stale < STALE_RETRIES => {
                stale += 1;
                report.stale_retries += 1;
            }
            Err(Error::Server {
                kind: WireErrorKind::Stale,
                ..
            }) => {
                return Err(Error::Server {
                    kind: WireErrorKind::Stale,
                    message: "other desks kept pushing while this one tried to; sync again".into(),
                });
            }
            Err(e) => return Err(e),
        }
    }
}

fn pull_all(client: &Client, store: &mut Store, report: &mut SyncReport) -> Result<(), Error> {
    loop {
        let after = store.sync_cursor()?;
        let page = client.pull(after)?;
        if page.upto <= after {
            return Ok(());
        }
        if let Some(raw) = page.bundle {
            let bundle = factdesk_core::bundle::parse(raw.get().as_bytes())?;
            let out = store.sync_merge(&bundle, page.upto)?;
            add(&mut report.pulled, &out);
        } else {
            store.sync_pushed(Default::default(), page.upto)?;
        }
        report.pages += 1;
        if page.upto >= page.head {
            return Ok(());
        }
    }
}

fn add(total: &mut MergeOutcome, one: &MergeOutcome) {
    let (t, o) = (&mut total.added, &one.added);
    t.articles += o.articles;
    t.entities += o.entities;
    t.claims += o.claims;
    t.verdicts += o.verdicts;
    t.evidence += o.evidence;
    t.relations += o.relations;
    t.conflicts += o.conflicts;
    t.changes += o.changes;
    t.matches += o.matches;
    t.withdrawals += o.withdrawals;
    t.captures += o.captures;
    t.link_checks += o.link_checks;
    t.assignments += o.assignments;
    t.reviews += o.reviews;
    total.updated_claims += one.updated_claims;
    total.updated_evidence += one.updated_evidence;
    total.kept_deleted += one.kept_deleted;
    total.conflicts.extend(one.conflicts.iter().cloned());
    total.settled += one.settled;
}
