//! The command line: arguments parsed to plain data, each command a call into the library,
//! output formatted by [`output`]. No extraction or SQL here.

mod argv;
mod dates;
mod output;
mod sources;

pub use argv::query_words_last;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use onrecord::collect::{Fetcher, Input, fetch::DEFAULT_BODY_LIMIT};
use onrecord::store::{OpenMode, SearchFilter, Sort, Store};
use onrecord::{Extraction, QuoteKind};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(
    name = "onrecord",
    version,
    about = "Who said what, where, and when: collect articles and posts, extract attributed quotes, search them.",
    after_help = "The database is ~/.local/share/onrecord/onrecord.db unless --db or ONRECORD_DB says otherwise."
)]
pub struct Args {
    /// The database file.
    #[arg(long, global = true, env = "ONRECORD_DB", value_name = "PATH")]
    db: Option<PathBuf>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Print the quotes and captions of an article (file, URL, or - for standard input); stores nothing.
    Extract {
        /// A plain-text or HTML file, an http(s) URL, or - for standard input.
        input: String,
        #[arg(long, value_enum, default_value_t = ExtractFormat::Text)]
        format: ExtractFormat,
    },
    /// Extract and store articles; adding one again updates it and never duplicates a quote.
    Add {
        /// Plain-text or HTML files, http(s) URLs, or - for standard input.
        #[arg(required = true)]
        inputs: Vec<String>,
    },
    /// Search stored quotes: words, "exact phrases", OR, -exclusions, prefix*.
    Search {
        #[command(flatten)]
        filters: Filters,
        /// At most this many hits.
        #[arg(long, default_value_t = 20)]
        limit: usize,
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Write every quote matching the filters, for analysis elsewhere.
    Export {
        #[command(flatten)]
        filters: Filters,
        #[arg(long, value_enum, default_value_t = ExportFormat::Jsonl)]
        format: ExportFormat,
    },
    /// Show every appearance of a quote (by the #number search prints), versions side by side.
    Show {
        /// The quote's number.
        id: i64,
        #[arg(long, value_enum, default_value_t = ExtractFormat::Text)]
        format: ExtractFormat,
    },
    /// List speakers with their number of quotes.
    Speakers {
        /// Only speakers whose name holds these words.
        query: Option<String>,
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Manage what `collect` reads: feeds, pages, sitemaps, Mastodon and Bluesky accounts.
    Sources {
        #[command(subcommand)]
        command: sources::SourcesCommand,
    },
    /// Check every due source once, store what is new, and sum up.
    Collect(sources::CollectArgs),
    /// Count documents, quotes, speakers and sources, and show the database's size.
    Stats {
        #[arg(long, value_enum, default_value_t = ExtractFormat::Text)]
        format: ExtractFormat,
    },
}

/// What to look for, shared by `search` and `export`.
#[derive(Debug, clap::Args)]
struct Filters {
    /// What to look for; leave it out to list the newest quotes matching the filters.
    #[arg(allow_hyphen_values = true)]
    query: Vec<String>,
    /// Only quotes by this speaker (any name or alias, case and accents ignored).
    #[arg(long)]
    speaker: Option<String>,
    /// Only quotes published on or after this date (2024-05-01, RFC 3339, or 7d, 2w, 3m, 1y ago).
    #[arg(long)]
    since: Option<String>,
    /// Only quotes published on or before this date.
    #[arg(long)]
    until: Option<String>,
    /// Only quotes from this site (its name or host).
    #[arg(long)]
    site: Option<String>,
    /// Only quotes of this kind.
    #[arg(long, value_enum)]
    kind: Option<KindArg>,
    /// Only documents in this language (en, de, fr, …).
    #[arg(long)]
    lang: Option<String>,
    #[arg(long, value_enum, default_value_t = SortArg::Relevance)]
    sort: SortArg,
}

impl Filters {
    /// The library's filter; refuses a search with nothing to look for.
    fn to_filter(&self, limit: Option<usize>, one_per_cluster: bool) -> Result<SearchFilter> {
        let query = self.query.join(" ");
        let filter = SearchFilter {
            query: (!query.trim().is_empty()).then_some(query),
            speaker: self.speaker.clone(),
            site: self.site.clone(),
            since: self.since.as_deref().map(dates::since).transpose()?,
            until: self.until.as_deref().map(dates::until).transpose()?,
            kind: self.kind.map(QuoteKind::from),
            language: self.lang.clone(),
            sort: match self.sort {
                SortArg::Relevance => Sort::Relevance,
                SortArg::Date => Sort::Date,
            },
            one_per_cluster,
            limit,
        };
        Ok(filter)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum SortArg {
    Relevance,
    Date,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Jsonl,
    Csv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExtractFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Table,
    Json,
    Jsonl,
    Csv,
    Md,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum KindArg {
    Direct,
    Partial,
    Post,
    Caption,
}

impl From<KindArg> for QuoteKind {
    fn from(kind: KindArg) -> QuoteKind {
        match kind {
            KindArg::Direct => QuoteKind::Direct,
            KindArg::Partial => QuoteKind::Partial,
            KindArg::Post => QuoteKind::Post,
            KindArg::Caption => QuoteKind::Caption,
        }
    }
}

/// Runs the parsed command.
pub fn run(args: Args) -> Result<ExitCode> {
    let db = args.db.clone();
    let db_path = move || -> Result<PathBuf> {
        db.clone()
            .or_else(onrecord::store::default_path)
            .context("cannot tell where the database lives: set --db or ONRECORD_DB")
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let code = match args.command {
        Command::Extract { input, format } => {
            let extraction = load_and_extract(&Input::parse(&input))?;
            output::extraction(&mut out, &extraction, format)?;
            ExitCode::SUCCESS
        }
        Command::Add { inputs } => add(&mut out, &db_path()?, &inputs)?,
        Command::Search {
            filters,
            limit,
            format,
        } => {
            let filter = filters.to_filter(Some(limit), true)?;
            let store = Store::open(&db_path()?, OpenMode::MustExist)?;
            let hits = store.search(&filter)?;
            let on_terminal =
                std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            let highlight = output::Highlight::new(filter.query.as_deref(), on_terminal);
            output::hits(&mut out, &hits, format, &highlight)?;
            if hits.is_empty() && format == ListFormat::Table {
                eprintln!("no quotes found");
            }
            ExitCode::SUCCESS
        }
        Command::Export { filters, format } => {
            let filter = filters.to_filter(None, false)?;
            let store = Store::open(&db_path()?, OpenMode::MustExist)?;
            output::export(&mut out, &store, &filter, format)?;
            ExitCode::SUCCESS
        }
        Command::Show { id, format } => {
            let store = Store::open(&db_path()?, OpenMode::MustExist)?;
            let appearances = store.appearances(id)?;
            if appearances.is_empty() {
                anyhow::bail!("show: there is no quote #{id}");
            }
            output::appearances(&mut out, &appearances, format)?;
            ExitCode::SUCCESS
        }
        Command::Speakers { query, format } => {
            let store = Store::open(&db_path()?, OpenMode::MustExist)?;
            output::speakers(&mut out, &store.speakers(query.as_deref())?, format)?;
            ExitCode::SUCCESS
        }
        Command::Sources { command } => sources::run(&mut out, &db_path()?, command)?,
        Command::Collect(collect_args) => sources::collect(&mut out, &db_path()?, collect_args)?,
        Command::Stats { format } => {
            let store = Store::open(&db_path()?, OpenMode::MustExist)?;
            output::stats(&mut out, store.path(), &store.stats()?, format)?;
            ExitCode::SUCCESS
        }
    };
    out.flush()?;
    Ok(code)
}

/// Extracts and stores each input; one failing input does not stop the others, and the
/// database is opened only once there is something to store.
fn add(out: &mut impl Write, db: &std::path::Path, inputs: &[String]) -> Result<ExitCode> {
    let mut store: Option<Store> = None;
    let mut failed = 0;
    for arg in inputs {
        let input = Input::parse(arg);
        let result = load_and_extract(&input).and_then(|extraction| {
            let store = match &mut store {
                Some(store) => store,
                None => store.insert(Store::open(db, OpenMode::Create)?),
            };
            let fetched_at = jiff::Timestamp::now().to_string();
            Ok(store.save(&extraction.document, &extraction.quotes, &fetched_at)?)
        });
        match result {
            Ok(outcome) => output::saved(out, &input.name(), outcome)?,
            Err(err) => {
                failed += 1;
                out.flush()?;
                eprintln!("onrecord: {err:#}");
            }
        }
    }
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Loads one input (reading a file, or fetching a URL) and runs it through the pipeline.
fn load_and_extract(input: &Input) -> Result<Extraction> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    let fetcher = Fetcher::new(DEFAULT_BODY_LIMIT)?;
    let loaded = runtime.block_on(input.load(&fetcher))?;
    Ok(onrecord::extract_loaded(&loaded)?)
}
