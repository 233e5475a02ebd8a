//! `onrecord sources …` and `onrecord collect`: managing what is collected, and collecting it.
//! Arguments to plain data, calls into `onrecord::collect` and the store, and the output.

use anyhow::{Context, Result, bail};
use clap::{Args as ClapArgs, Subcommand, ValueEnum};
use onrecord::collect::config::{CollectConfig, Config};
use onrecord::collect::fetch::FetchConfig;
use onrecord::collect::opml::{export_opml, parse_opml};
use onrecord::collect::schedule::{self, InstanceLock};
use onrecord::collect::target::{check_new_source, check_service};
use onrecord::collect::{Fetcher, Progress, SourceResult, Summary};
use onrecord::store::{NewSource, OpenMode, Source, SourceKind, Store};
use std::cell::Cell;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, Subcommand)]
pub enum SourcesCommand {
    /// Add a source: feed URL, page URL, sitemap URL, mastodon @user@instance, #tag@instance or a profile URL, bluesky HANDLE.
    Add {
        #[arg(value_enum)]
        kind: KindArg,
        target: String,
        /// A name to show for it.
        #[arg(long)]
        label: Option<String>,
        /// Allow requests to private, loopback and link-local addresses for this source.
        #[arg(long)]
        allow_private: bool,
        /// This source's own interval between checks (90s, 15m, 2h, 1d); default: the
        /// configured interval_minutes (30).
        #[arg(long, value_name = "DURATION")]
        interval: Option<String>,
        /// A bluesky source: the AppView to read it through, if not the configured
        /// bluesky_api.
        #[arg(long, value_name = "URL")]
        service: Option<String>,
    },
    /// Set a source's own interval between checks (90s, 15m, 2h, 1d), or `default`.
    SetInterval {
        id: i64,
        #[arg(value_name = "DURATION")]
        interval: String,
    },
    /// List sources with their state: documents and quotes collected, last success, next
    /// check, last error, why one is disabled, and a flag on those failing for a week.
    List {
        #[arg(long, value_enum, default_value_t = SourcesFormat::Table)]
        format: SourcesFormat,
    },
    /// Remove sources by id; their documents stay.
    Remove {
        #[arg(required = true)]
        ids: Vec<i64>,
    },
    /// Collect disabled sources again (a Bluesky account that lifted its label, say) and make them due now.
    Enable {
        #[arg(required = true)]
        ids: Vec<i64>,
    },
    /// Add the sources listed in a TOML file (`[[source]]` tables with kind, target, label, allow_private).
    Import { file: PathBuf },
    /// Add the feeds of an OPML subscription list.
    ImportOpml { file: PathBuf },
    /// Write the feed sources as OPML (to standard output unless --output is given).
    ExportOpml {
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    Feed,
    Page,
    Sitemap,
    Mastodon,
    Bluesky,
}

impl From<KindArg> for SourceKind {
    fn from(kind: KindArg) -> SourceKind {
        match kind {
            KindArg::Feed => SourceKind::Feed,
            KindArg::Page => SourceKind::Page,
            KindArg::Sitemap => SourceKind::Sitemap,
            KindArg::Mastodon => SourceKind::Mastodon,
            KindArg::Bluesky => SourceKind::Bluesky,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SourcesFormat {
    Table,
    Json,
}

#[derive(Debug, ClapArgs)]
pub struct CollectArgs {
    /// Only these sources (by id), due or not.
    #[arg(long = "source", value_name = "ID")]
    sources: Vec<i64>,
    /// Requests in flight at once, all hosts together (and sources checked at once); the
    /// per-host limit still applies.
    #[arg(long)]
    concurrency: Option<usize>,
    /// The configuration file (fetch limits, contact URL, sources); default
    /// ~/.config/onrecord/config.toml when it exists.
    #[arg(long, env = "ONRECORD_CONFIG", value_name = "PATH")]
    config: Option<PathBuf>,
}

pub fn run(out: &mut impl Write, db: &Path, command: SourcesCommand) -> Result<ExitCode> {
    match command {
        SourcesCommand::Add {
            kind,
            target,
            label,
            allow_private,
            interval,
            service,
        } => {
            let source = check_new_source(&NewSource {
                kind: SourceKind::from(kind),
                target,
                label,
                allow_private,
            })?;
            let seconds = interval.as_deref().map(interval_seconds).transpose()?;
            let service = service
                .map(|url| check_service(source.kind, &url, source.allow_private))
                .transpose()?;
            let mut store = Store::open(db, OpenMode::Create)?;
            let ids = report_added(out, &mut store, &[source])?;
            if let (Some(seconds), Some(&id)) = (seconds, ids.first()) {
                store.set_source_interval(id, Some(seconds))?;
            }
            if let (Some(service), Some(&id)) = (service, ids.first()) {
                store.set_source_service(id, Some(&service))?;
            }
        }
        SourcesCommand::SetInterval { id, interval } => {
            let seconds = if interval.trim().eq_ignore_ascii_case("default") {
                None
            } else {
                Some(interval_seconds(&interval)?)
            };
            let mut store = Store::open(db, OpenMode::MustExist)?;
            if !store.set_source_interval(id, seconds)? {
                bail!("no source {id}");
            }
            let shown = seconds.map_or("the default".to_string(), format_seconds);
            writeln!(out, "source {id}: checked every {shown}")?;
        }
        SourcesCommand::List { format } => {
            let store = Store::open(db, OpenMode::Create)?;
            let mut sources = store.sources()?;
            schedule::flag_long_failures(&mut sources, jiff::Timestamp::now(), 1);
            list(out, &sources, format)?;
        }
        SourcesCommand::Remove { ids } => {
            let mut store = Store::open(db, OpenMode::MustExist)?;
            let mut missing = 0;
            for id in ids {
                if store.remove_source(id)? {
                    writeln!(out, "removed source {id}")?;
                } else {
                    missing += 1;
                    eprintln!("onrecord: no source {id}");
                }
            }
            if missing > 0 {
                return Ok(ExitCode::FAILURE);
            }
        }
        SourcesCommand::Enable { ids } => {
            let mut store = Store::open(db, OpenMode::MustExist)?;
            for id in ids {
                if store.source(id)?.is_none() {
                    bail!("no source {id}");
                }
                store.set_source_disabled(id, None)?;
                store.make_due(id)?;
                writeln!(out, "enabled source {id}")?;
            }
        }
        SourcesCommand::Import { file } => {
            let config = Config::load(&file)?;
            let sources = to_new_sources(&config)?;
            let mut store = Store::open(db, OpenMode::Create)?;
            let ids = report_added(out, &mut store, &sources)?;
            set_config_settings(&mut store, &config, &ids)?;
        }
        SourcesCommand::ImportOpml { file } => {
            let text = std::fs::read_to_string(&file)
                .with_context(|| format!("cannot read {}", file.display()))?;
            let sources = parse_opml(&text)
                .iter()
                .map(check_new_source)
                .collect::<onrecord::Result<Vec<_>>>()?;
            if sources.is_empty() {
                bail!(
                    "{}: no feeds (outline elements with xmlUrl) in it",
                    file.display()
                );
            }
            let mut store = Store::open(db, OpenMode::Create)?;
            report_added(out, &mut store, &sources)?;
        }
        SourcesCommand::ExportOpml { output } => {
            let store = Store::open(db, OpenMode::Create)?;
            let opml = export_opml(&store.sources()?);
            match output {
                Some(path) => std::fs::write(&path, opml)
                    .with_context(|| format!("cannot write {}", path.display()))?,
                None => out.write_all(opml.as_bytes())?,
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The file's sources, each target checked.
fn to_new_sources(config: &Config) -> Result<Vec<NewSource>> {
    config
        .sources
        .iter()
        .map(|entry| Ok(check_new_source(&entry.to_new_source()?)?))
        .collect()
}

/// Adds the sources and says so; returns their ids, in order.
fn report_added(
    out: &mut impl Write,
    store: &mut Store,
    sources: &[NewSource],
) -> Result<Vec<i64>> {
    let now = jiff::Timestamp::now().to_string();
    let mut ids = Vec::with_capacity(sources.len());
    for source in sources {
        let (id, new) = store.add_source(source, &now)?;
        let verb = if new { "added" } else { "known" };
        writeln!(
            out,
            "{verb} source {id}: {} {}",
            source.kind.as_str(),
            source.target
        )?;
        ids.push(id);
    }
    Ok(ids)
}

/// The configuration file's sources added (or found), their own intervals and services set.
pub fn apply_config_sources(store: &mut Store, config: &Config) -> Result<()> {
    let sources = to_new_sources(config)?;
    let now = jiff::Timestamp::now().to_string();
    let mut ids = Vec::with_capacity(sources.len());
    for source in &sources {
        ids.push(store.add_source(source, &now)?.0);
    }
    set_config_settings(store, config, &ids)
}

/// Sets the `interval` and `service` of each `[[source]]` that has them (`ids` in the
/// file's order).
fn set_config_settings(store: &mut Store, config: &Config, ids: &[i64]) -> Result<()> {
    for (entry, &id) in config.sources.iter().zip(ids) {
        if let Some(seconds) = entry.interval_seconds()? {
            store.set_source_interval(id, Some(seconds))?;
        }
        if let Some(service) = entry.service()? {
            store.set_source_service(id, Some(&service))?;
        }
    }
    Ok(())
}

/// An interval from the command line, in seconds.
fn interval_seconds(text: &str) -> Result<i64> {
    let wait = schedule::parse_interval(text)
        .with_context(|| format!("{text}: {}", schedule::INTERVAL_HELP))?;
    Ok(i64::try_from(wait.as_secs()).unwrap_or(i64::MAX))
}

fn format_seconds(seconds: i64) -> String {
    schedule::format_interval(std::time::Duration::from_secs(
        u64::try_from(seconds).unwrap_or(0),
    ))
}

fn list(out: &mut impl Write, sources: &[Source], format: SourcesFormat) -> Result<()> {
    if format == SourcesFormat::Json {
        serde_json::to_writer_pretty(&mut *out, sources)?;
        writeln!(out)?;
        return Ok(());
    }
    if sources.is_empty() {
        eprintln!("no sources yet: `onrecord sources add feed URL`");
        return Ok(());
    }
    writeln!(
        out,
        "{:>4}  {:<8}  {:>5}  {:>6}  {:<16}  {:<16}  {:>5}  target",
        "id", "kind", "docs", "quotes", "last success", "next check", "every"
    )?;
    for source in sources {
        writeln!(
            out,
            "{:>4}  {:<8}  {:>5}  {:>6}  {:<16}  {:<16}  {:>5}  {}{}",
            source.id,
            source.kind.as_str(),
            source.documents,
            source.quotes,
            short_time(source.last_success_at.as_deref(), "never"),
            next_check(source),
            source
                .interval_seconds
                .map_or("-".to_string(), format_seconds),
            source.target,
            source
                .label
                .as_deref()
                .map(|l| format!(" ({l})"))
                .unwrap_or_default()
        )?;
        write_source_trouble(out, source)?;
    }
    Ok(())
}

/// The lines under a source that is disabled, failing, or failing for a week.
fn write_source_trouble(out: &mut impl Write, source: &Source) -> Result<()> {
    if let Some(reason) = &source.disabled_reason {
        writeln!(out, "      disabled: {reason}")?;
        return Ok(());
    }
    if source.failing_for_a_week {
        writeln!(
            out,
            "      FAILING FOR A WEEK (since {}): still retried daily; fix or remove it",
            short_time(source.failing_since.as_deref(), "?")
        )?;
    }
    if let Some(error) = &source.last_error {
        writeln!(
            out,
            "      error ({} in a row): {error}",
            source.error_count
        )?;
    }
    Ok(())
}

/// "2026-05-04 07:15" (UTC), or `missing`.
fn short_time(stamp: Option<&str>, missing: &str) -> String {
    match stamp {
        Some(stamp) => stamp.get(..16).unwrap_or(stamp).replacen('T', " ", 1),
        None => missing.to_string(),
    }
}

fn next_check(source: &Source) -> String {
    if source.disabled_reason.is_some() {
        return "never".to_string();
    }
    match source.kind {
        SourceKind::File => "-".to_string(),
        _ => short_time(source.next_check_at.as_deref(), "now"),
    }
}

/// `onrecord collect`.
pub fn collect(out: &mut impl Write, db: &Path, args: CollectArgs) -> Result<ExitCode> {
    let Collection {
        settings,
        mut store,
        fetcher,
        lock: _lock,
    } = prepare_collection(db, args.config.as_deref(), args.concurrency)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    let progress = Lines::new();
    let summary = runtime.block_on(onrecord::collect::collect(
        &mut store,
        &fetcher,
        &settings,
        &args.sources,
        &progress,
    ))?;
    progress.finish();
    write_summary(out, &summary)?;
    Ok(
        if summary.sources_failed == 0 && summary.waiting.is_empty() {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        },
    )
}

/// What `collect` and `run` start with. The store is declared before the lock, so that it
/// is closed first.
pub struct Collection {
    pub settings: CollectConfig,
    pub store: Store,
    pub fetcher: Fetcher,
    pub lock: InstanceLock,
}

/// Reads the configuration, locks the database against a second collector, opens it with
/// the configuration's sources added, and makes the fetcher.
pub fn prepare_collection(
    db: &Path,
    config: Option<&Path>,
    concurrency: Option<usize>,
) -> Result<Collection> {
    let config = load_config(config)?;
    let (settings, fetch) = quick_settings(&config, concurrency);
    let lock = InstanceLock::acquire(db)?;
    let mut store = Store::open(db, OpenMode::Create)?;
    apply_config_sources(&mut store, &config)?;
    Ok(Collection {
        settings,
        store,
        fetcher: Fetcher::with_config(fetch)?,
        lock,
    })
}

/// The collection and fetch settings, with `--concurrency` applied.
pub fn quick_settings(config: &Config, concurrency: Option<usize>) -> (CollectConfig, FetchConfig) {
    let mut settings = config.collect.clone();
    let mut fetch = config.fetch.clone();
    if let Some(concurrency) = concurrency {
        settings.concurrency = concurrency.max(1);
        fetch.global_concurrency = concurrency.max(1);
    }
    (settings, fetch)
}

/// The named file, else the default one if it exists, else the defaults.
pub fn load_config(path: Option<&Path>) -> Result<Config> {
    if let Some(path) = path {
        return Ok(Config::load(path)?);
    }
    let default = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".config")))
        .map(|dir| dir.join("onrecord").join("config.toml"));
    match default {
        Some(path) if path.is_file() => Ok(Config::load(&path)?),
        _ => Ok(Config::default()),
    }
}

fn write_summary(out: &mut impl Write, summary: &Summary) -> Result<()> {
    let skipped = if summary.sources_skipped > 0 {
        format!(", {} skipped", summary.sources_skipped)
    } else {
        String::new()
    };
    let updated = if summary.updated_documents > 0 {
        format!(" ({} updated)", summary.updated_documents)
    } else {
        String::new()
    };
    writeln!(
        out,
        "sources: {} ok, {} failed{skipped}; new documents: {}{updated}; new quotes: {}; time: {:.1} s",
        summary.sources_ok,
        summary.sources_failed,
        summary.new_documents,
        summary.new_quotes,
        summary.elapsed.as_secs_f64()
    )?;
    if let Some(first) = summary.waiting.first() {
        let sources = match summary.waiting.len() {
            1 => "1 source waiting to retry at".to_string(),
            n => format!("{n} sources waiting to retry, the first at"),
        };
        writeln!(
            out,
            "{sources} {} (last error: {})",
            local_time(&first.retry_at),
            first.last_error.as_deref().unwrap_or("unknown")
        )?;
    }
    if summary.network_unreachable() {
        writeln!(
            out,
            "no host name could be looked up: the network looks unreachable"
        )?;
    }
    Ok(())
}

/// A stored time as the reader's clock shows it: "03:18 CET" today, else with its date.
fn local_time(stamp: &str) -> String {
    let Ok(at) = stamp.parse::<jiff::Timestamp>() else {
        return stamp.to_string();
    };
    let zone = jiff::tz::TimeZone::system();
    let at = at.to_zoned_datetime(zone.clone());
    let today = jiff::Timestamp::now().to_zoned_datetime(zone).date();
    let format = if at.date() == today {
        "%H:%M %Z"
    } else {
        "%Y-%m-%d %H:%M %Z"
    };
    at.strftime(format).to_string()
}

/// A one-line progress bar on a terminal; a line per source otherwise (on standard error).
struct Lines {
    terminal: bool,
    total: Cell<usize>,
    done: Cell<usize>,
    items: Cell<usize>,
}

impl Lines {
    fn new() -> Lines {
        Lines {
            terminal: std::io::stderr().is_terminal(),
            total: Cell::new(0),
            done: Cell::new(0),
            items: Cell::new(0),
        }
    }

    fn draw(&self) {
        let total = self.total.get().max(1);
        let done = self.done.get();
        let width = 30;
        let filled = done * width / total;
        eprint!(
            "\r[{}{}] {done}/{total} sources, {} items",
            "#".repeat(filled),
            " ".repeat(width - filled),
            self.items.get()
        );
    }

    fn finish(&self) {
        if self.terminal && self.total.get() > 0 {
            eprintln!();
        }
    }
}

impl Progress for Lines {
    fn start(&self, sources: usize) {
        self.total.set(sources);
        if self.terminal {
            self.draw();
        }
    }

    fn item(&self) {
        self.items.set(self.items.get() + 1);
        if self.terminal {
            self.draw();
        }
    }

    fn source_done(&self, source: &Source, result: &SourceResult) {
        self.done.set(self.done.get() + 1);
        let (status, detail) = match result {
            SourceResult::Ok(items) => {
                ("ok", Some(items.describe()).filter(|_| items.has_trouble()))
            }
            SourceResult::Failed(failure) => ("failed", Some(failure.message.clone())),
            SourceResult::Skipped(why) => ("skipped", Some(why.clone())),
        };
        if self.terminal && detail.is_none() {
            self.draw();
            return;
        }
        let line = format!(
            "{status:<7} source {} {} {}{}",
            source.id,
            source.kind.as_str(),
            source.target,
            detail.map(|d| format!(": {d}")).unwrap_or_default()
        );
        if self.terminal {
            eprint!("\r\x1b[2K{line}\n");
            self.draw();
        } else {
            eprintln!("{line}");
        }
    }
}
