//! Device cookies (OWASP): a browser that has signed in to an account gets a signed, long-lived
//! token naming that account. The sign-in throttle trusts it, so an outsider who hammers an
//! account locks out strangers, never the account's own browser. The token holds no session and
//! grants nothing by itself; it is checked with the server secret.
//!
//! One cookie holds the tokens of the last few accounts signed in from the browser (a shared PC
//! in a command post), newest first. Each token names the account's credential version, so a new
//! password or a deactivation makes the account's old tokens count for nothing.

use chrono::{DateTime, Duration, Utc};
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// How long a device stays trusted after its last sign-in.
pub const LIFETIME: Duration = Duration::days(180);
/// Accounts one browser is remembered for.
pub const ACCOUNTS_PER_BROWSER: usize = 5;
const TOKEN_MAX: usize = 200;

/// A verified device token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Device {
    pub user_id: i64,
    pub credential_version: i64,
    /// Random, per browser; the throttle counts this device's failures under it.
    pub id: String,
}

/// The MAC over `payload`, keyed with the server secret (HMAC takes keys of any length, so this
/// is `None` only in theory).
fn mac(secret: &[u8], payload: &str) -> Option<Hmac<Sha256>> {
    let mut m = Hmac::<Sha256>::new_from_slice(secret).ok()?;
    m.update(b"redo-device-v2|");
    m.update(payload.as_bytes());
    Some(m)
}

fn token(secret: &[u8], d: &Device, now: DateTime<Utc>) -> String {
    let payload = format!(
        "{}.{}.{}.{}",
        d.user_id,
        d.credential_version,
        d.id,
        now.timestamp()
    );
    let tag = mac(secret, &payload)
        .map(|m| hex::encode(m.finalize().into_bytes()))
        .unwrap_or_default();
    format!("{payload}.{tag}")
}

/// The device behind one token, if it is well-formed, signed by us and not expired.
fn verify(secret: &[u8], token: &str, now: DateTime<Utc>) -> Option<Device> {
    if token.len() > TOKEN_MAX {
        return None;
    }
    let (payload, tag) = token.rsplit_once('.')?;
    // `verify_slice` compares in constant time.
    mac(secret, payload)?
        .verify_slice(&hex::decode(tag).ok()?)
        .ok()?;
    let mut parts = payload.split('.');
    let user_id = parts.next()?.parse().ok()?;
    let credential_version = parts.next()?.parse().ok()?;
    let id = parts.next()?;
    let issued = DateTime::from_timestamp(parts.next()?.parse().ok()?, 0)?;
    if parts.next().is_some() || now - issued > LIFETIME || issued - now > Duration::minutes(5) {
        return None;
    }
    if id.is_empty() || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    Some(Device {
        user_id,
        credential_version,
        id: id.to_string(),
    })
}

fn tokens(cookie: Option<&str>) -> impl Iterator<Item = &str> {
    cookie
        .unwrap_or_default()
        .split('~')
        .filter(|t| !t.is_empty())
        .take(ACCOUNTS_PER_BROWSER)
}

/// The browser's valid device for this account at this credential version, if the cookie holds
/// one.
pub fn find(
    secret: &[u8],
    cookie: Option<&str>,
    user_id: i64,
    credential_version: i64,
    now: DateTime<Utc>,
) -> Option<Device> {
    tokens(cookie)
        .filter_map(|t| verify(secret, t, now))
        .find(|d| d.user_id == user_id && d.credential_version == credential_version)
}

/// The cookie after a sign-in to `user_id`: a fresh token for it (keeping the browser's device
/// id), then the browser's other valid accounts.
pub fn remember(
    secret: &[u8],
    cookie: Option<&str>,
    user_id: i64,
    credential_version: i64,
    now: DateTime<Utc>,
) -> String {
    let valid: Vec<Device> = tokens(cookie)
        .filter_map(|t| verify(secret, t, now))
        .collect();
    let id = valid.first().map(|d| d.id.clone()).unwrap_or_else(|| {
        let bytes: [u8; 12] = rand::random();
        hex::encode(bytes)
    });
    let this = Device {
        user_id,
        credential_version,
        id,
    };
    std::iter::once(token(secret, &this, now))
        .chain(
            valid
                .iter()
                .filter(|d| d.user_id != user_id)
                .take(ACCOUNTS_PER_BROWSER - 1)
                .map(|d| token(secret, d, now)),
        )
        .collect::<Vec<_>>()
        .join("~")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_verifies_until_it_expires_and_only_with_our_secret() {
        let now = Utc::now();
        let c = remember(b"secret-a", None, 7, 0, now);
        let d = find(b"secret-a", Some(&c), 7, 0, now).unwrap();
        assert_eq!(d.user_id, 7);
        assert_eq!(find(b"secret-b", Some(&c), 7, 0, now), None);
        assert_eq!(find(b"secret-a", Some(&c), 8, 0, now), None);
        assert_eq!(
            find(
                b"secret-a",
                Some(&c),
                7,
                0,
                now + LIFETIME + Duration::days(1)
            ),
            None
        );
        let again = remember(b"secret-a", Some(&c), 7, 0, now);
        assert_eq!(find(b"secret-a", Some(&again), 7, 0, now).unwrap().id, d.id);
    }

    #[test]
    fn a_new_password_makes_old_tokens_count_for_nothing() {
        let now = Utc::now();
        let c = remember(b"s", None, 7, 0, now);
        assert_eq!(find(b"s", Some(&c), 7, 1, now), None);
    }

    #[test]
    fn one_browser_is_remembered_for_several_accounts() {
        let now = Utc::now();
        let a = remember(b"s", None, 1, 0, now);
        let ab = remember(b"s", Some(&a), 2, 0, now);
        assert!(
            find(b"s", Some(&ab), 1, 0, now).is_some(),
            "the first account still"
        );
        assert!(find(b"s", Some(&ab), 2, 0, now).is_some());
        let mut many = ab;
        for user in 3..20 {
            many = remember(b"s", Some(&many), user, 0, now);
        }
        assert_eq!(many.split('~').count(), ACCOUNTS_PER_BROWSER);
        assert!(find(b"s", Some(&many), 19, 0, now).is_some());
        assert!(
            find(b"s", Some(&many), 1, 0, now).is_none(),
            "the oldest went"
        );
    }

    #[test]
    fn a_tampered_token_is_refused() {
        let now = Utc::now();
        let c = remember(b"s", None, 7, 0, now);
        let forged = c.replacen("7.", "1.", 1);
        assert_eq!(find(b"s", Some(&forged), 1, 0, now), None);
        assert_eq!(find(b"s", Some("garbage"), 7, 0, now), None);
        assert_eq!(find(b"s", Some(""), 7, 0, now), None);
    }
}
