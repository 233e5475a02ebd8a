//! What a source's target may be, per kind, checked when the source is added.
//!
//! `sources`: feeds, pages and sitemaps are http(s) URLs; Mastodon targets are `@user@instance`
//! or `#tag@instance`, or the profile or tag page a browser shows (`https://instance/@user`,
//! `https://instance/tags/tag`), stored as the former; Bluesky targets are handles
//! (`name.bsky.social`, `@` optional) or DIDs, and may name another AppView to read them
//! through (`--service URL`).
//! A target on a private, loopback or link-local address is refused here already, with the
//! message collection would give, unless the source allows private addresses.

use super::guard::refuse_literal;
use crate::error::{Error, Result};
use crate::store::{NewSource, SourceKind};
use url::Url;

/// A Mastodon target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MastodonTarget {
    Account { user: String, instance: String },
    Tag { tag: String, instance: String },
}

impl MastodonTarget {
    /// `@user@instance`, `#tag@instance`, or a profile or tag page's URL.
    pub fn parse(text: &str) -> Option<MastodonTarget> {
        let text = text.trim();
        if text.starts_with("https://") || text.starts_with("http://") {
            return MastodonTarget::from_page(text);
        }
        if let Some(rest) = text.strip_prefix('#') {
            let (tag, instance) = rest.split_once('@')?;
            let tag_ok = !tag.is_empty() && tag.chars().all(|c| c.is_alphanumeric() || c == '_');
            return (tag_ok && is_host(instance)).then(|| MastodonTarget::Tag {
                tag: tag.to_string(),
                instance: instance.to_ascii_lowercase(),
            });
        }
        let rest = text.strip_prefix('@').unwrap_or(text);
        let (user, instance) = rest.split_once('@')?;
        let user_ok = !user.is_empty()
            && user
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.' || c == '-');
        (user_ok && is_host(instance)).then(|| MastodonTarget::Account {
            user: user.to_string(),
            instance: instance.to_ascii_lowercase(),
        })
    }
}

impl MastodonTarget {
    /// A profile page (`https://instance/@user`, a remote one `https://instance/@user@home`,
    /// ActivityPub's `https://instance/users/user`) or a tag page (`https://instance/tags/tag`).
    fn from_page(url: &str) -> Option<MastodonTarget> {
        let url = Url::parse(url).ok()?;
        let instance = match url.port() {
            Some(port) => format!("{}:{port}", url.host_str()?),
            None => url.host_str()?.to_string(),
        };
        let segments: Vec<&str> = url.path_segments()?.filter(|s| !s.is_empty()).collect();
        let target = match segments.as_slice() {
            [account] if account.starts_with('@') => {
                let account = account.trim_start_matches('@');
                if account.contains('@') {
                    format!("@{account}")
                } else {
                    format!("@{account}@{instance}")
                }
            }
            ["users", user] => format!("@{user}@{instance}"),
            ["tags", tag] => format!("#{tag}@{instance}"),
            _ => return None,
        };
        MastodonTarget::parse(&target)
    }

    /// The target as stored: `@user@instance` or `#tag@instance`.
    pub fn canonical(&self) -> String {
        match self {
            MastodonTarget::Account { user, instance } => format!("@{user}@{instance}"),
            MastodonTarget::Tag { tag, instance } => format!("#{tag}@{instance}"),
        }
    }
}

/// A host name, optionally with a port (for instances in tests and on odd ports).
fn is_host(text: &str) -> bool {
    Url::parse(&format!("https://{text}/"))
        .ok()
        .and_then(|url| url.host_str().map(|h| !h.is_empty()))
        .unwrap_or(false)
        && !text.contains('/')
}

/// A Bluesky actor: a DID, or a handle without its `@`.
pub fn bluesky_actor(text: &str) -> Option<String> {
    let text = text.trim().trim_start_matches('@');
    if text.starts_with("did:") && text.len() > 8 && !text.contains(char::is_whitespace) {
        return Some(text.to_string());
    }
    let handle_ok = text.contains('.')
        && text.split('.').all(|label| {
            !label.is_empty() && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        });
    handle_ok.then(|| text.to_ascii_lowercase())
}

/// The source as stored (its target checked and written the one way), or an error naming
/// the target: not one for this kind, or on a private address without `allow_private`.
pub fn check_new_source(source: &NewSource) -> Result<NewSource> {
    let refused = |reason: String| Error::input(source.target.trim(), reason);
    let target = check_target(source.kind, &source.target).map_err(refused)?;
    if !source.allow_private
        && let Some(reason) = private_target(source.kind, &target)
    {
        return Err(refused(reason));
    }
    Ok(NewSource {
        target,
        ..source.clone()
    })
}

/// Why a target names a private address, if it does (only literals and local names: a
/// host name is looked up, and refused if private, when it is fetched).
fn private_target(kind: SourceKind, target: &str) -> Option<String> {
    let url = match kind {
        SourceKind::Feed | SourceKind::Page | SourceKind::Sitemap => Url::parse(target).ok()?,
        SourceKind::Mastodon => match MastodonTarget::parse(target)? {
            MastodonTarget::Account { instance, .. } | MastodonTarget::Tag { instance, .. } => {
                Url::parse(&format!("https://{instance}/")).ok()?
            }
        },
        SourceKind::Bluesky | SourceKind::File => return None,
    };
    refuse_literal(&url)
}

/// The service a source is to be read through (`--service`), as stored, or an error naming
/// it: only a Bluesky source takes one (an AppView), an http(s) URL, public unless the
/// source allows private addresses.
pub fn check_service(kind: SourceKind, service: &str, allow_private: bool) -> Result<String> {
    let refused = |reason: &str| Error::input(service.trim(), reason);
    if kind != SourceKind::Bluesky {
        return Err(refused(
            "only a bluesky source is read through a service of its choice",
        ));
    }
    let url = match Url::parse(service.trim()) {
        Ok(url) if matches!(url.scheme(), "http" | "https") && url.host().is_some() => url,
        _ => return Err(refused("a service is an http(s) URL")),
    };
    if !allow_private && let Some(reason) = refuse_literal(&url) {
        return Err(refused(&reason));
    }
    Ok(url.as_str().trim_end_matches('/').to_string())
}

/// The target as stored, or why it is not one for this kind.
pub fn check_target(kind: SourceKind, target: &str) -> std::result::Result<String, String> {
    let target = target.trim();
    match kind {
        SourceKind::Feed | SourceKind::Page | SourceKind::Sitemap => match Url::parse(target) {
            Ok(url) if matches!(url.scheme(), "http" | "https") && url.host().is_some() => {
                Ok(url.to_string())
            }
            _ => Err(format!("a {} source is an http(s) URL", kind.as_str())),
        },
        SourceKind::Mastodon => MastodonTarget::parse(target)
            .map(|parsed| parsed.canonical())
            .ok_or_else(|| {
                "a mastodon source is @user@instance, #tag@instance, or the URL of a profile or tag page"
                    .to_string()
            }),
        SourceKind::Bluesky => bluesky_actor(target)
            .ok_or_else(|| "a bluesky source is a handle (name.bsky.social) or a DID".to_string()),
        SourceKind::File => Err("files are added with `onrecord add`".to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mastodon_accounts_and_tags() {
        assert_eq!(
            MastodonTarget::parse("@editor@social.example"),
            Some(MastodonTarget::Account {
                user: "editor".into(),
                instance: "social.example".into()
            })
        );
        assert_eq!(
            MastodonTarget::parse("#harbour@Social.Example:8443"),
            Some(MastodonTarget::Tag {
                tag: "harbour".into(),
                instance: "social.example:8443".into()
            })
        );
        assert_eq!(
            check_target(SourceKind::Mastodon, "https://social.example/@editor").as_deref(),
            Ok("@editor@social.example")
        );
        assert_eq!(
            check_target(
                SourceKind::Mastodon,
                "https://social.example/@cy@coast.example/"
            )
            .as_deref(),
            Ok("@cy@coast.example")
        );
        assert_eq!(
            check_target(SourceKind::Mastodon, "http://127.0.0.1:8080/users/editor").as_deref(),
            Ok("@editor@127.0.0.1:8080")
        );
        assert_eq!(
            check_target(SourceKind::Mastodon, "https://social.example/tags/harbour").as_deref(),
            Ok("#harbour@social.example")
        );
        assert!(check_target(SourceKind::Mastodon, "https://social.example/about").is_err());
        assert_eq!(MastodonTarget::parse("editor"), None);
        assert_eq!(MastodonTarget::parse("@editor@"), None);
        assert_eq!(MastodonTarget::parse("@a@b/c"), None);
    }

    #[test]
    fn bluesky_handles_and_dids() {
        assert_eq!(
            bluesky_actor("@Ana.bsky.social").as_deref(),
            Some("ana.bsky.social")
        );
        assert_eq!(
            bluesky_actor("did:plc:abc123xyz").as_deref(),
            Some("did:plc:abc123xyz")
        );
        assert_eq!(bluesky_actor("not a handle"), None);
    }

    #[test]
    fn private_targets_are_refused_unless_allowed() {
        let source = |kind, target: &str, allow_private| NewSource {
            kind,
            target: target.to_string(),
            label: None,
            allow_private,
        };
        for (kind, target) in [
            (SourceKind::Feed, "http://127.0.0.1:8080/rss"),
            (SourceKind::Page, "http://[::127.0.0.1]/story"),
            (SourceKind::Sitemap, "http://localhost/sitemap.xml"),
            (SourceKind::Mastodon, "@editor@10.0.0.5"),
        ] {
            let err = check_new_source(&source(kind, target, false)).expect_err(target);
            assert!(err.to_string().contains("--allow-private"), "{err}");
            assert!(
                check_new_source(&source(kind, target, true)).is_ok(),
                "{target}"
            );
        }
        assert!(
            check_new_source(&source(
                SourceKind::Feed,
                "https://news.example.org/rss",
                false
            ))
            .is_ok()
        );
    }

    #[test]
    fn only_bluesky_takes_a_service_and_it_is_a_public_url() {
        assert_eq!(
            check_service(SourceKind::Bluesky, "https://api.example.org/", false).ok(),
            Some("https://api.example.org".to_string())
        );
        assert!(check_service(SourceKind::Feed, "https://api.example.org", false).is_err());
        assert!(check_service(SourceKind::Bluesky, "api.example.org", false).is_err());
        let private = check_service(SourceKind::Bluesky, "http://127.0.0.1:9000", false);
        assert!(private.is_err_and(|err| err.to_string().contains("--allow-private")));
        assert!(check_service(SourceKind::Bluesky, "http://127.0.0.1:9000", true).is_ok());
    }

    #[test]
    fn urls_for_web_kinds() {
        assert!(check_target(SourceKind::Feed, "https://a.example/rss").is_ok());
        assert!(check_target(SourceKind::Feed, "ftp://a.example/rss").is_err());
        assert!(check_target(SourceKind::Page, "a.example/story").is_err());
    }
}
