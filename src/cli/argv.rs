//! Raw arguments, before clap sees them: `search`'s query words may start with `-`
//! (exclusions), so they are moved behind `--` where clap takes them as words.

use std::ffi::OsString;

/// The options of `search` and `export` that take a value.
const SEARCH_VALUE_OPTIONS: &[&str] = &[
    "--speaker",
    "--since",
    "--until",
    "--site",
    "--kind",
    "--limit",
    "--format",
    "--db",
];

/// Reorders `search`'s arguments so that its query words come last, after `--`: users
/// type exclusions (`ammunition -weapons`) that would otherwise be taken for options.
pub fn query_words_last(args: Vec<OsString>) -> Vec<OsString> {
    let Some(at) =
        subcommand_position(&args).filter(|&at| args[at] == "search" || args[at] == "export")
    else {
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
        } else if SEARCH_VALUE_OPTIONS.contains(&name) {
            options.push(arg.clone());
            if !text.contains('=') {
                options.extend(rest.next().cloned());
            }
        } else if matches!(text.as_ref(), "-h" | "--help") {
            options.push(arg.clone());
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
    use std::ffi::OsString;

    fn reorder(line: &str) -> String {
        let args: Vec<OsString> = line.split(' ').map(OsString::from).collect();
        let out: Vec<String> = query_words_last(args)
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
}
