//! Login rate limiting: a sliding window of failures per key (username and client address).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, Utc};

pub const MAX_FAILURES: usize = 5;
pub const WINDOW_MINUTES: i64 = 15;

/// Remembers recent failed logins in memory; a restart forgets them, which is acceptable.
#[derive(Clone, Default)]
pub struct LoginLimiter {
    failures: Arc<Mutex<HashMap<String, Vec<DateTime<Utc>>>>>,
}

impl LoginLimiter {
    /// Minutes until `key` may try again, or `None` if it may try now.
    pub fn blocked_for(&self, key: &str, now: DateTime<Utc>) -> Option<i64> {
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        let list = map.get_mut(key)?;
        list.retain(|t| now - *t < Duration::minutes(WINDOW_MINUTES));
        if list.len() < MAX_FAILURES {
            return None;
        }
        let oldest = list.iter().min().copied().unwrap_or(now);
        let wait = Duration::minutes(WINDOW_MINUTES) - (now - oldest);
        Some((wait.num_seconds() + 59) / 60)
    }

    pub fn record_failure(&self, key: &str, now: DateTime<Utc>) {
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        if map.len() > 100_000 {
            map.clear();
        }
        map.entry(key.to_string()).or_default().push(now);
    }

    pub fn clear(&self, key: &str) {
        self.failures
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sixth_attempt_within_the_window_is_blocked_and_the_window_expires() {
        let l = LoginLimiter::default();
        let t0 = Utc::now();
        for _ in 0..MAX_FAILURES {
            assert_eq!(l.blocked_for("anna", t0), None);
            l.record_failure("anna", t0);
        }
        assert_eq!(l.blocked_for("anna", t0), Some(WINDOW_MINUTES));
        assert_eq!(
            l.blocked_for("bertil", t0),
            None,
            "other keys are unaffected"
        );
        assert_eq!(
            l.blocked_for("anna", t0 + Duration::minutes(WINDOW_MINUTES)),
            None
        );
    }
}
