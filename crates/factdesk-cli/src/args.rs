//! The command line as clap reads it: every command, flag and value. The
//! commands themselves live in `commands/`, their printing in `print.rs`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use factdesk_core::export::Format;
use factdesk_core::model::{ClaimKind, Stance, Status};
use factdesk_core::store::{ClaimFilter, SortBy};

#[derive(Parser)]
#[command(
    name = "factdesk",
    version,
    about = "A workbench for fact-checkers: import articles, check their claims, export verdicts."
)]
pub(crate) struct Cli {
    /// The database file [default: the platform's data directory, e.g. ~/.local/share/factdesk/factdesk.db]
    #[arg(long, global = true, env = "FACTDESK_DB", value_name = "PATH")]
    pub(crate) db: Option<PathBuf>,
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Args, Clone)]
pub(crate) struct CheckerArg {
    /// Who is checking; also FACTDESK_CHECKER or `factdesk config checker NAME`
    #[arg(long, env = "FACTDESK_CHECKER", value_name = "NAME")]
    pub(crate) checker: Option<String>,
}

#[derive(Subcommand)]
pub(crate) enum Command {
    /// Import article files (.txt, .md, .html) and extract their claims
    Import(ImportArgs),
    /// Run the extractor on a file and print the claims; stores nothing.
    /// Spans are character offsets into a plain-text file itself (headline
    /// line included); for Markdown and HTML, into the text read from it
    Extract(ExtractArgs),
    /// List imported articles
    Articles(ArticlesArgs),
    /// Show one article's text
    Article(ArticleArgs),
    /// List claims across articles
    Claims(ClaimsArgs),
    /// Show, add or change one claim
    Claim(ClaimArgs),
    /// Give a claim a verdict on the active rating scale, or move its verdict
    /// through review (submit, approve, return)
    Verdict(VerdictArgs),
    /// Take back your current verdict on a claim: it stays in the history, and
    /// the one before it (if any) counts again
    Withdraw(WithdrawArgs),
    /// Add or remove evidence links
    Evidence(EvidenceArgs),
    /// Export claims with their current verdicts and evidence
    Export(ExportArgs),
    /// Merge teammates' bundles (from `export --format bundle`) into this database
    Merge(MergeArgs),
    /// Claims that say the same thing as a claim (or as --text), with their verdicts: have we checked this before?
    Similar(SimilarArgs),
    /// Answer a suggested match: the same claim (or a contradiction), or not
    Match(MatchArgs),
    /// Show the rating scales
    Scales(ScalesArgs),
    /// Show or change settings: the checker's name and the rating scale
    Config(ConfigArgs),
    /// Push this desk's changes to the team server and pull everyone else's
    Sync(SyncArgs),
}

#[derive(Args)]
pub(crate) struct SyncArgs {
    /// The team server; also FACTDESK_SERVER or `factdesk config server URL`
    #[arg(long, env = "FACTDESK_SERVER", value_name = "URL")]
    pub server: Option<String>,
    /// Your token; also FACTDESK_TOKEN or `factdesk config token TOKEN`
    #[arg(
        long,
        env = "FACTDESK_TOKEN",
        value_name = "TOKEN",
        hide_env_values = true
    )]
    pub token: Option<String>,
    /// Only say where the desk stands (last sync, changes waiting)
    #[arg(long)]
    pub status: bool,
    #[arg(long)]
    pub json: bool,
}

#[derive(Args)]
pub(crate) struct ImportArgs {
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// The title (one file only)
    #[arg(long)]
    pub title: Option<String>,
    /// The article's address (one file only)
    #[arg(long)]
    pub url: Option<String>,
    #[arg(long)]
    pub outlet: Option<String>,
    #[arg(long)]
    pub author: Option<String>,
    /// Publication date, YYYY-MM-DD
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub published: Option<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Args)]
pub(crate) struct ExtractArgs {
    pub file: PathBuf,
    #[arg(long, value_enum, default_value_t = ExtractFormat::Text)]
    pub format: ExtractFormat,
}

#[derive(Args)]
pub(crate) struct ArticlesArgs {
    #[arg(long)]
    pub json: bool,
}

#[derive(Args)]
pub(crate) struct ArticleArgs {
    #[command(subcommand)]
    pub command: ArticleCommand,
}

#[derive(Args)]
pub(crate) struct ClaimsArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Order: reading (article, position), worth (check-worthiness), newest
    #[arg(long, value_enum, default_value_t = SortBy::Reading)]
    pub sort: SortBy,
    #[arg(long)]
    pub limit: Option<usize>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Args)]
pub(crate) struct ClaimArgs {
    #[command(subcommand)]
    pub command: ClaimCommand,
}

#[derive(Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub(crate) struct VerdictArgs {
    #[command(subcommand)]
    pub review: Option<ReviewCommand>,
    #[arg(required = true)]
    pub claim_id: Option<String>,
    /// A rating label of the active scale, e.g. "Mostly false"
    #[arg(required = true)]
    pub rating: Option<String>,
    /// The rationale: what the evidence shows (required, except for an
    /// "Unproven" rating where the desk allows it)
    #[arg(long)]
    pub note: Option<String>,
    #[command(flatten)]
    pub checker: CheckerArg,
}

/// A verdict's way to publication: draft, submitted, approved or returned.
#[derive(Subcommand)]
pub(crate) enum ReviewCommand {
    /// Submit the claim's current verdict for an editor's sign-off
    Submit {
        claim_id: String,
        #[arg(long)]
        note: Option<String>,
        #[command(flatten)]
        checker: CheckerArg,
    },
    /// Approve the claim's submitted verdict (editors): it can be published
    Approve {
        claim_id: String,
        #[arg(long)]
        note: Option<String>,
        #[command(flatten)]
        checker: CheckerArg,
    },
    /// Return the claim's submitted verdict to its checker with a note saying what to fix
    Return {
        claim_id: String,
        #[arg(long)]
        note: Option<String>,
        #[command(flatten)]
        checker: CheckerArg,
    },
}

#[derive(Args)]
pub(crate) struct WithdrawArgs {
    pub claim_id: String,
    #[command(flatten)]
    pub checker: CheckerArg,
}

#[derive(Args)]
pub(crate) struct EvidenceArgs {
    #[command(subcommand)]
    pub command: EvidenceCommand,
}

#[derive(Args)]
pub(crate) struct ExportArgs {
    #[arg(long, value_enum)]
    pub format: Format,
    /// Write here instead of standard output
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Only claims changed since this date (YYYY-MM-DD)
    #[arg(long)]
    pub since: Option<String>,
    /// Only claims whose current verdict is by this checker
    #[arg(long = "checker", value_name = "NAME")]
    pub by: Option<String>,
    /// With --format bundle: carry the archived copies (WACZ files) too
    #[arg(long)]
    pub with_captures: bool,
}

#[derive(Args)]
pub(crate) struct MergeArgs {
    #[arg(required = true, value_name = "BUNDLE")]
    pub bundles: Vec<PathBuf>,
    #[command(flatten)]
    pub checker: CheckerArg,
    #[arg(long)]
    pub json: bool,
}

#[derive(Args)]
pub(crate) struct SimilarArgs {
    /// The claim to match
    #[arg(required_unless_present = "text", conflicts_with = "text")]
    pub claim_id: Option<String>,
    /// Match these words instead of a stored claim
    #[arg(long)]
    pub text: Option<String>,
    /// How many matches to show at most
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    /// Show matches from this score up (0 to 1) instead of the calibrated threshold
    #[arg(long, value_parser = parse_score)]
    pub min_score: Option<f64>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Args)]
pub(crate) struct MatchArgs {
    #[command(subcommand)]
    pub command: MatchCommand,
}

#[derive(Args)]
pub(crate) struct ScalesArgs {
    #[arg(long)]
    pub json: bool,
}

#[derive(Args)]
pub(crate) struct ConfigArgs {
    #[command(subcommand)]
    pub command: Option<ConfigCommand>,
}

#[derive(Subcommand)]
pub(crate) enum ArticleCommand {
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub(crate) enum MatchCommand {
    /// The two claims say the same thing (or, if one negates the other, contradict each other)
    Confirm {
        claim_id: String,
        other_id: String,
        #[command(flatten)]
        checker: CheckerArg,
    },
    /// The two claims are not the same; the pair is not suggested again
    Reject {
        claim_id: String,
        other_id: String,
        #[command(flatten)]
        checker: CheckerArg,
    },
}

#[derive(Subcommand)]
pub(crate) enum ClaimCommand {
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Add a claim by its character span in the article's stored text
    Add {
        article_id: String,
        #[arg(long)]
        start: usize,
        #[arg(long)]
        end: usize,
        #[arg(long)]
        speaker: Option<String>,
        #[arg(long, value_enum, default_value_t = ClaimKind::Statement)]
        kind: ClaimKind,
        #[command(flatten)]
        checker: CheckerArg,
    },
    /// Set a claim's workflow status
    Status {
        id: String,
        #[arg(value_enum)]
        status: Status,
        #[command(flatten)]
        checker: CheckerArg,
    },
    /// Change a claim's kind, speakers or sources
    Edit {
        id: String,
        #[arg(long, value_enum)]
        kind: Option<ClaimKind>,
        /// A speaker's name; repeat for several (replaces the speakers)
        #[arg(long = "speaker", value_name = "NAME")]
        speakers: Vec<String>,
        /// A source's name; repeat for several (replaces the sources)
        #[arg(long = "source", value_name = "NAME")]
        sources: Vec<String>,
        /// New text: the span's first char (with --end)
        #[arg(long, requires = "end")]
        start: Option<usize>,
        /// New text: the span's end, exclusive (with --start)
        #[arg(long, requires = "start")]
        end: Option<usize>,
        #[command(flatten)]
        checker: CheckerArg,
    },
    /// Assign a claim to a checker (the queue's "Mine" lists theirs)
    Assign {
        id: String,
        name: String,
        #[command(flatten)]
        checker: CheckerArg,
    },
    /// Take a claim's assignment back
    Unassign {
        id: String,
        #[command(flatten)]
        checker: CheckerArg,
    },
    /// Confirm an extracted claim as right as it stands
    Confirm {
        id: String,
        #[command(flatten)]
        checker: CheckerArg,
    },
    /// Merge OTHER into KEEP: one claim over both spans, with both histories
    Merge {
        keep: String,
        other: String,
        #[command(flatten)]
        checker: CheckerArg,
    },
    /// Record where the team published its check of a claim (ClaimReview url); "" clears it
    ReviewUrl {
        id: String,
        url: String,
        #[command(flatten)]
        checker: CheckerArg,
    },
    /// Delete a claim (its history stays in the audit trail)
    Delete {
        id: String,
        #[command(flatten)]
        checker: CheckerArg,
    },
    /// Every change to a claim, with who and when
    History {
        id: String,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub(crate) enum EvidenceCommand {
    Add {
        claim_id: String,
        url: String,
        #[arg(long)]
        title: Option<String>,
        #[arg(long, value_enum, default_value_t = Stance::Context)]
        stance: Stance,
        #[arg(long)]
        note: Option<String>,
        /// Add the link without archiving the page now
        #[arg(long)]
        no_capture: bool,
        #[command(flatten)]
        limits: CaptureArgs,
        #[command(flatten)]
        checker: CheckerArg,
    },
    Remove {
        evidence_id: String,
        #[command(flatten)]
        checker: CheckerArg,
    },
    #[command(flatten)]
    Vault(VaultCommand),
}

/// The evidence vault's verbs of `factdesk evidence`.
#[derive(Subcommand)]
pub(crate) enum VaultCommand {
    /// Archive the page again (a new capture; earlier ones stay)
    Capture {
        evidence_id: String,
        #[command(flatten)]
        limits: CaptureArgs,
        #[command(flatten)]
        checker: CheckerArg,
    },
    /// An evidence link's captures: time, status, final address, hashes, size
    Show {
        evidence_id: String,
        #[arg(long)]
        json: bool,
    },
    /// The archived page's text, read from its WACZ in the vault
    Read {
        /// An evidence id (its latest archived copy) or a capture id
        id: String,
    },
    /// Write an archived copy as a WACZ file (ReplayWeb.page and other WACZ readers open it)
    Export {
        /// An evidence id (its latest archived copy) or a capture id
        id: String,
        #[arg(long, value_name = "FILE.wacz")]
        out: PathBuf,
    },
    /// Re-fetch links and say whether each page is still as archived:
    /// same, changed, gone, moved or failed
    Check {
        /// A claim's links (or give --all)
        #[arg(required_unless_present = "all", conflicts_with = "all")]
        claim_id: Option<String>,
        #[arg(long)]
        all: bool,
        /// Requests at once
        #[arg(long, default_value_t = 8)]
        concurrency: usize,
        #[command(flatten)]
        limits: CaptureArgs,
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        checker: CheckerArg,
    },
}

/// How far fetching a page may go (the desk's `config capture-limits` unless given).
#[derive(Args)]
pub(crate) struct CaptureArgs {
    /// The largest page kept, in MB
    #[arg(long, value_name = "MB")]
    pub max_mb: Option<u64>,
    /// The longest a fetch may take, redirects and body included, in seconds
    #[arg(long, value_name = "SECONDS")]
    pub timeout: Option<f64>,
}

impl CaptureArgs {
    pub(crate) fn limits(
        &self,
        store: &factdesk_core::Store,
    ) -> factdesk_core::Result<factdesk_vault::Limits> {
        let mut limits = store.capture_limits()?;
        if let Some(t) = self.timeout {
            if !(t > 0.0 && t <= 3600.0) {
                return Err(factdesk_core::Error::invalid(
                    "--timeout is seconds above 0, at most 3600",
                ));
            }
            limits.timeout = std::time::Duration::from_secs_f64(t);
        }
        if let Some(mb) = self.max_mb {
            if mb == 0 {
                return Err(factdesk_core::Error::invalid("--max-mb is at least 1"));
            }
            limits.max_bytes = mb.saturating_mul(1024 * 1024);
        }
        Ok(limits)
    }
}

#[derive(Subcommand)]
pub(crate) enum ConfigCommand {
    /// Set the checker's name, kept in the database
    Checker { name: String },
    /// Set the rating scale new verdicts are given on
    Scale { id: String },
    /// Set the team's organisation, the author of its ClaimReview exports
    Org {
        name: String,
        /// The organisation's web address
        url: Option<String>,
    },
    /// Where the team publishes its archived copies, e.g.
    /// https://archive.example.org/{sha256}.wacz: reports and ClaimReview
    /// link evidence there
    ArchiveUrl { pattern: String },
    /// How far a capture may go: the largest page kept and the longest wait
    /// (default 20 MB, 30 s)
    CaptureLimits {
        #[arg(long, value_name = "MB")]
        max_mb: Option<u64>,
        #[arg(long, value_name = "SECONDS")]
        timeout: Option<u64>,
    },
    /// Whether giving a verdict sets the claim's status to Done (default: yes)
    VerdictSetsDone {
        #[arg(action = clap::ArgAction::Set, value_name = "true|false")]
        on: bool,
    },
    /// Whether an "Unproven" verdict may come without a rationale (default: no)
    UndeterminedWithoutRationale {
        #[arg(action = clap::ArgAction::Set, value_name = "true|false")]
        on: bool,
    },
    /// Whether only editor-approved verdicts go into ClaimReview exports and
    /// reports (default: no; setting a team server turns it on)
    RequireApproval {
        #[arg(action = clap::ArgAction::Set, value_name = "true|false")]
        on: bool,
    },
    /// The team server this desk syncs with, e.g. https://factdesk.example.org
    /// ("none" to stop syncing)
    Server { url: String },
    /// Your token for the team server (from `factdesk-server user add`)
    Token { token: String },
}

#[derive(Args, Default)]
pub(crate) struct FilterArgs {
    #[arg(long, value_name = "ID")]
    pub(crate) article: Option<String>,
    #[arg(long, value_enum)]
    pub(crate) status: Option<Status>,
    /// The current verdict's label; "none" for claims without one
    #[arg(long, value_name = "LABEL")]
    pub(crate) rating: Option<String>,
    #[arg(long, value_name = "NAME")]
    pub(crate) speaker: Option<String>,
    #[arg(long, value_name = "NAME")]
    pub(crate) source: Option<String>,
    /// Words to find in the claims' text
    #[arg(long, value_name = "TEXT")]
    pub(crate) search: Option<String>,
    /// Only claims whose desks' verdicts disagree (after a merge)
    #[arg(long)]
    pub(crate) needs_reconciliation: bool,
    /// Only claims with an evidence link that the last check found gone or changed
    #[arg(long)]
    pub(crate) link_trouble: bool,
    /// Only claims assigned to this checker
    #[arg(long, value_name = "NAME")]
    pub(crate) assignee: Option<String>,
}

#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum ExtractFormat {
    Json,
    Text,
}
impl FilterArgs {
    pub(crate) fn to_filter(&self) -> ClaimFilter {
        ClaimFilter {
            article: self.article.clone(),
            status: self.status,
            rating: self.rating.clone(),
            speaker: self.speaker.clone(),
            source: self.source.clone(),
            search: self.search.clone(),
            needs_reconciliation: self.needs_reconciliation,
            link_trouble: self.link_trouble,
            assignee: self.assignee.clone(),
            ..ClaimFilter::default()
        }
    }
}

/// A score between 0 and 1, for `similar --min-score`.
pub(crate) fn parse_score(s: &str) -> std::result::Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(x) if (0.0..=1.0).contains(&x) => Ok(x),
        _ => Err(format!(
            "{} is not a score between 0 and 1",
            factdesk_core::quoted(s)
        )),
    }
}
