//! Mastodon sources: `@user@instance` (an account's public posts) and `#tag@instance` (a
//! hashtag's public timeline), read through the public API without login.
//!
//! `sources → fetch → store`: `/api/v1/accounts/lookup` finds the account's id (remembered on
//! the source), `/api/v1/accounts/:id/statuses` or `/api/v1/timelines/tag/:tag` lists posts,
//! 40 a page. The first run pages back through `Link: rel="next"`; later runs ask only for what
//! is newer than the remembered `min_id`, following `rel="prev"`. A boost is stored as a post
//! of the boosted status's author. The fetcher honours `X-RateLimit-*`.

use super::api;
use super::error::CollectError;
use super::run::{CheckResult, Checked, Collector, ItemTally, PostDocument};
use super::social::{SocialPost, newer_id, post_document, status_links, status_text};
use super::target::MastodonTarget;
use crate::store::Source;
use serde::Deserialize;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Account {
    pub id: String,
    pub username: String,
    pub acct: String,
    pub display_name: String,
    pub url: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Status {
    pub id: String,
    pub uri: String,
    pub url: Option<String>,
    pub created_at: Option<String>,
    pub language: Option<String>,
    pub spoiler_text: String,
    pub content: String,
    pub visibility: Option<String>,
    pub account: Account,
    pub reblog: Option<Box<Status>>,
    pub media_attachments: Vec<Attachment>,
    pub card: Option<Card>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Attachment {
    pub url: Option<String>,
    pub description: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Card {
    pub url: String,
}

/// Checks a Mastodon source: new posts stored, the newest id remembered.
pub async fn check(collector: &Collector<'_>, source: &Source) -> CheckResult {
    let target = MastodonTarget::parse(&source.target).ok_or_else(|| {
        CollectError::unreadable(&source.target, "not @user@instance or #tag@instance")
    })?;
    let scheme = &collector.settings.mastodon_scheme;
    let (first_url, account_id) = match &target {
        MastodonTarget::Account { user, instance } => {
            let id = match &source.did {
                Some(id) => id.clone(),
                None => lookup(collector, source, &format!("{scheme}://{instance}"), user).await?,
            };
            let url = format!(
                "{scheme}://{instance}/api/v1/accounts/{id}/statuses?limit=40&exclude_replies=true"
            );
            (url, Some(id))
        }
        MastodonTarget::Tag { tag, instance } => (
            format!("{scheme}://{instance}/api/v1/timelines/tag/{tag}?limit=40"),
            None,
        ),
    };
    let instance = match &target {
        MastodonTarget::Account { instance, .. } | MastodonTarget::Tag { instance, .. } => instance,
    };
    let (newest, items) = read_pages(collector, source, first_url, instance).await?;
    Ok(Checked::read_up_to(newest, account_id, items))
}

/// The account's id, from its name.
async fn lookup(
    collector: &Collector<'_>,
    source: &Source,
    base: &str,
    user: &str,
) -> Result<String, CollectError> {
    let url = format!("{base}/api/v1/accounts/lookup?acct={user}");
    let fetched = api::get(collector, source, &url)
        .await?
        .ok_or_else(|| CollectError::unreadable(&url, "unexpected 304"))?;
    let account: Account = api::parse_json(&url, &fetched.body, "not a Mastodon account")?;
    if account.id.is_empty() {
        return Err(CollectError::unreadable(
            &url,
            "no account id in the answer",
        ));
    }
    Ok(account.id)
}

/// Reads pages of statuses and stores them; returns the newest id seen and how the posts
/// (and the articles they link to, if followed) ended.
async fn read_pages(
    collector: &Collector<'_>,
    source: &Source,
    first_url: String,
    instance: &str,
) -> Result<(Option<String>, ItemTally), CollectError> {
    let forward = source.cursor.is_some();
    let mut url = match &source.cursor {
        Some(min_id) => format!("{first_url}&min_id={min_id}"),
        None => first_url,
    };
    let mut newest: Option<String> = source.cursor.clone();
    let mut links = Vec::new();
    let mut items = ItemTally::default();
    for _ in 0..collector.settings.max_post_pages.max(1) {
        let (statuses, link) = get_page(collector, source, &url).await?;
        if statuses.is_empty() {
            break;
        }
        for status in &statuses {
            newest = Some(match &newest {
                Some(known) => newer_id(known, &status.id).to_string(),
                None => status.id.clone(),
            });
            let (post, post_links) = status_post(status, instance);
            links.extend(post_links);
            items.add(collector.save_post(
                source,
                PostDocument {
                    key: post.uri.clone(),
                    document: post_document(&post),
                },
            )?);
        }
        let rel = if forward { "prev" } else { "next" };
        match link.as_deref().and_then(|l| link_target(l, rel)) {
            Some(next) => url = next,
            None => break,
        }
    }
    items.merge(api::follow_post_links(collector, source, links).await?);
    Ok((newest, items))
}

async fn get_page(
    collector: &Collector<'_>,
    source: &Source,
    url: &str,
) -> Result<(Vec<Status>, Option<String>), CollectError> {
    let Some(fetched) = api::get(collector, source, url).await? else {
        return Ok((Vec::new(), None));
    };
    let statuses: Vec<Status> =
        api::parse_json(url, &fetched.body, "not a list of Mastodon statuses")?;
    Ok((statuses, fetched.link))
}

/// A status as a post of its author (a boost: of the boosted status's author), with the
/// article links it carries.
pub fn status_post(status: &Status, instance: &str) -> (SocialPost, Vec<String>) {
    let original = status.reblog.as_deref().unwrap_or(status);
    let account = &original.account;
    let handle = if account.acct.contains('@') {
        format!("@{}", account.acct)
    } else {
        format!(
            "@{}@{}",
            account.acct,
            host_of(&account.url).unwrap_or(instance)
        )
    };
    let author = Some(account.display_name.trim().to_string())
        .filter(|name| !name.is_empty())
        .or_else(|| Some(account.username.clone()).filter(|n| !n.is_empty()));
    let mut links = status_links(&original.content);
    if let Some(card) = &original.card
        && !card.url.is_empty()
        && !links.contains(&card.url)
    {
        links.push(card.url.clone());
    }
    let post = SocialPost {
        platform: "mastodon",
        uri: original.uri.clone(),
        url: original.url.clone().unwrap_or_else(|| original.uri.clone()),
        author,
        handle: Some(handle),
        published: original.created_at.clone(),
        language: original.language.clone(),
        text: status_text(&original.content),
        warning: Some(original.spoiler_text.clone()).filter(|w| !w.trim().is_empty()),
        images: original
            .media_attachments
            .iter()
            .filter_map(|m| m.description.clone().map(|d| (d, m.url.clone())))
            .collect(),
        links: links.clone(),
        site: format!("Mastodon ({})", host_of(&account.url).unwrap_or(instance)),
    };
    (post, links)
}

fn host_of(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    rest.split('/').next().filter(|h| !h.is_empty())
}

/// The URL of the `Link` header entry with this `rel`.
pub fn link_target(header: &str, rel: &str) -> Option<String> {
    header.split(',').find_map(|part| {
        let (url, params) = part.split_once(';')?;
        let wanted = params
            .split(';')
            .any(|p| p.trim().trim_start_matches("rel=").trim_matches('"') == rel);
        wanted.then(|| {
            url.trim()
                .trim_start_matches('<')
                .trim_end_matches('>')
                .to_string()
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_header_gives_next_and_prev() {
        let header = "<https://s.example/api/v1/accounts/1/statuses?max_id=7>; rel=\"next\", <https://s.example/api/v1/accounts/1/statuses?min_id=9>; rel=\"prev\"";
        assert_eq!(
            link_target(header, "next").as_deref(),
            Some("https://s.example/api/v1/accounts/1/statuses?max_id=7")
        );
        assert_eq!(
            link_target(header, "prev").as_deref(),
            Some("https://s.example/api/v1/accounts/1/statuses?min_id=9")
        );
        assert_eq!(link_target(header, "last"), None);
    }

    #[test]
    fn a_boost_is_its_original_authors_post() {
        let json = r#"{"id":"20","uri":"https://a.example/users/bo/statuses/20/activity","content":"",
          "account":{"id":"1","username":"bo","acct":"bo","display_name":"Bo Lind","url":"https://a.example/@bo"},
          "reblog":{"id":"19","uri":"https://b.example/users/cy/statuses/19","url":"https://b.example/@cy/19",
            "content":"<p>Tide tables are out.</p>","created_at":"2026-05-01T10:00:00.000Z",
            "account":{"id":"5","username":"cy","acct":"cy@b.example","display_name":"Cy Moreno","url":"https://b.example/@cy"},
            "media_attachments":[{"url":"https://b.example/m/1.png","description":"A printed tide table"}]}}"#;
        let status: Status = serde_json::from_str(json).expect("parses");
        let (post, _) = status_post(&status, "a.example");
        assert_eq!(post.author.as_deref(), Some("Cy Moreno"));
        assert_eq!(post.handle.as_deref(), Some("@cy@b.example"));
        assert_eq!(post.uri, "https://b.example/users/cy/statuses/19");
        assert_eq!(post.text, "Tide tables are out.");
        assert_eq!(post.images.len(), 1);
    }
}
