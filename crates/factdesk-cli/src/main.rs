//! `factdesk`: the command line over factdesk-core. Parsing and printing only;
//! every decision is the core's.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use factdesk_core::extract::Extraction;
use factdesk_core::import::{Document, read_file};
use factdesk_core::model::{Claim, ClaimKind, Stance, Status};
use factdesk_core::store::{ClaimFilter, ImportMeta, NewClaim, NewEvidence, SortBy};
use factdesk_core::{Error, ErrorKind, Result, Store};

#[derive(Parser)]
#[command(
    name = "factdesk",
    version,
    about = "A workbench for fact-checkers: import articles, check their claims, export verdicts."
)]
struct Cli {
    /// The database file [default: the platform's data directory, e.g. ~/.local/share/factdesk/factdesk.db]
    #[arg(long, global = true, env = "FACTDESK_DB", value_name = "PATH")]
    db: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Args, Clone)]
struct CheckerArg {
    /// Who is checking; also FACTDESK_CHECKER or `factdesk config checker NAME`
    #[arg(long, env = "FACTDESK_CHECKER", value_name = "NAME")]
    checker: Option<String>,
}

#[derive(Subcommand)]
enum Command {
    /// Import article files (.txt, .md, .html) and extract their claims
    Import {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// The title (one file only)
        #[arg(long)]
        title: Option<String>,
        /// The article's address (one file only)
        #[arg(long)]
        url: Option<String>,
        #[arg(long)]
        outlet: Option<String>,
        #[arg(long)]
        author: Option<String>,
        /// Publication date, YYYY-MM-DD
        #[arg(long, value_name = "YYYY-MM-DD")]
        published: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Run the extractor on a file and print the claims; stores nothing
    Extract {
        file: PathBuf,
        #[arg(long, value_enum, default_value_t = ExtractFormat::Text)]
        format: ExtractFormat,
    },
    /// List imported articles
    Articles {
        #[arg(long)]
        json: bool,
    },
    /// Show one article's text
    Article {
        #[command(subcommand)]
        command: ArticleCommand,
    },
    /// List claims across articles
    Claims {
        #[command(flatten)]
        filter: FilterArgs,
        /// Order: reading (article, position), worth (check-worthiness), newest
        #[arg(long, value_enum, default_value_t = Sort::Reading)]
        sort: Sort,
        #[arg(long)]
        limit: Option<usize>,
        #[arg(long)]
        json: bool,
    },
    /// Show, add or change one claim
    Claim {
        #[command(subcommand)]
        command: ClaimCommand,
    },
    /// Give a claim a verdict on the active rating scale
    Verdict {
        claim_id: String,
        /// A rating label of the active scale, e.g. "Mostly false"
        rating: String,
        /// The rationale
        #[arg(long)]
        note: Option<String>,
        #[command(flatten)]
        checker: CheckerArg,
    },
    /// Add or remove evidence links
    Evidence {
        #[command(subcommand)]
        command: EvidenceCommand,
    },
    /// Export claims with their current verdicts and evidence
    Export {
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Write here instead of standard output
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        #[command(flatten)]
        filter: FilterArgs,
        /// Only claims changed since this date (YYYY-MM-DD)
        #[arg(long)]
        since: Option<String>,
        /// Only claims whose current verdict is by this checker
        #[arg(long = "checker", value_name = "NAME")]
        by: Option<String>,
    },
    /// Merge teammates' bundles (from `export --format bundle`) into this database
    Merge {
        #[arg(required = true, value_name = "BUNDLE")]
        bundles: Vec<PathBuf>,
        #[command(flatten)]
        checker: CheckerArg,
        #[arg(long)]
        json: bool,
    },
    /// Claims that say the same thing as a claim (or as --text), with their verdicts: have we checked this before?
    Similar {
        /// The claim to match
        #[arg(required_unless_present = "text", conflicts_with = "text")]
        claim_id: Option<String>,
        /// Match these words instead of a stored claim
        #[arg(long)]
        text: Option<String>,
        /// How many matches to show at most
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// Show matches from this score up (0 to 1) instead of the calibrated threshold
        #[arg(long, value_parser = parse_score)]
        min_score: Option<f64>,
        #[arg(long)]
        json: bool,
    },
    /// Answer a suggested match: the same claim (or a contradiction), or not
    Match {
        #[command(subcommand)]
        command: MatchCommand,
    },
    /// Show the rating scales
    Scales {
        #[arg(long)]
        json: bool,
    },
    /// Show or change settings: the checker's name and the rating scale
    Config {
        #[command(subcommand)]
        command: Option<ConfigCommand>,
    },
}

#[derive(Subcommand)]
enum ArticleCommand {
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum MatchCommand {
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
enum ClaimCommand {
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
        #[arg(long, value_enum, default_value_t = Kind::Statement)]
        kind: Kind,
        #[command(flatten)]
        checker: CheckerArg,
    },
    /// Set a claim's workflow status
    Status {
        id: String,
        #[arg(value_enum)]
        status: StatusArg,
        #[command(flatten)]
        checker: CheckerArg,
    },
    /// Change a claim's kind, speakers or sources
    Edit {
        id: String,
        #[arg(long, value_enum)]
        kind: Option<Kind>,
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
enum EvidenceCommand {
    Add {
        claim_id: String,
        url: String,
        #[arg(long)]
        title: Option<String>,
        #[arg(long, value_enum, default_value_t = StanceArg::Context)]
        stance: StanceArg,
        #[arg(long)]
        note: Option<String>,
        #[command(flatten)]
        checker: CheckerArg,
    },
    Remove {
        evidence_id: String,
        #[command(flatten)]
        checker: CheckerArg,
    },
}

#[derive(Subcommand)]
enum ConfigCommand {
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
}

#[derive(Args, Default)]
struct FilterArgs {
    #[arg(long, value_name = "ID")]
    article: Option<String>,
    #[arg(long, value_enum)]
    status: Option<StatusArg>,
    /// The current verdict's label; "none" for claims without one
    #[arg(long, value_name = "LABEL")]
    rating: Option<String>,
    #[arg(long, value_name = "NAME")]
    speaker: Option<String>,
    #[arg(long, value_name = "NAME")]
    source: Option<String>,
    /// Words to find in the claims' text
    #[arg(long, value_name = "TEXT")]
    search: Option<String>,
    /// Only claims whose desks' verdicts disagree (after a merge)
    #[arg(long)]
    needs_reconciliation: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum ExtractFormat {
    Json,
    Text,
}
#[derive(Clone, Copy, ValueEnum)]
enum ExportFormat {
    Csv,
    Json,
    /// schema.org ClaimReview JSON-LD, one per claim with a settled verdict
    #[value(name = "claimreview")]
    ClaimReview,
    /// A readable report for an editor, in Markdown
    Report,
    /// The report as a standalone HTML page
    ReportHtml,
    /// Everything, full fidelity, for a teammate to merge
    Bundle,
    /// The corrections log: verdicts changed after their claim was done (CSV)
    Corrections,
}
#[derive(Clone, Copy, ValueEnum)]
enum Sort {
    Reading,
    Worth,
    Newest,
}
#[derive(Clone, Copy, ValueEnum)]
enum Kind {
    Quote,
    Paraphrase,
    Statement,
}
#[derive(Clone, Copy, ValueEnum)]
enum StatusArg {
    New,
    InProgress,
    NeedsReview,
    Done,
}
#[derive(Clone, Copy, ValueEnum)]
enum StanceArg {
    Supports,
    Refutes,
    Context,
}

impl From<Kind> for ClaimKind {
    fn from(k: Kind) -> Self {
        match k {
            Kind::Quote => ClaimKind::Quote,
            Kind::Paraphrase => ClaimKind::Paraphrase,
            Kind::Statement => ClaimKind::Statement,
        }
    }
}
impl From<StatusArg> for Status {
    fn from(s: StatusArg) -> Self {
        match s {
            StatusArg::New => Status::New,
            StatusArg::InProgress => Status::InProgress,
            StatusArg::NeedsReview => Status::NeedsReview,
            StatusArg::Done => Status::Done,
        }
    }
}
impl From<StanceArg> for Stance {
    fn from(s: StanceArg) -> Self {
        match s {
            StanceArg::Supports => Stance::Supports,
            StanceArg::Refutes => Stance::Refutes,
            StanceArg::Context => Stance::Context,
        }
    }
}

impl FilterArgs {
    fn to_filter(&self) -> ClaimFilter {
        ClaimFilter {
            article: self.article.clone(),
            status: self.status.map(Into::into),
            rating: self.rating.clone(),
            speaker: self.speaker.clone(),
            source: self.source.clone(),
            search: self.search.clone(),
            needs_reconciliation: self.needs_reconciliation,
            ..ClaimFilter::default()
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            // How to say who you are is the CLI's to tell.
            if e.kind() == ErrorKind::NoChecker {
                eprintln!(
                    "hint: give --checker NAME, set FACTDESK_CHECKER, or run `factdesk config checker NAME`"
                );
            }
            ExitCode::FAILURE
        }
    }
}

fn default_db() -> Result<PathBuf> {
    factdesk_core::default_db_path().ok_or_else(|| {
        Error::Database("cannot find a home directory for the database; use --db PATH".into())
    })
}

fn open(db: &Option<PathBuf>) -> Result<Store> {
    let path = match db {
        Some(p) => p.clone(),
        None => default_db()?,
    };
    Store::open(&path)
}

fn checker(store: &Store, arg: &CheckerArg) -> Result<String> {
    match arg
        .checker
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        Some(c) => Ok(c.to_string()),
        None => store.setting("checker")?.ok_or(Error::NoChecker),
    }
}

fn json_out(value: &impl serde::Serialize) -> Result<()> {
    let s = serde_json::to_string_pretty(value).map_err(|e| Error::Export(e.to_string()))?;
    println!("{s}");
    Ok(())
}

fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Extract { file, format } => {
            let doc = read_file(&file)?;
            let x = factdesk_core::extract(&doc.body);
            match format {
                ExtractFormat::Json => json_out(&x),
                ExtractFormat::Text => {
                    print_extraction(&doc, &x);
                    Ok(())
                }
            }
        }
        Command::Import {
            files,
            title,
            url,
            outlet,
            author,
            published,
            json,
        } => {
            if files.len() > 1 && (title.is_some() || url.is_some()) {
                return Err(Error::invalid(
                    "--title and --url describe one article; import one file at a time to set them",
                ));
            }
            // Read every file first: a bad one stops the import before anything is written.
            let docs: Vec<(Document, ImportMeta)> = files
                .iter()
                .map(|f| {
                    Ok((
                        read_file(f)?,
                        ImportMeta {
                            title: title.clone(),
                            url: url.clone(),
                            outlet: outlet.clone(),
                            author: author.clone(),
                            published: published.clone(),
                        },
                    ))
                })
                .collect::<Result<_>>()?;
            let mut store = open(&cli.db)?;
            let actor = store.setting("checker")?.unwrap_or_default();
            let outcomes = store.import(&docs, &actor)?;
            if json {
                return json_out(&outcomes);
            }
            for (o, f) in outcomes.iter().zip(&files) {
                if o.duplicate {
                    println!(
                        "{}: already imported as {} \"{}\" ({} claims); nothing added",
                        f.display(),
                        o.id,
                        o.title,
                        o.claims
                    );
                } else {
                    println!(
                        "{}: imported {} \"{}\" with {} claims",
                        f.display(),
                        o.id,
                        o.title,
                        o.claims
                    );
                }
            }
            Ok(())
        }
        Command::Articles { json } => {
            let store = open(&cli.db)?;
            let articles = store.articles()?;
            if json {
                return json_out(&articles);
            }
            if articles.is_empty() {
                println!("No articles yet. Import one with `factdesk import FILE`.");
            }
            for a in articles {
                println!(
                    "{}  {:>3} claims  {}{}",
                    a.id,
                    a.claims,
                    a.title,
                    a.outlet.map(|o| format!(" ({o})")).unwrap_or_default()
                );
            }
            Ok(())
        }
        Command::Article {
            command: ArticleCommand::Show { id, json },
        } => {
            let store = open(&cli.db)?;
            let a = store.article(&id)?;
            if json {
                return json_out(&a);
            }
            println!(
                "{}\n{}\n\n{}",
                a.title,
                "=".repeat(a.title.chars().count().min(80)),
                a.body
            );
            Ok(())
        }
        Command::Claims {
            filter,
            sort,
            limit,
            json,
        } => {
            let store = open(&cli.db)?;
            let mut f = filter.to_filter();
            f.sort = match sort {
                Sort::Reading => SortBy::Reading,
                Sort::Worth => SortBy::Worth,
                Sort::Newest => SortBy::Newest,
            };
            f.limit = limit;
            let claims = store.claims(&f)?;
            if json {
                return json_out(&claims.iter().map(claim_json).collect::<Vec<_>>());
            }
            if claims.is_empty() {
                println!("No claims match.");
            }
            for c in &claims {
                print_claim_line(c);
            }
            Ok(())
        }
        Command::Claim { command } => claim_command(&cli.db, command),
        Command::Verdict {
            claim_id,
            rating,
            note,
            checker: c,
        } => {
            let mut store = open(&cli.db)?;
            let who = checker(&store, &c)?;
            let v = store.give_verdict(&claim_id, &rating, note.as_deref(), &who)?;
            println!("{}: {} (by {}, {})", v.claim_id, v.rating, v.checker, v.at);
            Ok(())
        }
        Command::Evidence { command } => {
            let mut store = open(&cli.db)?;
            match command {
                EvidenceCommand::Add {
                    claim_id,
                    url,
                    title,
                    stance,
                    note,
                    checker: c,
                } => {
                    let who = checker(&store, &c)?;
                    let e = store.add_evidence(
                        &NewEvidence {
                            claim_id,
                            url,
                            title,
                            stance: stance.into(),
                            note,
                        },
                        &who,
                    )?;
                    println!(
                        "evidence {} added to {}: {} ({})",
                        e.id, e.claim_id, e.url, e.stance
                    );
                }
                EvidenceCommand::Remove {
                    evidence_id,
                    checker: c,
                } => {
                    let who = checker(&store, &c)?;
                    store.remove_evidence(&evidence_id, &who)?;
                    println!("evidence removed");
                }
            }
            Ok(())
        }
        Command::Export {
            format,
            out,
            filter,
            since,
            by,
        } => {
            let store = open(&cli.db)?;
            let mut f = filter.to_filter();
            f.since = since;
            f.checker = by;
            let format = match format {
                ExportFormat::Csv => factdesk_core::export::Format::Csv,
                ExportFormat::Json => factdesk_core::export::Format::Json,
                ExportFormat::ClaimReview => factdesk_core::export::Format::ClaimReview,
                ExportFormat::Report => factdesk_core::export::Format::Report,
                ExportFormat::ReportHtml => factdesk_core::export::Format::ReportHtml,
                ExportFormat::Bundle => factdesk_core::export::Format::Bundle,
                ExportFormat::Corrections => factdesk_core::export::Format::Corrections,
            };
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
        Command::Merge {
            bundles,
            checker: c,
            json,
        } => {
            let mut store = open(&cli.db)?;
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
        Command::Similar {
            claim_id,
            text,
            limit,
            min_score,
            json,
        } => {
            let store = open(&cli.db)?;
            let found = match (&claim_id, &text, min_score) {
                (Some(id), _, None) => store.similar(id, limit)?,
                (Some(id), _, Some(min)) => store.similar_at(id, limit, min)?,
                (None, Some(t), min) => store.similar_to_text_at(t, limit, min)?,
                (None, None, _) => unreachable!("clap requires one"),
            };
            // Say why matching is weaker than it could be (on stderr: JSON stays clean).
            if let Err(e) = factdesk_core::embed::shipped() {
                eprintln!("note: {e}; matching uses words alone");
            } else if let Err(e) = factdesk_core::encoder::shipped() {
                eprintln!("note: {e}; matches are not re-ranked");
            }
            if json {
                let out: Vec<_> = found
                    .iter()
                    .map(|s| {
                        serde_json::json!({
                            "id": s.claim.id, "text": s.claim.text, "score": s.score, "kind": s.kind, "meaning": s.meaning, "quick_meaning": s.quick_meaning, "wording": s.wording,
                            "speaker": s.claim.speaker, "article_id": s.claim.article_id, "article": s.article_title,
                            "verdict": s.claim.verdict.as_ref().map(|v| serde_json::json!({"rating": v.rating, "checker": v.checker, "at": v.at, "note": v.note})),
                            "evidence": s.claim.evidence.len(),
                        })
                    })
                    .collect();
                return json_out(&out);
            }
            if found.is_empty() {
                println!("no similar claims");
            }
            for s in &found {
                let kind = match s.kind {
                    factdesk_core::matching::MatchKind::Same => "same",
                    factdesk_core::matching::MatchKind::Contradicts => "CONTRADICTS",
                };
                println!(
                    "{}  {:.2} {:<11} {}",
                    s.claim.id,
                    s.score,
                    kind,
                    short(&s.claim.text, 90)
                );
                match s.meaning {
                    Some(m) => println!("    meaning {m:.2}, wording {:.2}", s.wording),
                    None => println!(
                        "    wording {:.2} (the matching model is not loaded)",
                        s.wording
                    ),
                }
                let precedent = match &s.claim.verdict {
                    Some(v) => format!(
                        "rated {} on {} by {}, {} evidence link{}",
                        v.rating,
                        v.at.get(..10).unwrap_or(&v.at),
                        v.checker,
                        s.claim.evidence.len(),
                        if s.claim.evidence.len() == 1 { "" } else { "s" }
                    ),
                    None => "not rated yet".into(),
                };
                println!(
                    "    {} · {} · {precedent}",
                    s.claim.speaker.as_deref().unwrap_or("article"),
                    short(&s.article_title, 50)
                );
            }
            Ok(())
        }
        Command::Match { command } => {
            let mut store = open(&cli.db)?;
            match command {
                MatchCommand::Confirm {
                    claim_id,
                    other_id,
                    checker: c,
                } => {
                    let who = checker(&store, &c)?;
                    match store.confirm_match(&claim_id, &other_id, &who)? {
                        factdesk_core::matching::MatchKind::Same => {
                            println!("linked: the two claims say the same thing")
                        }
                        factdesk_core::matching::MatchKind::Contradicts => {
                            println!("related: the two claims contradict each other")
                        }
                    }
                }
                MatchCommand::Reject {
                    claim_id,
                    other_id,
                    checker: c,
                } => {
                    let who = checker(&store, &c)?;
                    store.reject_match(&claim_id, &other_id, &who)?;
                    println!("rejected: the pair will not be suggested again");
                }
            }
            Ok(())
        }
        Command::Scales { json } => {
            if json {
                return json_out(&factdesk_core::scale::SCALES);
            }
            let active = open(&cli.db)
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
        Command::Config { command } => {
            let mut store = open(&cli.db)?;
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
            Ok(())
        }
    }
}

fn claim_command(db: &Option<PathBuf>, command: ClaimCommand) -> Result<()> {
    let mut store = open(db)?;
    match command {
        ClaimCommand::Show { id, json } => {
            let c = store.claim(&id)?;
            let relations = store.relations_of(&c.id)?;
            let history = store.verdicts(&c.id)?;
            if json {
                let mut v = claim_json(&c);
                v["relations"] = serde_json::to_value(&relations).unwrap_or_default();
                v["verdicts"] = serde_json::to_value(&history).unwrap_or_default();
                return json_out(&v);
            }
            print_claim_detail(&store, &c, &relations, &history)
        }
        ClaimCommand::Add {
            article_id,
            start,
            end,
            speaker,
            kind,
            checker: c,
        } => {
            let who = checker(&store, &c)?;
            let id = store.add_claim(
                &NewClaim {
                    article_id,
                    start,
                    end,
                    kind: kind.into(),
                    speaker,
                    role: None,
                },
                &who,
            )?;
            let claim = store.claim(&id)?;
            println!("claim {} added: \"{}\"", claim.id, claim.text);
            Ok(())
        }
        ClaimCommand::Status {
            id,
            status,
            checker: c,
        } => {
            let who = checker(&store, &c)?;
            store.set_status(&id, status.into(), &who)?;
            let claim = store.claim(&id)?;
            println!("{}: {}", claim.id, claim.status);
            Ok(())
        }
        ClaimCommand::Edit {
            id,
            kind,
            speakers,
            sources,
            start,
            end,
            checker: c,
        } => {
            let who = checker(&store, &c)?;
            if let (Some(start), Some(end)) = (start, end) {
                store.respan_claim(&id, start, end, &who)?;
            }
            let speakers = (!speakers.is_empty()).then_some(speakers);
            let sources = (!sources.is_empty()).then_some(sources);
            if kind.is_some() || speakers.is_some() || sources.is_some() {
                store.edit_claim(
                    &id,
                    kind.map(Into::into),
                    speakers.as_deref(),
                    sources.as_deref(),
                    &who,
                )?;
            }
            print_claim_line(&store.claim(&id)?);
            Ok(())
        }
        ClaimCommand::Confirm { id, checker: c } => {
            let who = checker(&store, &c)?;
            store.confirm_claim(&id, &who)?;
            println!("{}: confirmed by {who}", store.claim(&id)?.id);
            Ok(())
        }
        ClaimCommand::Merge {
            keep,
            other,
            checker: c,
        } => {
            let who = checker(&store, &c)?;
            store.merge_claims(&keep, &other, &who)?;
            let claim = store.claim(&keep)?;
            println!("merged into {}: \"{}\"", claim.id, claim.text);
            Ok(())
        }
        ClaimCommand::ReviewUrl {
            id,
            url,
            checker: c,
        } => {
            let who = checker(&store, &c)?;
            store.set_review_url(&id, Some(&url), &who)?;
            let claim = store.claim(&id)?;
            println!(
                "{}: {}",
                claim.id,
                claim
                    .review_url
                    .as_deref()
                    .unwrap_or("(no published check)")
            );
            Ok(())
        }
        ClaimCommand::Delete { id, checker: c } => {
            let who = checker(&store, &c)?;
            let claim = store.claim(&id)?;
            store.delete_claim(&claim.id, &who)?;
            println!("{} deleted", claim.id);
            Ok(())
        }
        ClaimCommand::History { id, json } => {
            let changes = store.history(&id)?;
            if json {
                return json_out(&changes);
            }
            for ch in changes {
                println!(
                    "{}  {:<16} {:<20} {}",
                    ch.at, ch.action, ch.actor, ch.detail
                );
            }
            Ok(())
        }
    }
}

/// The JSON shape of a listed claim (see the README).
fn claim_json(c: &Claim) -> serde_json::Value {
    serde_json::json!({
        "id": c.id,
        "article_id": c.article_id,
        "text": c.text,
        "kind": c.kind,
        "speaker": c.speaker,
        "speakers": c.speakers,
        "sources": c.sources,
        "span": c.span,
        "anchor": c.anchor,
        "checkworthiness": c.checkworthiness,
        "origin": c.origin,
        "status": c.status,
        "verdict": c.verdict.as_ref().map(verdict_json),
        "needs_reconciliation": !c.conflict.is_empty(),
        "conflict": c.conflict.iter().map(verdict_json).collect::<Vec<_>>(),
        "evidence": c.evidence.iter().map(|e| serde_json::json!({
            "id": e.id, "url": e.url, "title": e.title, "stance": e.stance, "note": e.note, "added_by": e.added_by, "added_at": e.added_at,
        })).collect::<Vec<_>>(),
        "created_at": c.created_at,
        "updated_at": c.updated_at,
        "confirmed_by": c.confirmed_by,
        "confirmed_at": c.confirmed_at,
        "review_url": c.review_url,
    })
}

fn print_merge(path: &Path, o: &factdesk_core::store::MergeOutcome) {
    if !o.changed_anything() {
        println!("{}: nothing new; the database is unchanged", path.display());
        return;
    }
    let a = &o.added;
    println!(
        "{}: added {} articles, {} claims, {} verdicts, {} evidence links, {} relations, {} history entries; {} claims took a later edit",
        path.display(),
        a.articles,
        a.claims,
        a.verdicts,
        a.evidence,
        a.relations,
        a.changes,
        o.updated_claims
    );
    if o.updated_evidence > 0 {
        println!("  {} evidence links took a later edit", o.updated_evidence);
    }
    if o.kept_deleted > 0 {
        println!("  {} claims deleted here were left deleted", o.kept_deleted);
    }
    if o.settled > 0 {
        println!(
            "  {} disagreements were already settled in the bundle",
            o.settled
        );
    }
    if !o.conflicts.is_empty() {
        println!(
            "  {} claims need reconciliation (the desks' verdicts disagree; both are kept):",
            o.conflicts.len()
        );
        for id in &o.conflicts {
            println!("    {id}");
        }
        println!(
            "  list them with `factdesk claims --needs-reconciliation`; a new verdict settles each"
        );
    }
}

fn verdict_json(v: &factdesk_core::model::Verdict) -> serde_json::Value {
    serde_json::json!({
        "rating": v.rating, "value": v.value, "note": v.note, "checker": v.checker, "at": v.at, "scale": v.scale,
    })
}

fn short(s: &str, n: usize) -> String {
    let mut out: String = s.chars().take(n).collect();
    if s.chars().count() > n {
        out.push('…');
    }
    out
}

fn print_claim_line(c: &Claim) {
    let verdict = if c.conflict.is_empty() {
        c.verdict.as_ref().map(|v| v.rating.as_str()).unwrap_or("—")
    } else {
        "RECONCILE"
    };
    println!(
        "{}  {:.2}  {:<10} {:<12} {:<14} {}  [{}]",
        c.id,
        c.checkworthiness,
        c.kind.as_str(),
        c.status.as_str(),
        verdict,
        short(&c.text, 70),
        c.speaker.as_deref().unwrap_or("article")
    );
}

fn print_claim_detail(
    store: &Store,
    c: &Claim,
    relations: &[factdesk_core::model::Relation],
    verdicts: &[factdesk_core::model::Verdict],
) -> Result<()> {
    let article = store.article(&c.article_id)?;
    println!("Claim {}", c.id);
    println!("  \"{}\"", c.text);
    println!(
        "  kind: {}   status: {}   check-worthiness: {:.2}   origin: {}",
        c.kind, c.status, c.checkworthiness, c.origin
    );
    for s in &c.speakers {
        println!(
            "  speaker: {}{}",
            s.name,
            s.role
                .as_ref()
                .map(|r| format!(" ({r})"))
                .unwrap_or_default()
        );
    }
    if !c.sources.is_empty() {
        println!("  sources: {}", c.sources.join(", "));
    }
    println!(
        "  article: {} \"{}\", chars {}..{}",
        article.id, article.title, c.span.start, c.span.end
    );
    match &c.verdict {
        Some(v) => println!(
            "  verdict: {} by {} at {}{}",
            v.rating,
            v.checker,
            v.at,
            v.note
                .as_ref()
                .map(|n| format!("\n    {n}"))
                .unwrap_or_default()
        ),
        None => println!("  verdict: none yet"),
    }
    if !c.conflict.is_empty() {
        println!(
            "  NEEDS RECONCILIATION: the desks' verdicts disagree (a new verdict settles it):"
        );
        for v in &c.conflict {
            println!(
                "    {} by {} at {}{}",
                v.rating,
                v.checker,
                v.at,
                v.note
                    .as_ref()
                    .map(|n| format!(" — {n}"))
                    .unwrap_or_default()
            );
        }
    }
    if verdicts.len() > 1 {
        println!("  earlier verdicts:");
        for v in &verdicts[..verdicts.len() - 1] {
            println!("    {} by {} at {}", v.rating, v.checker, v.at);
        }
    }
    for e in &c.evidence {
        println!(
            "  evidence [{}] {} {}{}",
            e.stance,
            e.url,
            e.title.as_deref().unwrap_or(""),
            e.note
                .as_ref()
                .map(|n| format!(" — {n}"))
                .unwrap_or_default()
        );
    }
    for r in relations {
        let other = if r.a == c.id { &r.b } else { &r.a };
        let other_claim = store.claim(other)?;
        let verb = match (r.kind, r.a == c.id) {
            (factdesk_core::model::RelationKind::Corrects, true) => "corrected by",
            (factdesk_core::model::RelationKind::Corrects, false) => "corrects",
            (factdesk_core::model::RelationKind::Contradicts, _) => "contradicts",
        };
        println!(
            "  {verb} {}: \"{}\"{}",
            other,
            short(&other_claim.text, 60),
            r.note
                .as_ref()
                .map(|n| format!(" ({n})"))
                .unwrap_or_default()
        );
    }
    Ok(())
}

fn print_extraction(doc: &Document, x: &Extraction) {
    println!("{}\n", doc.title);
    for c in &x.claims {
        println!(
            "{:>4}  {:<10} {:.2}  chars {}..{}",
            c.id,
            c.kind.as_str(),
            c.checkworthiness,
            c.span.start,
            c.span.end
        );
        println!("      \"{}\"", c.text);
        let speaker = c.speaker().unwrap_or_else(|| "—".into());
        let role = c
            .role()
            .as_ref()
            .map(|r| format!(" ({r})"))
            .unwrap_or_default();
        let sources = if c.sources().is_empty() {
            String::new()
        } else {
            format!("   sources: {}", c.sources().join(", "))
        };
        println!("      speaker: {speaker}{role}{sources}\n");
    }
    for r in &x.relations {
        println!("{} {} {} ({})", r.b, r.kind, r.a, r.note);
    }
    for d in &x.diagnostics {
        match d.span {
            Some(s) => eprintln!("note: {} at chars {}..{}", d.message, s.start, s.end),
            None => eprintln!("note: {}", d.message),
        }
    }
}

/// A score between 0 and 1, for `similar --min-score`.
fn parse_score(s: &str) -> std::result::Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(x) if (0.0..=1.0).contains(&x) => Ok(x),
        _ => Err(format!(
            "{} is not a score between 0 and 1",
            factdesk_core::quoted(s)
        )),
    }
}
