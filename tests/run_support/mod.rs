//! Helpers for the `onrecord run` tests: a sandbox with a database and a quick, time-scaled
//! configuration, the binary started in the background, and what the database holds (read
//! through a separate connection, as a reader would while `run` writes).

#![allow(dead_code)]

#[path = "../support/mod.rs"]
mod support;

use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

/// 30 minutes become 1.25 s; a day of back-off, 60 s; a week, 7 minutes.
pub const TIME_SCALE: u32 = 1440;

pub struct Sandbox {
    pub dir: tempfile::TempDir,
}

impl Sandbox {
    pub fn new() -> Sandbox {
        let sandbox = Sandbox {
            dir: tempfile::tempdir().expect("temporary folder"),
        };
        std::fs::write(
            sandbox.path("onrecord.toml"),
            format!(
                "[fetch]\ncontact = \"mailto:desk@newsroom.example\"\ntimeout_ms = 2000\nconnect_timeout_ms = 500\nhost_delay_ms = 0\nretry_base_ms = 20\nretries = 1\nmax_wait_ms = 1500\n\n[collect]\ntime_scale = {TIME_SCALE}\n"
            ),
        )
        .expect("writes the configuration");
        sandbox
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn db(&self) -> PathBuf {
        self.path("onrecord.db")
    }

    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = support::onrecord(&self.db(), self.dir.path(), args);
        command.env("ONRECORD_CONFIG", self.path("onrecord.toml"));
        command
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("the binary runs")
    }

    pub fn ok(&self, args: &[&str]) -> String {
        support::succeeded(self.run(args), args)
    }

    /// `onrecord run` in the background, its log in `run-N.log`.
    pub fn spawn_run(&self, extra: &[&str], log_name: &str) -> Child {
        let log = std::fs::File::create(self.path(log_name)).expect("a log file");
        let mut args = vec!["run"];
        args.extend_from_slice(extra);
        self.command(&args)
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .expect("run starts")
    }

    pub fn log(&self, log_name: &str) -> String {
        std::fs::read_to_string(self.path(log_name)).unwrap_or_default()
    }

    /// A read-only connection, as a reader beside `run` has.
    pub fn reader(&self) -> Connection {
        let connection = Connection::open_with_flags(self.db(), OpenFlags::SQLITE_OPEN_READ_ONLY)
            .expect("opens the database");
        connection
            .busy_timeout(Duration::from_secs(5))
            .expect("busy timeout");
        connection
    }

    /// Rolling-feed documents stored so far (0 before the database exists).
    pub fn rolling_documents(&self) -> i64 {
        if !self.db().exists() {
            return 0;
        }
        self.reader()
            .query_row(
                "SELECT count(*) FROM documents WHERE url LIKE '%/rolling/%'",
                [],
                |row| row.get(0),
            )
            .unwrap_or(0)
    }

    /// Quotes in rolling-feed documents (each item's page holds exactly one).
    pub fn rolling_quotes(&self) -> i64 {
        self.reader()
            .query_row(
                "SELECT count(*) FROM quotes q JOIN documents d ON d.id = q.document_id
                 WHERE d.url LIKE '%/rolling/%'",
                [],
                |row| row.get(0),
            )
            .unwrap_or(0)
    }

    /// Waits until `done` holds or `limit` passes; whether it held.
    pub fn wait_for(&self, limit: Duration, done: impl Fn(&Sandbox) -> bool) -> bool {
        let started = Instant::now();
        while started.elapsed() < limit {
            if done(self) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        done(self)
    }

    /// Everything that must hold after any run, killed or not: the database is intact and
    /// nothing is stored twice. Returns the rows found wrong, by check.
    pub fn problems(&self) -> Vec<String> {
        let connection = self.reader();
        let mut problems = Vec::new();
        let integrity: String = connection
            .query_row("PRAGMA integrity_check", [], |row| row.get(0))
            .expect("integrity check runs");
        if integrity != "ok" {
            problems.push(format!("integrity_check: {integrity}"));
        }
        let duplicates = [
            (
                "documents stored twice",
                "SELECT count(*) FROM (SELECT url FROM documents WHERE url IS NOT NULL GROUP BY url HAVING count(*) > 1)",
            ),
            (
                "quotes stored twice",
                "SELECT count(*) FROM (SELECT document_id, start_offset, end_offset, kind FROM quotes GROUP BY 1, 2, 3, 4 HAVING count(*) > 1)",
            ),
            (
                "item URLs without their document",
                "SELECT count(*) FROM document_urls u LEFT JOIN documents d ON d.id = u.document_id WHERE d.id IS NULL",
            ),
            (
                "items pointing nowhere",
                "SELECT count(*) FROM items i LEFT JOIN documents d ON d.id = i.document_id WHERE i.document_id IS NOT NULL AND d.id IS NULL",
            ),
        ];
        for (what, sql) in duplicates {
            let count: i64 = connection
                .query_row(sql, [], |row| row.get(0))
                .expect("check runs");
            if count > 0 {
                problems.push(format!("{what}: {count}"));
            }
        }
        problems
    }

    /// The rolling items of feed `name` that are missing or stored more than once, among
    /// the first `published`.
    pub fn missing_or_doubled(&self, name: &str, published: usize) -> Vec<String> {
        let connection = self.reader();
        let mut statement = connection
            .prepare(
                "SELECT count(DISTINCT d.id) FROM documents d
                 WHERE d.url LIKE '%/rolling/' || ?1 || '/%/item/' || ?2 || '.html'",
            )
            .expect("prepares");
        (0..published)
            .filter_map(|n| {
                let count: i64 = statement
                    .query_row(rusqlite::params![name, n.to_string()], |row| row.get(0))
                    .expect("counts");
                (count != 1).then(|| format!("{name} item {n}: stored {count} times"))
            })
            .collect()
    }
}

/// Sends SIGTERM (or another signal) to a child.
pub fn signal(child: &Child, signal: i32) {
    let pid = libc::pid_t::try_from(child.id()).expect("a pid");
    // SAFETY: kill(2) on the pid of a child this test started and has not yet waited for.
    let sent = unsafe { libc::kill(pid, signal) };
    assert_eq!(sent, 0, "signal {signal} not sent");
}

/// Waits for a child to exit, at most `limit`; its exit status, or `None` (then it is
/// killed).
pub fn wait_at_most(child: &mut Child, limit: Duration) -> Option<std::process::ExitStatus> {
    let started = Instant::now();
    while started.elapsed() < limit {
        if let Ok(Some(status)) = child.try_wait() {
            return Some(status);
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
    None
}

/// `VmRSS` and `VmHWM` (peak) of a process, in KiB, from /proc (Linux only).
pub fn rss_kib(pid: u32) -> Option<(u64, u64)> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let field = |name: &str| {
        status
            .lines()
            .find_map(|line| line.strip_prefix(name))
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|n| n.parse::<u64>().ok())
    };
    Some((field("VmRSS:")?, field("VmHWM:")?))
}

pub fn text(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 path")
}
