//! The private-address guard: a feed must not be able to point the collector at internal
//! services. Requests to loopback, private, link-local and other non-public addresses are
//! refused unless their source was added with `--allow-private`; an IPv6 address that
//! carries an IPv4 one (IPv4-mapped `::ffff:`, IPv4-compatible `::a.b.c.d`, NAT64
//! `64:ff9b::/96`, 6to4 `2002::/16`, Teredo `2001::/32`) is judged by that IPv4 address too.
//!
//! `sources → fetch`: checked when a source is added (its target, if an IP literal or a
//! local name), then twice on every fetch: on the URL when its host is an IP literal (also
//! on every redirect) and on the addresses a host name resolves to (a DNS resolver for
//! reqwest that drops non-public addresses), so that neither a literal, a redirect nor a DNS
//! name gets through.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use url::{Host, Url};

/// Is this address outside the public internet?
pub fn is_private(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_private_v4(v4),
        IpAddr::V6(v6) => is_private_v6(v6) || embedded_ipv4(v6).into_iter().any(is_private_v4),
    }
}

/// The IPv4 addresses an IPv6 address carries, by the transition scheme its prefix names.
fn embedded_ipv4(ip: Ipv6Addr) -> Vec<Ipv4Addr> {
    let s = ip.segments();
    let v4 = |high: u16, low: u16| Ipv4Addr::from((u32::from(high) << 16) | u32::from(low));
    if let Some(mapped) = ip.to_ipv4_mapped() {
        return vec![mapped];
    }
    match s {
        // IPv4-compatible (deprecated, still routed by some stacks): ::a.b.c.d
        [0, 0, 0, 0, 0, 0, high, low] => vec![v4(high, low)],
        // NAT64, the well-known prefix: 64:ff9b::a.b.c.d
        [0x64, 0xff9b, 0, 0, 0, 0, high, low] => vec![v4(high, low)],
        // 6to4: 2002:AABB:CCDD::/48
        [0x2002, high, low, ..] => vec![v4(high, low)],
        // Teredo: the server's address, and the client's with every bit flipped
        [
            0x2001,
            0,
            server_high,
            server_low,
            _,
            _,
            client_high,
            client_low,
        ] => vec![v4(server_high, server_low), v4(!client_high, !client_low)],
        _ => Vec::new(),
    }
}

fn is_private_v4(ip: Ipv4Addr) -> bool {
    let [a, b, ..] = ip.octets();
    ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_unspecified()
        || ip.is_broadcast()
        || ip.is_multicast()
        || a == 0
        || (a == 100 && (64..128).contains(&b)) // carrier-grade NAT
        || (a == 198 && (b == 18 || b == 19)) // benchmarking
        || a >= 240
}

fn is_private_v6(ip: Ipv6Addr) -> bool {
    let [first, second, third, ..] = ip.segments();
    ip.is_loopback()
        || ip.is_unspecified()
        || ip.is_multicast()
        || (first & 0xfe00) == 0xfc00 // unique local
        || (first & 0xffc0) == 0xfe80 // link-local
        || (first & 0xffc0) == 0xfec0 // site-local (deprecated, still private)
        || (first, second, third) == (0x64, 0xff9b, 1) // NAT64 for local use
}

/// Why a URL may not be fetched without `--allow-private`, if its host is a private IP literal
/// or a name that is always local.
pub fn refuse_literal(url: &Url) -> Option<String> {
    let private = match url.host() {
        Some(Host::Ipv4(ip)) => is_private(IpAddr::V4(ip)),
        Some(Host::Ipv6(ip)) => is_private(IpAddr::V6(ip)),
        Some(Host::Domain(name)) => {
            let name = name.trim_end_matches('.').to_ascii_lowercase();
            name == "localhost" || name.ends_with(".localhost")
        }
        None => true,
    };
    private.then(|| refusal(url.host_str().unwrap_or("")))
}

/// The message for a refused private address.
pub fn refusal(host: &str) -> String {
    format!(
        "{host} is a private, loopback or link-local address: refused (add the source with --allow-private to allow it)"
    )
}

/// Why a host name gave no address to connect to.
#[derive(Debug, thiserror::Error)]
pub enum LookupError {
    /// The name does not resolve (or the resolver cannot be reached).
    #[error("cannot find the host {host} ({reason})")]
    NotFound { host: String, reason: String },
    /// Every address it resolves to is private, and the source may not reach them.
    #[error("{}", refusal(.host))]
    Private { host: String },
}

/// The DNS resolver of both clients: names under `.invalid` never resolve (RFC 6761), and
/// unless private addresses are allowed only public ones are kept. Its errors say which of
/// the two went wrong, so that a failed lookup is told apart from a refused address.
#[derive(Debug, Clone, Copy, Default)]
pub struct GuardedResolver {
    pub allow_private: bool,
}

impl reqwest::dns::Resolve for GuardedResolver {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let host = name.as_str().to_string();
        let allow_private = self.allow_private;
        Box::pin(async move {
            match lookup(&host, allow_private).await {
                Ok(found) => {
                    let addrs: reqwest::dns::Addrs = Box::new(found.into_iter());
                    Ok(addrs)
                }
                Err(err) => Err(err.into()),
            }
        })
    }
}

async fn lookup(host: &str, allow_private: bool) -> Result<Vec<SocketAddr>, LookupError> {
    let not_found = |reason: String| LookupError::NotFound {
        host: host.to_string(),
        reason,
    };
    if is_reserved_invalid(host) {
        return Err(not_found("a reserved name that never resolves".into()));
    }
    let resolved: Vec<SocketAddr> = tokio::net::lookup_host((host, 0))
        .await
        .map_err(|err| not_found(err.to_string()))?
        .collect();
    if resolved.is_empty() {
        return Err(not_found("no address".into()));
    }
    let kept: Vec<SocketAddr> = resolved
        .into_iter()
        .filter(|addr| allow_private || !is_private(addr.ip()))
        .collect();
    if kept.is_empty() {
        return Err(LookupError::Private {
            host: host.to_string(),
        });
    }
    Ok(kept)
}

/// `example.invalid` and its kin: RFC 6761 reserves `.invalid` for names that must never
/// resolve, and asks resolvers to say so at once.
fn is_reserved_invalid(host: &str) -> bool {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    host == "invalid" || host.ends_with(".invalid")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn private(text: &str) -> bool {
        is_private(text.parse().expect("an address"))
    }

    #[test]
    fn internal_addresses_are_private() {
        for ip in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "0.0.0.0",
            "100.64.0.1",
            "::1",
            "fe80::1",
            "fd00::1",
            "::ffff:127.0.0.1",
            "::127.0.0.1",
            "::10.0.0.1",
            "64:ff9b::7f00:1",
            "64:ff9b::a9fe:a9fe",
            "64:ff9b:1::1",
            "2002:7f00:1::",
            "2002:c0a8:101::1",
            "2001:0:4136:e378:8000:63bf:80ff:fffe",
            "2001:0:a00:1::1",
            "fec0::1",
        ] {
            assert!(private(ip), "{ip}");
        }
    }

    #[test]
    fn public_addresses_are_not() {
        for ip in [
            "93.184.216.34",
            "1.1.1.1",
            "2606:4700:4700::1111",
            "172.32.0.1",
            "64:ff9b::5db8:d822",
            "2002:5db8:d822::1",
            "2001:0:4136:e378:8000:63bf:a247:27dd",
        ] {
            assert!(!private(ip), "{ip}");
        }
    }

    #[test]
    fn literals_and_localhost_are_refused() {
        let refused = |u: &str| refuse_literal(&Url::parse(u).expect("a URL")).is_some();
        assert!(refused("http://127.0.0.1:8080/feed"));
        assert!(refused("http://[::1]/"));
        assert!(refused("http://[::127.0.0.1]/"));
        assert!(refused("http://[64:ff9b::7f00:1]/"));
        assert!(refused("http://[2002:7f00:1::]/"));
        assert!(refused("http://localhost/admin"));
        assert!(refused("http://169.254.169.254/latest/meta-data"));
        assert!(!refused("https://news.example.org/feed"));
    }
}
