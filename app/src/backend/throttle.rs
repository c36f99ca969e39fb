//! Sign-in throttling that an outsider cannot turn into a lockout (OWASP's "device cookies").
//!
//! Every attempt is counted against keys, checked and counted in one step under one lock, so
//! however requests are timed a key never gets more checked attempts than its limit:
//! - **source × account**: 5 attempts per 15 minutes from one source (an IPv4 address or an IPv6
//!   /64) for one username;
//! - **source**: 30 attempts per 15 minutes from one source across usernames (password spraying);
//! - **untrusted × account**: 10 attempts per 15 minutes for one username from all sources
//!   without a device cookie, after which the account is locked *for untrusted sources only*;
//! - **device**: a browser that has signed in to an account carries a signed device cookie; its
//!   attempts for that account count only against the cookie (5 per window), so the user's own
//!   browser gets in while strangers are locked out.
//!
//! A successful sign-in gives its attempt back. Memory is bounded: when the table is full, expired
//! entries go first and then the stalest eighth; nothing is ever reset wholesale.

use chrono::{DateTime, Duration, Utc};
use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::{Arc, Mutex};

pub const WINDOW: Duration = Duration::minutes(15);
pub const PER_SOURCE_AND_ACCOUNT: usize = 5;
pub const PER_SOURCE: usize = 30;
pub const PER_ACCOUNT_UNTRUSTED: usize = 10;
pub const PER_DEVICE: usize = 5;
/// Entries kept before the stalest are evicted (about 200 bytes each).
pub const DEFAULT_CAPACITY: usize = 50_000;

/// Where an attempt comes from: an IPv4 address or the /64 network of an IPv6 address (one
/// household or mobile subscriber gets a whole /64, so single IPv6 addresses are free to rotate).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Source {
    V4([u8; 4]),
    V6Net([u8; 8]),
}

impl Source {
    pub fn of(ip: IpAddr) -> Self {
        match ip {
            IpAddr::V4(v4) => Self::V4(v4.octets()),
            IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
                Some(v4) => Self::V4(v4.octets()),
                None => {
                    let o = v6.octets();
                    let mut net = [0u8; 8];
                    net.copy_from_slice(&o[..8]);
                    Self::V6Net(net)
                }
            },
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    SourceAccount(Source, String),
    Source(Source),
    UntrustedAccount(String),
    Device(String),
}

impl Key {
    fn limit(&self) -> usize {
        match self {
            Self::SourceAccount(..) => PER_SOURCE_AND_ACCOUNT,
            Self::Source(_) => PER_SOURCE,
            Self::UntrustedAccount(_) => PER_ACCOUNT_UNTRUSTED,
            Self::Device(_) => PER_DEVICE,
        }
    }
}

/// Who is trying: the source, the normalized username, whether it names an existing account,
/// and the id of a valid device cookie issued for that account, if the browser sent one.
pub struct Attempt<'a> {
    pub source: Source,
    pub username: &'a str,
    pub account_exists: bool,
    pub device: Option<&'a str>,
}

impl Attempt<'_> {
    fn keys(&self) -> Vec<Key> {
        if let Some(device) = self.device {
            return vec![Key::Device(device.to_string())];
        }
        let mut keys = vec![
            Key::SourceAccount(self.source, self.username.to_string()),
            Key::Source(self.source),
        ];
        // Made-up usernames get no account-wide entry: spraying them cannot fill the table
        // and push a real account's lock out.
        if self.account_exists {
            keys.push(Key::UntrustedAccount(self.username.to_string()));
        }
        keys
    }
}

/// Why an attempt was refused, and for how long (whole minutes, rounded up).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Too many attempts from this source (or this device).
    Source { minutes: i64 },
    /// The account is locked for browsers that have not signed in to it before.
    AccountUntrusted { minutes: i64 },
}

/// A counted attempt. Hand it back with [`Throttle::succeeded`] when the password was right.
#[must_use]
pub struct Permit {
    keys: Vec<Key>,
    at: DateTime<Utc>,
}

#[derive(Clone)]
pub struct Throttle {
    inner: Arc<Mutex<Table>>,
}

struct Table {
    entries: HashMap<Key, VecDeque<DateTime<Utc>>>,
    capacity: usize,
}

impl Default for Throttle {
    fn default() -> Self {
        Self::with_capacity(DEFAULT_CAPACITY)
    }
}

fn minutes_until(t: DateTime<Utc>, now: DateTime<Utc>) -> i64 {
    ((t - now).num_seconds().max(1) + 59) / 60
}

impl Table {
    fn live(&mut self, key: &Key, now: DateTime<Utc>) -> usize {
        let Some(list) = self.entries.get_mut(key) else {
            return 0;
        };
        while list.front().is_some_and(|t| now - *t >= WINDOW) {
            list.pop_front();
        }
        list.len()
    }

    /// Makes room for one more entry: expired ones go first, then the stalest eighth, entries
    /// that are below their limit before those that hold a lock.
    fn make_room(&mut self, now: DateTime<Utc>) {
        if self.entries.len() < self.capacity {
            return;
        }
        self.entries
            .retain(|_, list| list.back().is_some_and(|t| now - *t < WINDOW));
        if self.entries.len() < self.capacity {
            return;
        }
        let mut order: Vec<(bool, DateTime<Utc>, Key)> = self
            .entries
            .iter()
            .filter_map(|(k, l)| Some((l.len() >= k.limit(), *l.back()?, k.clone())))
            .collect();
        let evict = (self.capacity / 8).max(1).min(order.len());
        order.select_nth_unstable_by(evict - 1, |a, b| (a.0, a.1).cmp(&(b.0, b.1)));
        for (_, _, key) in order.into_iter().take(evict) {
            self.entries.remove(&key);
        }
    }
}

impl Throttle {
    pub fn with_capacity(capacity: usize) -> Self {
        Self {
            inner: Arc::new(Mutex::new(Table {
                entries: HashMap::new(),
                capacity: capacity.max(8),
            })),
        }
    }

    fn table(&self) -> std::sync::MutexGuard<'_, Table> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Checks every key of the attempt and, only if all are below their limits, counts it
    /// against all of them, in one step.
    pub fn begin(&self, attempt: &Attempt<'_>, now: DateTime<Utc>) -> Result<Permit, Refusal> {
        let keys = attempt.keys();
        let mut table = self.table();
        let mut refusal: Option<Refusal> = None;
        for key in &keys {
            if table.live(key, now) < key.limit() {
                continue;
            }
            let oldest = table.entries[key][0];
            let minutes = minutes_until(oldest + WINDOW, now);
            let this = match key {
                Key::UntrustedAccount(_) => Refusal::AccountUntrusted { minutes },
                _ => Refusal::Source { minutes },
            };
            refusal = Some(match refusal {
                Some(r) if wait(r) >= minutes => r,
                _ => this,
            });
        }
        if let Some(r) = refusal {
            return Err(r);
        }
        for key in &keys {
            if !table.entries.contains_key(key) {
                table.make_room(now);
            }
            table.entries.entry(key.clone()).or_default().push_back(now);
        }
        Ok(Permit { keys, at: now })
    }

    /// The password was right: the attempt does not count, and the source × account and device
    /// histories start afresh.
    pub fn succeeded(&self, permit: Permit) {
        let mut table = self.table();
        for key in &permit.keys {
            match key {
                Key::SourceAccount(..) | Key::Device(_) => {
                    table.entries.remove(key);
                }
                _ => {
                    if let Some(list) = table.entries.get_mut(key)
                        && let Some(i) = list.iter().rposition(|t| *t == permit.at)
                    {
                        list.remove(i);
                    }
                }
            }
        }
    }

    /// Number of keys held (for tests of the memory bound).
    pub fn len(&self) -> usize {
        self.table().entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

fn wait(r: Refusal) -> i64 {
    match r {
        Refusal::Source { minutes } | Refusal::AccountUntrusted { minutes } => minutes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(last: u8) -> Source {
        Source::of(IpAddr::from([10, 0, 0, last]))
    }

    fn attempt<'a>(source: Source, username: &'a str, device: Option<&'a str>) -> Attempt<'a> {
        Attempt {
            source,
            username,
            account_exists: true,
            device,
        }
    }

    #[test]
    fn one_source_gets_exactly_five_attempts_per_account_and_window() {
        let t = Throttle::default();
        let now = Utc::now();
        let a = attempt(src(1), "styrelse", None);
        for _ in 0..PER_SOURCE_AND_ACCOUNT {
            assert!(t.begin(&a, now).is_ok());
        }
        assert_eq!(
            t.begin(&a, now).err(),
            Some(Refusal::Source { minutes: 15 })
        );
        assert!(t.begin(&a, now + WINDOW).is_ok(), "the window expires");
    }

    #[test]
    fn failures_from_one_source_do_not_lock_the_account_for_another_source() {
        let t = Throttle::default();
        let now = Utc::now();
        for _ in 0..PER_SOURCE_AND_ACCOUNT {
            assert!(t.begin(&attempt(src(1), "styrelse", None), now).is_ok());
        }
        assert!(t.begin(&attempt(src(2), "styrelse", None), now).is_ok());
    }

    #[test]
    fn typos_for_other_accounts_do_not_lock_a_shared_source() {
        let t = Throttle::default();
        let now = Utc::now();
        for name in ["anna", "bertil", "cesar", "david", "erik", "filip"] {
            assert!(t.begin(&attempt(src(1), name, None), now).is_ok());
        }
        assert!(t.begin(&attempt(src(1), "admin", None), now).is_ok());
    }

    #[test]
    fn a_spraying_source_is_stopped_across_accounts() {
        let t = Throttle::default();
        let now = Utc::now();
        for i in 0..PER_SOURCE {
            let name = format!("user{i}");
            assert!(t.begin(&attempt(src(1), &name, None), now).is_ok());
        }
        assert!(matches!(
            t.begin(&attempt(src(1), "admin", None), now),
            Err(Refusal::Source { .. })
        ));
    }

    #[test]
    fn an_attacked_account_is_locked_for_strangers_but_not_for_its_own_browser() {
        let t = Throttle::default();
        let now = Utc::now();
        for i in 0..PER_ACCOUNT_UNTRUSTED {
            let _ = t.begin(&attempt(src(i as u8), "ovningsledare", None), now);
        }
        assert_eq!(
            t.begin(&attempt(src(200), "ovningsledare", None), now)
                .err(),
            Some(Refusal::AccountUntrusted { minutes: 15 })
        );
        assert!(
            t.begin(&attempt(src(200), "ovningsledare", Some("dev1")), now)
                .is_ok()
        );
    }

    #[test]
    fn a_device_cookie_has_its_own_limit() {
        let t = Throttle::default();
        let now = Utc::now();
        let a = attempt(src(1), "anna", Some("dev1"));
        for _ in 0..PER_DEVICE {
            assert!(t.begin(&a, now).is_ok());
        }
        assert!(t.begin(&a, now).is_err());
    }

    #[test]
    fn success_gives_the_attempt_back() {
        let t = Throttle::default();
        let now = Utc::now();
        let a = attempt(src(1), "anna", None);
        for _ in 0..PER_SOURCE_AND_ACCOUNT - 1 {
            let _ = t.begin(&a, now);
        }
        let ok = t.begin(&a, now).map_err(|_| ()).unwrap();
        t.succeeded(ok);
        for _ in 0..PER_SOURCE_AND_ACCOUNT {
            assert!(t.begin(&a, now).is_ok());
        }
    }

    #[test]
    fn ipv6_addresses_are_grouped_by_their_64_network_and_mapped_v4_is_v4() {
        let a: IpAddr = "2001:db8:1:2::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:ffff::9".parse().unwrap();
        let c: IpAddr = "2001:db8:1:3::1".parse().unwrap();
        assert_eq!(Source::of(a), Source::of(b));
        assert_ne!(Source::of(a), Source::of(c));
        let mapped: IpAddr = "::ffff:10.0.0.1".parse().unwrap();
        assert_eq!(Source::of(mapped), src(1));
    }

    #[test]
    fn memory_is_bounded_and_locks_outlive_a_flood_of_made_up_names() {
        let t = Throttle::with_capacity(64);
        let start = Utc::now();
        let locked = attempt(src(1), "admin", None);
        for _ in 0..PER_SOURCE_AND_ACCOUNT {
            let _ = t.begin(&locked, start);
        }
        for i in 0..1000u32 {
            let now = start + Duration::milliseconds(i64::from(i) + 1);
            let name = format!("u{i}");
            let flood = Attempt {
                source: Source::V6Net(i.to_be_bytes().repeat(2).try_into().unwrap()),
                username: &name,
                account_exists: false,
                device: None,
            };
            let _ = t.begin(&flood, now);
            assert!(t.len() <= 64, "{} entries", t.len());
        }
        // The flood was newer, but admin's lock from src(1) is still there.
        assert!(t.begin(&locked, start + Duration::seconds(2)).is_err());
    }
}
