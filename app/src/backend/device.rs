//! Device cookies (OWASP): a browser that has signed in to an account gets a signed, long-lived
//! token naming that account. The sign-in throttle trusts it, so an outsider who hammers an
//! account locks out strangers, never the account's own browser. The token holds no session and
//! grants nothing by itself; it is checked with the server secret.

use chrono::{DateTime, Duration, Utc};
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// How long a device stays trusted after its last sign-in.
pub const LIFETIME: Duration = Duration::days(180);

/// A verified device token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Device {
    pub user_id: i64,
    /// Random, per browser; the throttle counts this device's failures under it.
    pub id: String,
}

/// The MAC over `payload`, keyed with the server secret (HMAC takes keys of any length, so this
/// is `None` only in theory).
fn mac(secret: &[u8], payload: &str) -> Option<Hmac<Sha256>> {
    let mut m = Hmac::<Sha256>::new_from_slice(secret).ok()?;
    m.update(b"redo-device-v1|");
    m.update(payload.as_bytes());
    Some(m)
}

/// A token for `user_id`, keeping the browser's device id when it has one.
pub fn issue(secret: &[u8], user_id: i64, id: Option<&str>, now: DateTime<Utc>) -> String {
    let id = id.map(str::to_string).unwrap_or_else(|| {
        let bytes: [u8; 12] = rand::random();
        hex::encode(bytes)
    });
    let payload = format!("{user_id}.{id}.{}", now.timestamp());
    let tag = mac(secret, &payload)
        .map(|m| hex::encode(m.finalize().into_bytes()))
        .unwrap_or_default();
    format!("{payload}.{tag}")
}

/// The device behind `token`, if it is well-formed, signed by us and not expired.
pub fn verify(secret: &[u8], token: &str, now: DateTime<Utc>) -> Option<Device> {
    if token.len() > 200 {
        return None;
    }
    let (payload, tag) = token.rsplit_once('.')?;
    // `verify_slice` compares in constant time.
    mac(secret, payload)?
        .verify_slice(&hex::decode(tag).ok()?)
        .ok()?;
    let mut parts = payload.split('.');
    let user_id = parts.next()?.parse().ok()?;
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
        id: id.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_verifies_until_it_expires_and_only_with_our_secret() {
        let now = Utc::now();
        let t = issue(b"secret-a", 7, None, now);
        let d = verify(b"secret-a", &t, now).unwrap();
        assert_eq!(d.user_id, 7);
        assert_eq!(verify(b"secret-b", &t, now), None);
        assert_eq!(
            verify(b"secret-a", &t, now + LIFETIME + Duration::days(1)),
            None
        );
        let again = issue(b"secret-a", 7, Some(&d.id), now);
        assert_eq!(verify(b"secret-a", &again, now).unwrap().id, d.id);
    }

    #[test]
    fn a_tampered_token_is_refused() {
        let now = Utc::now();
        let t = issue(b"s", 7, None, now);
        let forged = t.replacen("7.", "1.", 1);
        assert_eq!(verify(b"s", &forged, now), None);
        assert_eq!(verify(b"s", "garbage", now), None);
        assert_eq!(verify(b"s", "", now), None);
    }
}
