//! URL normalization, so that the same item reached by different links is collected once.
//!
//! `sources → fetch`: `http` and `https` are one scheme, host names are lower case, default
//! ports, fragments and trailing slashes go, and tracking parameters (`utm_*`, `fbclid`,
//! `gclid` and their kin) are dropped; the remaining query parameters are sorted.

use url::Url;

/// Query parameters that only track the reader.
const TRACKING_PARAMS: &[&str] = &[
    "fbclid",
    "gclid",
    "dclid",
    "gbraid",
    "wbraid",
    "msclkid",
    "yclid",
    "twclid",
    "igshid",
    "mc_cid",
    "mc_eid",
    "_ga",
    "_gl",
    "_hsenc",
    "_hsmi",
    "ocid",
    "cmpid",
    "ref_src",
    "ref_url",
    "smid",
    "smtyp",
    "ncid",
    "sr_share",
    "at_medium",
    "at_campaign",
    "cid",
    "mkt_tok",
    "s_cid",
    "spm",
    "feature",
    "share",
];

fn is_tracking(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    name.starts_with("utm_") || name.starts_with("pk_") || TRACKING_PARAMS.contains(&name.as_str())
}

/// The normalized form of a URL, or the trimmed text when it does not parse.
pub fn normalize_url(text: &str) -> String {
    let Ok(mut url) = Url::parse(text.trim()) else {
        return text.trim().to_string();
    };
    if url.scheme() == "http" {
        let _ = url.set_scheme("https");
    }
    if url.port_or_known_default() == Some(443) || url.port() == Some(80) {
        let _ = url.set_port(None);
    }
    url.set_fragment(None);
    let kept: Vec<(String, String)> = {
        let mut pairs: Vec<(String, String)> = url
            .query_pairs()
            .filter(|(name, _)| !is_tracking(name))
            .map(|(name, value)| (name.into_owned(), value.into_owned()))
            .collect();
        pairs.sort();
        pairs
    };
    if kept.is_empty() {
        url.set_query(None);
    } else {
        url.query_pairs_mut().clear().extend_pairs(kept);
    }
    let path = url.path().to_string();
    if path.len() > 1 && path.ends_with('/') {
        url.set_path(path.trim_end_matches('/'));
    }
    url.to_string()
}

/// The item key of a URL.
pub fn url_key(text: &str) -> String {
    format!("url:{}", normalize_url(text))
}

/// Resolves a possibly relative link against the page or feed it was found on.
pub fn absolute(base: Option<&str>, link: &str) -> Option<String> {
    let link = link.trim();
    if let Ok(url) = Url::parse(link) {
        return Some(url.to_string());
    }
    let base = Url::parse(base?).ok()?;
    base.join(link).ok().map(|url| url.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_article_by_different_links_is_one_url() {
        let forms = [
            "https://news.example.org/2026/05/harbour-vote",
            "http://news.example.org/2026/05/harbour-vote/",
            "https://NEWS.example.org:443/2026/05/harbour-vote?utm_source=rss&utm_medium=feed",
            "https://news.example.org/2026/05/harbour-vote#comments",
            "https://news.example.org/2026/05/harbour-vote?fbclid=abc123",
        ];
        for form in forms {
            assert_eq!(
                normalize_url(form),
                "https://news.example.org/2026/05/harbour-vote",
                "{form}"
            );
        }
    }

    #[test]
    fn meaningful_parameters_stay_sorted() {
        assert_eq!(
            normalize_url("https://a.example/story?page=2&id=7&utm_campaign=x"),
            "https://a.example/story?id=7&page=2"
        );
        assert_eq!(normalize_url("https://a.example/"), "https://a.example/");
        assert_eq!(
            normalize_url("http://a.example:8080/x/"),
            "https://a.example:8080/x"
        );
    }

    #[test]
    fn relative_links_resolve_against_the_base() {
        assert_eq!(
            absolute(Some("https://a.example/feed.xml"), "/news/1").as_deref(),
            Some("https://a.example/news/1")
        );
        assert_eq!(absolute(None, "news/1"), None);
    }
}
