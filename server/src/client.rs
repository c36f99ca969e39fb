//! The client's address: the socket peer, unless the peer is a trusted reverse proxy, in which
//! case the address it forwarded in `X-Forwarded-For`. Proxies append, so the list is read from
//! the right and the first address that is not a trusted proxy is the client; anything further
//! left was written by the client itself and is not believed.
//!
//! Only `X-Forwarded-For` is read, never `Forwarded`: nginx's usual setup appends to the former
//! and passes a client's own `Forwarded` through untouched, so believing it would let every
//! request name a new source and slip past the sign-in throttle.

use crate::config::Network;
use axum::http::HeaderMap;
use std::net::IpAddr;

pub fn client_addr(peer: IpAddr, headers: &HeaderMap, trusted: &[Network]) -> IpAddr {
    let is_trusted = |ip: IpAddr| trusted.iter().any(|n| n.contains(ip));
    if !is_trusted(peer) {
        return peer;
    }
    let mut client = peer;
    for ip in forwarded_for(headers).into_iter().rev() {
        client = ip;
        if !is_trusted(ip) {
            break;
        }
    }
    client
}

/// The addresses of `X-Forwarded-For`, in order. An entry that is not an address (`unknown`,
/// garbage) ends the list there, so nothing to its left is believed.
fn forwarded_for(headers: &HeaderMap) -> Vec<IpAddr> {
    let parsed: Vec<Option<IpAddr>> = headers
        .get_all("x-forwarded-for")
        .iter()
        .map(|v| v.to_str().unwrap_or(","))
        .flat_map(|v| v.split(','))
        .map(|s| parse_node(s.trim()))
        .collect();
    // Keep only the trailing run of parseable addresses.
    let start = parsed
        .iter()
        .rposition(Option::is_none)
        .map_or(0, |i| i + 1);
    parsed[start..].iter().flatten().copied().collect()
}

/// `1.2.3.4`, `1.2.3.4:5678`, `[2001:db8::1]`, `[2001:db8::1]:443` or a bare IPv6 address.
fn parse_node(node: &str) -> Option<IpAddr> {
    if let Ok(ip) = node.parse() {
        return Some(ip);
    }
    if let Some(rest) = node.strip_prefix('[') {
        return rest.split(']').next()?.parse().ok();
    }
    let (host, port) = node.rsplit_once(':')?;
    port.parse::<u16>().ok()?;
    host.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn net(s: &str) -> Network {
        crate::config::parse_network(s).unwrap()
    }

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(*k, HeaderValue::from_static(v));
        }
        h
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn an_untrusted_peer_is_the_client_whatever_it_claims() {
        let h = headers(&[("x-forwarded-for", "10.9.9.9")]);
        assert_eq!(
            client_addr(ip("203.0.113.5"), &h, &[net("127.0.0.1")]),
            ip("203.0.113.5")
        );
        assert_eq!(client_addr(ip("127.0.0.1"), &h, &[]), ip("127.0.0.1"));
    }

    #[test]
    fn behind_a_trusted_proxy_the_rightmost_untrusted_address_is_the_client() {
        let trusted = [net("127.0.0.1"), net("10.0.0.0/8")];
        let h = headers(&[("x-forwarded-for", "6.6.6.6, 203.0.113.7, 10.0.0.2")]);
        assert_eq!(
            client_addr(ip("127.0.0.1"), &h, &trusted),
            ip("203.0.113.7")
        );
        let h = headers(&[
            ("x-forwarded-for", "6.6.6.6"),
            ("x-forwarded-for", "198.51.100.1"),
        ]);
        assert_eq!(
            client_addr(ip("127.0.0.1"), &h, &trusted),
            ip("198.51.100.1")
        );
    }

    #[test]
    fn a_clients_own_forwarded_header_is_not_believed() {
        let trusted = [net("127.0.0.1")];
        let h = headers(&[
            ("forwarded", "for=192.0.2.60"),
            ("x-forwarded-for", "198.51.100.7"),
        ]);
        assert_eq!(
            client_addr(ip("127.0.0.1"), &h, &trusted),
            ip("198.51.100.7")
        );
        let h = headers(&[("forwarded", "for=192.0.2.60")]);
        assert_eq!(client_addr(ip("127.0.0.1"), &h, &trusted), ip("127.0.0.1"));
        let h = headers(&[(
            "x-forwarded-for",
            "[2001:db8:cafe::17]:4711, 198.51.100.1:5000",
        )]);
        assert_eq!(
            client_addr(ip("127.0.0.1"), &h, &trusted),
            ip("198.51.100.1")
        );
    }

    #[test]
    fn garbage_stops_the_walk_and_no_header_means_the_proxy_itself() {
        let trusted = [net("127.0.0.1")];
        let h = headers(&[("x-forwarded-for", "198.51.100.1, unknown")]);
        assert_eq!(client_addr(ip("127.0.0.1"), &h, &trusted), ip("127.0.0.1"));
        assert_eq!(
            client_addr(ip("127.0.0.1"), &HeaderMap::new(), &trusted),
            ip("127.0.0.1")
        );
    }
}
