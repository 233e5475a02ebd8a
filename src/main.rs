//! The `onrecord` command: parses arguments, runs the command, reports errors.
//! Everything else lives in the library and in `cli/`.

mod cli;

use clap::{CommandFactory, Parser};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = cli::Args::parse_from(cli::query_words_last(
        std::env::args_os().collect(),
        &cli::Args::command(),
    ));
    match cli::run(args) {
        Ok(code) => code,
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("onrecord: {err:#}");
            ExitCode::FAILURE
        }
    }
}

/// A reader that closed the pipe (`onrecord search x | head`) is not an error.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
