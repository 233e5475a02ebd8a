//! What a user names on the command line: a file, an `http(s)://` URL, or `-` for
//! standard input. Files are checked before they are read (missing, a directory, too
//! large), so that the error names the input and says what is wrong.

use super::fetch::Fetcher;
use crate::error::{Error, Result};
use crate::read::MAX_INPUT_BYTES;
use std::io::Read;
use std::path::{Path, PathBuf};

/// An input as named by the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Stdin,
    Url(String),
    File(PathBuf),
}

/// An input's bytes, with what is known about them.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// How to name the input in messages.
    pub name: String,
    /// The URL to record on the document: the fetched URL, or `file://` for a file.
    pub url: Option<String>,
    pub content_type: Option<String>,
    pub bytes: Vec<u8>,
}

impl Input {
    pub fn parse(arg: &str) -> Input {
        let lower = arg.to_ascii_lowercase();
        if arg == "-" {
            Input::Stdin
        } else if lower.starts_with("http://") || lower.starts_with("https://") {
            Input::Url(arg.to_string())
        } else {
            Input::File(PathBuf::from(arg))
        }
    }

    pub fn name(&self) -> String {
        match self {
            Input::Stdin => "standard input".to_string(),
            Input::Url(url) => url.clone(),
            Input::File(path) => path.display().to_string(),
        }
    }

    /// Reads or fetches the input.
    pub async fn load(&self, fetcher: &Fetcher) -> Result<Loaded> {
        match self {
            Input::Stdin => load_stdin(),
            Input::File(path) => load_file(path),
            Input::Url(url) => {
                let fetched = fetcher.get(url).await?;
                Ok(Loaded {
                    name: url.clone(),
                    url: Some(fetched.url),
                    content_type: fetched.content_type,
                    bytes: fetched.body,
                })
            }
        }
    }
}

fn load_file(path: &Path) -> Result<Loaded> {
    let name = path.display().to_string();
    let metadata = std::fs::metadata(path).map_err(|err| Error::input(&name, io_reason(&err)))?;
    if metadata.is_dir() {
        return Err(Error::input(&name, "is a directory, not a file"));
    }
    if metadata.len() > MAX_INPUT_BYTES {
        return Err(Error::input(&name, too_large(metadata.len())));
    }
    let bytes = std::fs::read(path).map_err(|err| Error::input(&name, io_reason(&err)))?;
    let url = std::fs::canonicalize(path)
        .ok()
        .map(|absolute| format!("file://{}", absolute.display()));
    Ok(Loaded {
        name,
        url,
        content_type: None,
        bytes,
    })
}

fn load_stdin() -> Result<Loaded> {
    let name = "standard input".to_string();
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|err| Error::input(&name, io_reason(&err)))?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(Error::input(&name, too_large(bytes.len() as u64)));
    }
    Ok(Loaded {
        name,
        url: None,
        content_type: None,
        bytes,
    })
}

fn too_large(bytes: u64) -> String {
    format!(
        "is too large ({:.1} MB; the limit is {} MB)",
        bytes as f64 / 1_048_576.0,
        MAX_INPUT_BYTES / 1_048_576
    )
}

fn io_reason(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => err.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_urls_files_and_stdin() {
        assert_eq!(Input::parse("-"), Input::Stdin);
        assert_eq!(
            Input::parse("HTTPS://example.org/a"),
            Input::Url("HTTPS://example.org/a".into())
        );
        assert_eq!(
            Input::parse("article.html"),
            Input::File("article.html".into())
        );
    }
}
