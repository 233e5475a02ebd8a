//! Raw arguments, before clap sees them: `search`'s query words may start with `-`
//! (exclusions), so they are moved behind `--` where clap takes them as words.

use clap::{Arg, Command};
use std::ffi::OsString;

/// Reorders the arguments of a subcommand whose query words may start with `-` (`search`,
/// `export`) so that the words come last, after `--`: users type exclusions
/// (`ammunition -weapons`) that clap would otherwise take for options. What counts as an
/// option is read from the command's own definition, so the two never disagree.
pub fn query_words_last(args: Vec<OsString>, command: &Command) -> Vec<OsString> {
    let Some((at, subcommand)) = subcommand_position(&args).and_then(|at| {
        let name = args[at].to_str()?;
        let subcommand = command.find_subcommand(name)?;
        takes_hyphenated_words(subcommand).then_some((at, subcommand))
    }) else {
        return args;
    };
    let mut options: Vec<OsString> = args[..=at].to_vec();
    let mut words = Vec::new();
    let mut rest = args[at + 1..].iter();
    while let Some(arg) = rest.next() {
        let text = arg.to_string_lossy();
        let name = text.split('=').next().unwrap_or("");
        if text == "--" {
            words.extend(rest.by_ref().cloned());
        } else if matches!(name, "-h" | "--help") {
            options.push(arg.clone());
        } else if let Some(option) = long_option(subcommand, command, name) {
            options.push(arg.clone());
            if option.get_action().takes_values() && !text.contains('=') {
                options.extend(rest.next().cloned());
            }
        } else {
            words.push(arg.clone());
        }
    }
    if !words.is_empty() {
        options.push("--".into());
        options.extend(words);
    }
    options
}

/// Whether the subcommand has a positional argument that accepts words starting with `-`.
fn takes_hyphenated_words(subcommand: &Command) -> bool {
    subcommand
        .get_positionals()
        .any(|arg| arg.is_allow_hyphen_values_set())
}

/// The subcommand's (or a global) option named `--name`.
fn long_option<'a>(subcommand: &'a Command, command: &'a Command, name: &str) -> Option<&'a Arg> {
    let long = name.strip_prefix("--")?;
    subcommand
        .get_arguments()
        .chain(command.get_arguments())
        .find(|arg| arg.get_long() == Some(long))
}

/// Where the subcommand's name stands, past the global options.
fn subcommand_position(args: &[OsString]) -> Option<usize> {
    let mut at = 1;
    while let Some(arg) = args.get(at) {
        if arg == "--db" {
            at += 2;
        } else if arg.to_string_lossy().starts_with('-') {
            at += 1;
        } else {
            return Some(at);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::query_words_last;
    use crate::cli::Args;
    use clap::CommandFactory;
    use std::ffi::OsString;

    fn reorder(line: &str) -> String {
        let args: Vec<OsString> = line.split(' ').map(OsString::from).collect();
        let out: Vec<String> = query_words_last(args, &Args::command())
            .iter()
            .map(|a| a.to_string_lossy().into_owned())
            .collect();
        out.join(" ")
    }

    #[test]
    fn query_words_go_after_the_options() {
        assert_eq!(
            reorder("onrecord search ammo -guns --format csv"),
            "onrecord search --format csv -- ammo -guns"
        );
        assert_eq!(
            reorder("onrecord --db x.db search -x --limit=3"),
            "onrecord --db x.db search --limit=3 -- -x"
        );
        assert_eq!(reorder("onrecord add -"), "onrecord add -");
        assert_eq!(
            reorder("onrecord --db search speakers"),
            "onrecord --db search speakers"
        );
    }

    #[test]
    fn every_option_of_search_and_export_is_known() {
        assert_eq!(
            reorder(
                "onrecord search --sort date -x --lang en --kind post --since 7d --until 1d --site a --speaker b"
            ),
            "onrecord search --sort date --lang en --kind post --since 7d --until 1d --site a --speaker b -- -x"
        );
        assert_eq!(
            reorder("onrecord export -x --format csv"),
            "onrecord export --format csv -- -x"
        );
    }
}
