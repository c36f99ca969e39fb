//! A whole-response cache for hot read-only pages: the board dashboard, which board members
//! and planners open far more often than anything on it changes.
//!
//! It is sound because:
//! - an entry is keyed by everything the document depends on: the session (the header shows
//!   the user, and the role decides what is shown), the path with its query, and the day (the
//!   current period comes from it); only listed paths with their known query keys are kept;
//! - every committed change, this process's or another's (the bus hears both, see
//!   `app::backend::work`), bumps a generation and drops every entry; a render that a change
//!   overtook is not kept (the generation is taken before rendering);
//! - only plain GETs answered 200 are kept, so a refused form is never served from here;
//! - the CSP nonce is cut out of the stored document and the request's own spliced in;
//! - at most [`CAP`] entries are kept; a full cache starts over.
//!
//! A hit is answered before Leptos is reached. `REDO_PAGE_CACHE=0` switches it off.

use app::api::ctx::Session;
use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::Response;
use chrono::NaiveDate;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

/// The pages kept, each with the query keys it reads.
const PAGES: &[(&str, &[&str])] = &[("/beredskap", &["period", "area"])];
/// Most documents kept.
pub const CAP: usize = 256;
/// The header saying whether a page came from the cache (`hit`) or was rendered (`miss`).
pub const CACHE_HEADER: &str = "x-redo-page-cache";

#[derive(Clone)]
pub struct PageCache(Arc<Inner>);

struct Inner {
    enabled: AtomicBool,
    generation: AtomicU64,
    entries: Mutex<HashMap<Key, Arc<Entry>>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Key {
    token: String,
    uri: String,
    day: NaiveDate,
}

struct Entry {
    generation: u64,
    content_type: HeaderValue,
    /// The document cut at each occurrence of the nonce it was rendered with.
    parts: Vec<Bytes>,
}

impl Default for PageCache {
    fn default() -> Self {
        Self(Arc::new(Inner {
            enabled: AtomicBool::new(true),
            generation: AtomicU64::new(0),
            entries: Mutex::new(HashMap::new()),
        }))
    }
}

impl PageCache {
    /// A cache dropped by every event `bus` publishes.
    pub fn listening(bus: &app::backend::work::Bus) -> Self {
        let cache = Self::default();
        let c = cache.clone();
        bus.listen(move |_| c.bump());
        cache
    }

    pub fn set_enabled(&self, on: bool) {
        self.0.enabled.store(on, Ordering::SeqCst);
        self.bump();
    }

    fn entries(&self) -> std::sync::MutexGuard<'_, HashMap<Key, Arc<Entry>>> {
        self.0.entries.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Forgets every page; called for every committed change.
    pub fn bump(&self) {
        self.0.generation.fetch_add(1, Ordering::SeqCst);
        self.entries().clear();
    }

    pub fn generation(&self) -> u64 {
        self.0.generation.load(Ordering::SeqCst)
    }

    /// The key of a request that may be answered from the cache, or `None`.
    pub fn key(&self, req: &Request<Body>, day: NaiveDate) -> Option<Key> {
        if !self.0.enabled.load(Ordering::Relaxed) || req.method() != Method::GET {
            return None;
        }
        let (_, keys) = PAGES.iter().find(|(p, _)| *p == req.uri().path())?;
        let known = req.uri().query().is_none_or(|q| {
            q.split('&')
                .filter(|pair| !pair.is_empty())
                .all(|pair| keys.contains(&pair.split('=').next().unwrap_or_default()))
        });
        let session = req.extensions().get::<Session>()?;
        session.actor.as_ref()?;
        let token = session.token.clone()?;
        known.then(|| Key {
            token,
            uri: req.uri().to_string(),
            day,
        })
    }

    /// The kept document for `key` with `nonce` spliced in.
    pub fn get(&self, key: &Key, nonce: &str) -> Option<Response> {
        let entry = self.entries().get(key).cloned()?;
        if entry.generation != self.generation() {
            return None;
        }
        let mut body = Vec::with_capacity(entry.parts.iter().map(Bytes::len).sum::<usize>() + 64);
        for (i, part) in entry.parts.iter().enumerate() {
            if i > 0 {
                body.extend_from_slice(nonce.as_bytes());
            }
            body.extend_from_slice(part);
        }
        let mut res = Response::new(Body::from(body));
        *res.status_mut() = StatusCode::OK;
        res.headers_mut()
            .insert(header::CONTENT_TYPE, entry.content_type.clone());
        res.headers_mut()
            .insert(CACHE_HEADER, HeaderValue::from_static("hit"));
        Some(res)
    }

    /// Keeps `body`, rendered with `nonce` while the cache was at `generation`, unless a change
    /// came in meanwhile.
    pub fn store(
        &self,
        key: Key,
        generation: u64,
        content_type: HeaderValue,
        body: &Bytes,
        nonce: &str,
    ) {
        let parts = split(body, nonce.as_bytes());
        let mut entries = self.entries();
        if generation != self.generation() {
            return;
        }
        if entries.len() >= CAP {
            entries.clear();
        }
        entries.insert(
            key,
            Arc::new(Entry {
                generation,
                content_type,
                parts,
            }),
        );
    }
}

/// `body` cut at each occurrence of `needle` (which is left out).
fn split(body: &Bytes, needle: &[u8]) -> Vec<Bytes> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while !needle.is_empty() && i + needle.len() <= body.len() {
        if &body[i..i + needle.len()] == needle {
            parts.push(body.slice(start..i));
            i += needle.len();
            start = i;
        } else {
            i += 1;
        }
    }
    parts.push(body.slice(start..));
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nonce_is_cut_out_and_spliced_back() {
        let body = Bytes::from_static(b"<script nonce=\"abc\">x</script><p>abc</p>end");
        let parts = split(&body, b"abc");
        assert_eq!(parts.len(), 3);
        assert_eq!(&parts[0][..], b"<script nonce=\"");
        assert_eq!(&parts[2][..], b"</p>end");
        assert_eq!(split(&Bytes::from_static(b"none"), b"abc").len(), 1);
    }
}
