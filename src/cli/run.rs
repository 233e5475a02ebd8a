//! `onrecord run`: collection on a schedule until SIGINT or SIGTERM. Arguments to plain data,
//! the logger, the signal handlers and the single-instance lock; the loop itself is
//! `onrecord::collect::schedule`.

use super::sources::{Collection, prepare_collection};
use anyhow::{Context, Result};
use clap::{Args as ClapArgs, ValueEnum};
use onrecord::collect::schedule::{self, RunOptions};
use onrecord::collect::{Progress, SourceResult};
use onrecord::store::Source;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use tokio::sync::watch;

#[derive(Debug, ClapArgs)]
pub struct RunArgs {
    /// Requests in flight at once, all hosts together (and sources checked at once).
    #[arg(long)]
    concurrency: Option<usize>,
    /// The configuration file (intervals, fetch limits, sources); default
    /// ~/.config/onrecord/config.toml when it exists.
    #[arg(long, env = "ONRECORD_CONFIG", value_name = "PATH")]
    config: Option<PathBuf>,
    /// Log lines as text or as JSON objects (one per line), on standard error. The level is
    /// set by ONRECORD_LOG (error, warn, info, debug, trace; default info).
    #[arg(long, value_enum, default_value_t = LogFormat::Text)]
    log_format: LogFormat,
    /// Stop by itself, gracefully, after this long (90s, 15m, 2h, 1d); default: run until
    /// SIGINT or SIGTERM.
    #[arg(long, value_name = "DURATION")]
    stop_after: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

/// `onrecord run`.
pub fn run(db: &Path, args: RunArgs) -> Result<ExitCode> {
    init_logging(args.log_format);
    let stop_after = args
        .stop_after
        .as_deref()
        .map(|text| {
            schedule::parse_interval(text)
                .with_context(|| format!("--stop-after {text}: {}", schedule::INTERVAL_HELP))
        })
        .transpose()?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    let (stop, shutdown) = watch::channel(false);
    let signalled = {
        let _context = runtime.enter();
        signals()
    };
    runtime.spawn(async move {
        signalled.await;
        let _ = stop.send(true);
    });
    let Collection {
        settings,
        mut store,
        fetcher,
        lock: _lock,
    } = prepare_collection(db, args.config.as_deref(), args.concurrency)?;
    let options = RunOptions {
        stop_after,
        ..RunOptions::default()
    };
    tracing::info!(db = %db.display(), pid = std::process::id(), "onrecord run");
    let report = runtime.block_on(async {
        let progress = LogProgress {
            time_scale: settings.time_scale,
        };
        schedule::run(
            &mut store, &fetcher, &settings, &options, &progress, shutdown,
        )
        .await
    })?;
    runtime.shutdown_timeout(std::time::Duration::from_secs(1));
    drop(store);
    tracing::info!(checks = report.checks, "database closed; bye");
    Ok(ExitCode::SUCCESS)
}

/// Log lines on standard error, filtered by ONRECORD_LOG (default `info`).
fn init_logging(format: LogFormat) {
    let filter = tracing_subscriber::EnvFilter::try_from_env("ONRECORD_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none())
        .with_target(false);
    let installed = match format {
        LogFormat::Text => builder.try_init(),
        LogFormat::Json => builder.json().flatten_event(true).try_init(),
    };
    if let Err(err) = installed {
        eprintln!("onrecord: logging not set up: {err}");
    }
}

/// SIGINT (Ctrl-C) or SIGTERM. The handlers are installed at once (call it inside the
/// runtime's context), so that a signal arriving before the first poll is not lost.
#[cfg(unix)]
fn signals() -> impl Future<Output = ()> {
    use tokio::signal::unix::{SignalKind, signal};
    let interrupt = signal(SignalKind::interrupt());
    let terminate = signal(SignalKind::terminate());
    async move {
        match (interrupt, terminate) {
            (Ok(mut interrupt), Ok(mut terminate)) => {
                tokio::select! {
                    _ = interrupt.recv() => tracing::info!("SIGINT received"),
                    _ = terminate.recv() => tracing::info!("SIGTERM received"),
                }
            }
            (Err(err), _) | (_, Err(err)) => {
                tracing::warn!(error = %err, "cannot listen for signals; Ctrl-C only");
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
}

#[cfg(not(unix))]
fn signals() -> impl Future<Output = ()> {
    async {
        let _ = tokio::signal::ctrl_c().await;
        tracing::info!("Ctrl-C received");
    }
}

/// Progress as log lines: one per source checked, a warning per failure, an error for a
/// source failing for a week.
struct LogProgress {
    time_scale: u32,
}

impl Progress for LogProgress {
    fn start(&self, sources: usize) {
        if sources > 0 {
            tracing::debug!(sources, "checking due sources");
        }
    }

    fn item(&self) {}

    fn source_done(&self, source: &Source, result: &SourceResult) {
        let id = source.id;
        let kind = source.kind.as_str();
        let target = source.target.as_str();
        match result {
            SourceResult::Ok(items) => tracing::info!(
                source = id,
                kind,
                target,
                stored = items.stored,
                known = items.known,
                refused_by_robots = items.refused_by_robots,
                failed = items.failed,
                items = %items.describe(),
                "source checked"
            ),
            SourceResult::Skipped(why) => {
                tracing::warn!(source = id, kind, target, reason = %why, "source skipped")
            }
            SourceResult::Failed(error) => {
                let failures = source.error_count + 1;
                let week = schedule::failing_for_a_week(
                    source.failing_since.as_deref(),
                    jiff::Timestamp::now(),
                    self.time_scale,
                );
                if week {
                    tracing::error!(source = id, kind, target, failures, error = %error, since = source.failing_since.as_deref().unwrap_or(""), "source failing for a week or more; still retried daily: fix or remove it");
                } else {
                    tracing::warn!(source = id, kind, target, failures, error = %error, "source failed");
                }
            }
        }
    }
}
