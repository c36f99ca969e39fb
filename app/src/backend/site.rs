//! Where Redo is served (`REDO_PUBLIC_URL`) and what follows from it: cookie names and flags,
//! HSTS, the allowed `Host`, the origin state-changing requests must come from, and whether the
//! demo password may be used.

/// The public origin, parsed once at start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Site {
    /// `scheme://host[:port]`, without a trailing slash.
    pub origin: String,
    /// `host[:port]`, as browsers send it in `Host`.
    pub host: String,
    pub https: bool,
    /// True when the host is a loopback address or `localhost`: only then may demo passwords
    /// be used. Listening on loopback says nothing: nginx on the same host talks to Redo there.
    pub loopback: bool,
}

impl Site {
    /// Parses `http(s)://host[:port]` (a trailing `/` is allowed; paths, queries and user info are
    /// not).
    pub fn parse(url: &str) -> Result<Self, String> {
        let url = url.trim().trim_end_matches('/');
        let (https, rest) = if let Some(rest) = url.strip_prefix("https://") {
            (true, rest)
        } else if let Some(rest) = url.strip_prefix("http://") {
            (false, rest)
        } else {
            return Err(format!(
                "REDO_PUBLIC_URL must start with https:// or http:// (got {url:?})"
            ));
        };
        let valid = !rest.is_empty()
            && rest.bytes().all(|b| {
                b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':' | b'[' | b']')
            });
        if !valid {
            return Err(format!(
                "REDO_PUBLIC_URL must be scheme://host[:port] without a path (got {url:?})"
            ));
        }
        let host = rest.to_ascii_lowercase();
        // Browsers leave out the default port in `Host` and `Origin`.
        let default = if https { ":443" } else { ":80" };
        let host = host
            .strip_suffix(default)
            .map(str::to_string)
            .unwrap_or(host);
        let name = host_name(&host);
        let loopback = name == "localhost"
            || name
                .trim_start_matches('[')
                .trim_end_matches(']')
                .parse::<std::net::IpAddr>()
                .is_ok_and(|ip| ip.is_loopback());
        Ok(Self {
            origin: format!("{}://{host}", if https { "https" } else { "http" }),
            host,
            https,
            loopback,
        })
    }

    /// The site assumed when no public URL is configured: plain HTTP on the listen address.
    pub fn from_listen(addr: std::net::SocketAddr) -> Self {
        let host = addr.to_string();
        Self {
            origin: format!("http://{host}"),
            host,
            https: false,
            loopback: addr.ip().is_loopback(),
        }
    }

    /// The session cookie's name: `__Host-` prefixed over HTTPS, so no subdomain can set it.
    pub fn session_cookie(&self) -> &'static str {
        if self.https {
            "__Host-redo_session"
        } else {
            "redo_session"
        }
    }

    /// The device cookie's name (see `backend::device`).
    pub fn device_cookie(&self) -> &'static str {
        if self.https {
            "__Host-redo_device"
        } else {
            "redo_device"
        }
    }

    /// A `Set-Cookie` value for `name` with Redo's flags.
    pub fn cookie(&self, name: &str, value: &str, max_age_secs: i64) -> String {
        let secure = if self.https { "; Secure" } else { "" };
        format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_secs}{secure}")
    }

    /// Whether `host` (a request's `Host` header) names this site; a client may or may not
    /// spell out the scheme's default port.
    pub fn allows_host(&self, host: &str) -> bool {
        let default = if self.https { ":443" } else { ":80" };
        host.eq_ignore_ascii_case(&self.host)
            || host
                .strip_suffix(default)
                .is_some_and(|h| h.eq_ignore_ascii_case(&self.host))
    }
}

/// The host part of `host[:port]` (IPv6 literals keep their brackets).
fn host_name(host: &str) -> &str {
    if host.starts_with('[') {
        return host.split_inclusive(']').next().unwrap_or(host);
    }
    host.split(':').next().unwrap_or(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_public_https_url_is_neither_loopback_nor_plain() {
        let s = Site::parse("https://redo.region.se/").unwrap();
        assert_eq!(s.origin, "https://redo.region.se");
        assert!(s.https && !s.loopback);
        assert_eq!(s.session_cookie(), "__Host-redo_session");
        assert!(s.cookie("a", "b", 1).ends_with("; Secure"));
        assert!(s.allows_host("redo.region.se") && !s.allows_host("evil.example"));
    }

    #[test]
    fn loopback_urls_and_bad_urls() {
        assert!(Site::parse("http://127.0.0.1:3000").unwrap().loopback);
        assert!(Site::parse("http://localhost:3000").unwrap().loopback);
        assert!(Site::parse("http://[::1]:3000").unwrap().loopback);
        assert!(Site::parse("redo.region.se").is_err());
        assert!(Site::parse("https://redo.region.se/sub").is_err());
        assert!(Site::parse("https://user@redo.region.se").is_err());
    }

    #[test]
    fn the_host_must_match_including_the_port() {
        let s = Site::parse("http://127.0.0.1:3000").unwrap();
        assert!(s.allows_host("127.0.0.1:3000"));
        assert!(!s.allows_host("127.0.0.1:3001"));
        let s = Site::parse("https://redo.region.se").unwrap();
        assert!(s.allows_host("redo.region.se"));
        assert!(s.allows_host("redo.region.se:443"));
        assert!(!s.allows_host("redo.region.se.evil.example"));
        assert_eq!(
            Site::parse("https://redo.region.se:443").unwrap().origin,
            "https://redo.region.se"
        );
    }
}
