//! What every test that runs the `onrecord` binary shares: the command against a database
//! in a temporary folder, with no database or configuration from the machine it runs on,
//! and the check that it succeeded.

#![allow(dead_code)]

pub mod articles;

use std::path::Path;
use std::process::{Command, Output, Stdio};

/// `onrecord --db <db> ARGS…`, with `folder` standing in for the user's configuration home.
pub fn onrecord(db: &Path, folder: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_onrecord"));
    command
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("ONRECORD_DB")
        .env_remove("ONRECORD_CONFIG")
        .env("XDG_CONFIG_HOME", folder.join("no-config"))
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .stdin(Stdio::null());
    command
}

/// The standard output of a run that must have succeeded.
pub fn succeeded(output: Output, args: &[&str]) -> String {
    assert!(
        output.status.success(),
        "onrecord {args:?} failed: {}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8 output")
}
