//! The one check for every redirect target Redo builds: a path on this site, nothing else.

/// `target` when it is a same-origin path that browsers cannot read as another site: it starts
/// with a single `/`, has no backslash (browsers treat `\` as `/`), and no control or whitespace
/// characters (`/\t/example.org` is `//example.org` to a browser, and CR/LF would split headers).
/// Percent-encoded bytes stay encoded, so they cannot turn into any of these.
pub fn safe_path(target: &str) -> Option<&str> {
    let ok = target.starts_with('/')
        && !target.starts_with("//")
        && target.len() <= 2048
        && !target
            .chars()
            .any(|c| c == '\\' || c.is_control() || c.is_whitespace());
    ok.then_some(target)
}

/// Where to go after signing in: a safe path outside the API, or the start page.
pub fn after_login(next: Option<&str>) -> &str {
    next.and_then(safe_path)
        .filter(|p| !p.starts_with("/api/") && *p != "/api")
        .unwrap_or("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_local_paths_are_safe() {
        for ok in ["/", "/ovningar?ar=2025", "/ovningar/10#mal", "/a%09b"] {
            assert_eq!(safe_path(ok), Some(ok), "{ok}");
        }
        for bad in [
            "",
            "//evil.example",
            "/\t/evil.example",
            "/\\evil.example",
            "\\\\evil.example",
            "https://evil.example",
            "/x\r\nSet-Cookie: a=b",
            "/x\n",
            "/ /evil.example",
            "evil.example",
        ] {
            assert_eq!(safe_path(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn after_login_never_leaves_the_site_or_lands_on_the_api() {
        assert_eq!(after_login(Some("/ovningar?ar=2025")), "/ovningar?ar=2025");
        assert_eq!(after_login(Some("/%09/example.org")), "/%09/example.org");
        assert_eq!(after_login(Some("/\t/example.org")), "/");
        assert_eq!(after_login(Some("/api/auth/logout")), "/");
        assert_eq!(after_login(None), "/");
    }
}
