//! Bluesky sources: an account's posts (`bluesky HANDLE` or a DID), read from the public
//! AppView without login (the configured `bluesky_api`, or the source's own `--service`).
//!
//! `sources → fetch → store`: `app.bsky.actor.getProfile` gives the account's DID (stored:
//! handles change) and its labels; an account labelled `!no-unauthenticated` asked not to be
//! shown to logged-out readers, so it is not collected and the source says why.
//! `app.bsky.feed.getAuthorFeed` lists posts, 100 a page, following `cursor`; a run stops at
//! the first page reaching posts seen by the last run. A repost is stored as a post of its
//! original author; links are `https://bsky.app/profile/<did>/post/<rkey>`.

use super::api::{self, get_json};
use super::error::CollectError;
use super::run::{CheckResult, Checked, Collector, ItemTally, PostDocument};
use super::social::{SocialPost, post_document};
use super::target::bluesky_actor;
use crate::store::Source;
use serde::Deserialize;
use serde_json::Value;

/// The label by which an account asks not to be shown to logged-out readers.
pub const NO_UNAUTHENTICATED: &str = "!no-unauthenticated";

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Profile {
    pub did: String,
    pub handle: String,
    pub display_name: Option<String>,
    pub labels: Vec<Label>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Label {
    pub val: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct AuthorFeed {
    pub cursor: Option<String>,
    pub feed: Vec<FeedViewPost>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct FeedViewPost {
    pub post: PostView,
    pub reason: Option<Value>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct PostView {
    pub uri: String,
    pub author: Profile,
    pub record: Value,
    pub embed: Option<Value>,
    pub indexed_at: Option<String>,
    pub labels: Vec<Label>,
}

/// Checks a Bluesky source: new posts stored, the DID and the newest post time remembered.
pub async fn check(collector: &Collector<'_>, source: &Source) -> CheckResult {
    let actor = bluesky_actor(&source.target)
        .ok_or_else(|| CollectError::unreadable(&source.target, "not a Bluesky handle or DID"))?;
    let actor = source.did.clone().unwrap_or(actor);
    let api = source
        .service
        .as_deref()
        .unwrap_or(&collector.settings.bluesky_api)
        .trim_end_matches('/');
    let profile: Profile = get_json(
        collector,
        source,
        &format!("{api}/xrpc/app.bsky.actor.getProfile?actor={actor}"),
    )
    .await?;
    if asks_not_to_be_shown(&profile.labels) {
        return Ok(Checked {
            disabled: Some(format!(
                "not collected: the account asked not to be shown to logged-out readers ({NO_UNAUTHENTICATED})"
            )),
            ..Checked::default()
        });
    }
    let did = Some(profile.did.clone())
        .filter(|d| !d.is_empty())
        .or(source.did.clone());
    let (newest, items) =
        read_feed(collector, source, api, did.as_deref().unwrap_or(&actor)).await?;
    Ok(Checked::read_up_to(newest, did, items))
}

/// Reads the author feed page by page; returns the newest post time seen and how the posts
/// (and the articles they link to, if followed) ended.
async fn read_feed(
    collector: &Collector<'_>,
    source: &Source,
    api: &str,
    actor: &str,
) -> Result<(Option<String>, ItemTally), CollectError> {
    let seen_until = source.cursor.clone();
    let mut newest = seen_until.clone();
    let mut cursor: Option<String> = None;
    let mut links = Vec::new();
    let mut items = ItemTally::default();
    for _ in 0..collector.settings.max_post_pages.max(1) {
        let mut url = format!(
            "{api}/xrpc/app.bsky.feed.getAuthorFeed?actor={actor}&limit=100&filter=posts_no_replies"
        );
        if let Some(cursor) = &cursor {
            url.push_str(&format!("&cursor={}", encode(cursor)));
        }
        let page: AuthorFeed = get_json(collector, source, &url).await?;
        let mut reached_known = false;
        for item in &page.feed {
            let Some(post) = feed_post(item) else {
                continue;
            };
            let time = item.post.indexed_at.clone().or(post.published.clone());
            if let (Some(time), Some(known)) = (&time, &seen_until)
                && item.reason.is_none()
                && time <= known
            {
                reached_known = true;
            }
            if let Some(time) = time
                && newest.as_ref().is_none_or(|n| &time > n)
            {
                newest = Some(time);
            }
            links.extend(post.links.iter().cloned());
            items.add(collector.save_post(
                source,
                PostDocument {
                    key: post.uri.clone(),
                    document: post_document(&post),
                },
            )?);
        }
        match page.cursor {
            Some(next) if !reached_known && !page.feed.is_empty() => cursor = Some(next),
            _ => break,
        }
    }
    items.merge(api::follow_post_links(collector, source, links).await?);
    Ok((newest, items))
}

fn asks_not_to_be_shown(labels: &[Label]) -> bool {
    labels.iter().any(|label| label.val == NO_UNAUTHENTICATED)
}

/// A feed entry as a post of its author (a repost: of the original author, who is the
/// post's author in the view); `None` for an author who asked not to be shown.
pub fn feed_post(item: &FeedViewPost) -> Option<SocialPost> {
    let post = &item.post;
    if asks_not_to_be_shown(&post.author.labels) || asks_not_to_be_shown(&post.labels) {
        return None;
    }
    let did = &post.author.did;
    let rkey = post.uri.rsplit('/').next().unwrap_or("");
    let text = post
        .record
        .get("text")
        .and_then(Value::as_str)
        .unwrap_or("");
    let mut images = Vec::new();
    if let Some(embed) = &post.embed {
        collect_alts(embed, &mut images);
    }
    if images.is_empty()
        && let Some(embed) = post.record.get("embed")
    {
        collect_alts(embed, &mut images);
    }
    Some(SocialPost {
        platform: "bluesky",
        uri: post.uri.clone(),
        url: format!("https://bsky.app/profile/{did}/post/{rkey}"),
        author: post
            .author
            .display_name
            .clone()
            .map(|n| n.trim().to_string())
            .filter(|n| !n.is_empty())
            .or_else(|| Some(post.author.handle.clone())),
        handle: Some(post.author.handle.clone()).filter(|h| !h.is_empty()),
        published: post
            .record
            .get("createdAt")
            .and_then(Value::as_str)
            .map(str::to_string),
        language: post
            .record
            .get("langs")
            .and_then(|l| l.get(0))
            .and_then(Value::as_str)
            .map(str::to_string),
        text: text.to_string(),
        warning: None,
        images,
        links: record_links(&post.record),
        site: "Bluesky".to_string(),
    })
}

/// Image descriptions in an embed (its own images and a record-with-media's media; never
/// the images of a quoted post, which are someone else's).
fn collect_alts(embed: &Value, images: &mut Vec<(String, Option<String>)>) {
    if let Some(list) = embed.get("images").and_then(Value::as_array) {
        for image in list {
            if let Some(alt) = image.get("alt").and_then(Value::as_str) {
                let url = image
                    .get("fullsize")
                    .and_then(Value::as_str)
                    .map(str::to_string);
                images.push((alt.to_string(), url));
            }
        }
    }
    if let Some(media) = embed.get("media") {
        collect_alts(media, images);
    }
}

/// Links in the post: link facets and an external embed.
fn record_links(record: &Value) -> Vec<String> {
    let mut links = Vec::new();
    for facet in record
        .get("facets")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        for feature in facet
            .get("features")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if feature.get("$type").and_then(Value::as_str) == Some("app.bsky.richtext.facet#link")
                && let Some(uri) = feature.get("uri").and_then(Value::as_str)
            {
                links.push(uri.to_string());
            }
        }
    }
    if let Some(uri) = record
        .get("embed")
        .and_then(|e| e.get("external"))
        .and_then(|e| e.get("uri"))
        .and_then(Value::as_str)
        && !links.iter().any(|l| l == uri)
    {
        links.push(uri.to_string());
    }
    links
}

/// Percent-encodes a cursor for a query string.
fn encode(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_repost_is_its_original_authors_post_with_a_web_link() {
        let json = r#"{"post":{"uri":"at://did:plc:orig/app.bsky.feed.post/3kabc",
          "author":{"did":"did:plc:orig","handle":"cy.example","displayName":"Cy Moreno","labels":[]},
          "record":{"$type":"app.bsky.feed.post","text":"Tide tables are out.","createdAt":"2026-05-01T10:00:00Z",
            "facets":[{"index":{"byteStart":0,"byteEnd":4},"features":[{"$type":"app.bsky.richtext.facet#link","uri":"https://news.example.org/tides"}]}]},
          "embed":{"$type":"app.bsky.embed.images#view","images":[{"alt":"A tide table","fullsize":"https://cdn.example/1.jpg"}]},
          "indexedAt":"2026-05-01T10:00:01Z"},
          "reason":{"$type":"app.bsky.feed.defs#reasonRepost","by":{"did":"did:plc:me","handle":"me.example"}}}"#;
        let item: FeedViewPost = serde_json::from_str(json).expect("parses");
        let post = feed_post(&item).expect("shown");
        assert_eq!(post.author.as_deref(), Some("Cy Moreno"));
        assert_eq!(post.url, "https://bsky.app/profile/did:plc:orig/post/3kabc");
        assert_eq!(
            post.images,
            [(
                "A tide table".to_string(),
                Some("https://cdn.example/1.jpg".to_string())
            )]
        );
        assert_eq!(post.links, ["https://news.example.org/tides"]);
    }

    #[test]
    fn a_post_by_someone_who_asked_not_to_be_shown_is_skipped() {
        let json = r#"{"post":{"uri":"at://did:plc:h/app.bsky.feed.post/1",
          "author":{"did":"did:plc:h","handle":"h.example","labels":[{"val":"!no-unauthenticated"}]},
          "record":{"text":"hi"}}}"#;
        let item: FeedViewPost = serde_json::from_str(json).expect("parses");
        assert!(feed_post(&item).is_none());
    }
}
