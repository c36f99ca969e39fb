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
//! - the CSP nonce is cut out of the stored document and the request's own spliced in — also
//!   into the gzip copy, whose parts are compressed apart so the nonce can go between them;
//! - at most [`CAP`] entries are kept; a full cache starts over;
//! - one kept page renders at a time, so a change is followed by one render, not a stampede.
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
const PAGES: &[(&str, &[&str])] = &[("/beredskap", &["period", "area", "indikator"])];
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
    /// Held while a kept page renders: after a change, the requests that miss together wait for
    /// one render instead of each rendering (and compressing) the same document.
    rendering: tokio::sync::Mutex<()>,
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
    gzip: Gzipped,
}

/// The parts deflated once, each apart and ending on a full flush (so none refers back to
/// another and each ends on a byte), with their CRC-32s: a gzip document for any nonce is the
/// header, the parts with the nonce between them as stored blocks, a final empty block and the
/// combined CRC.
struct Gzipped {
    segments: Vec<Vec<u8>>,
    crcs: Vec<crc32fast::Hasher>,
}

impl Gzipped {
    fn new(parts: &[Bytes]) -> Self {
        Self {
            segments: parts.iter().map(|p| deflate_full_flush(p)).collect(),
            crcs: parts
                .iter()
                .map(|p| {
                    let mut h = crc32fast::Hasher::new();
                    h.update(p);
                    h
                })
                .collect(),
        }
    }

    fn document(&self, nonce: &[u8], total: usize) -> Vec<u8> {
        let size: usize = self.segments.iter().map(Vec::len).sum();
        let mut out = Vec::with_capacity(size + self.segments.len() * (nonce.len() + 5) + 32);
        // Magic, deflate, no flags, no time, no extra flags, unknown OS.
        out.extend_from_slice(&[0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
        let mut nonce_crc = crc32fast::Hasher::new();
        nonce_crc.update(nonce);
        let mut crc = crc32fast::Hasher::new();
        for (i, (segment, part_crc)) in self.segments.iter().zip(&self.crcs).enumerate() {
            if i > 0 {
                // A stored block (not final): byte-aligned after the previous full flush.
                let n = nonce.len() as u16;
                out.push(0);
                out.extend_from_slice(&n.to_le_bytes());
                out.extend_from_slice(&(!n).to_le_bytes());
                out.extend_from_slice(nonce);
                crc.combine(&nonce_crc);
            }
            out.extend_from_slice(segment);
            crc.combine(part_crc);
        }
        // The final block: stored and empty.
        out.extend_from_slice(&[1, 0, 0, 0xff, 0xff]);
        out.extend_from_slice(&crc.finalize().to_le_bytes());
        out.extend_from_slice(&(total as u32).to_le_bytes());
        out
    }
}

/// Raw deflate of `data` ending on a full flush.
fn deflate_full_flush(data: &[u8]) -> Vec<u8> {
    let mut c = flate2::Compress::new(flate2::Compression::new(6), false);
    let mut out = Vec::with_capacity(data.len() / 3 + 64);
    loop {
        let done = c.total_in() as usize;
        if c.compress_vec(&data[done..], &mut out, flate2::FlushCompress::Full)
            .is_err()
        {
            // Cannot happen with a raw stream and room to write; leave the part uncompressed.
            return stored(data);
        }
        if c.total_in() as usize == data.len() && out.len() < out.capacity() {
            return out;
        }
        out.reserve(out.capacity().max(1024));
    }
}

/// `data` as stored (uncompressed) deflate blocks.
fn stored(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() + data.len() / 65535 * 5 + 5);
    for chunk in data.chunks(u16::MAX as usize) {
        let n = chunk.len() as u16;
        out.push(0);
        out.extend_from_slice(&n.to_le_bytes());
        out.extend_from_slice(&(!n).to_le_bytes());
        out.extend_from_slice(chunk);
    }
    out
}

/// Whether `Accept-Encoding` accepts gzip (not at q=0).
fn accepts_gzip(req: &Request<Body>) -> bool {
    req.headers()
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|token| {
            let mut it = token.split(';');
            let name = it.next().unwrap_or_default().trim();
            let zero = it.any(|p| {
                p.trim()
                    .strip_prefix("q=")
                    .and_then(|q| q.parse::<f32>().ok())
                    .is_some_and(|q| q == 0.0)
            });
            (name.eq_ignore_ascii_case("gzip") || name == "*") && !zero
        })
}

impl Default for PageCache {
    fn default() -> Self {
        Self(Arc::new(Inner {
            enabled: AtomicBool::new(true),
            generation: AtomicU64::new(0),
            entries: Mutex::new(HashMap::new()),
            rendering: tokio::sync::Mutex::new(()),
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

    /// Waits for the turn to render a kept page; look the page up again once it comes.
    pub async fn render_turn(&self) -> tokio::sync::MutexGuard<'_, ()> {
        self.0.rendering.lock().await
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

    /// The kept document for `key` with `nonce` spliced in, gzipped when `req` accepts it.
    pub fn get(&self, key: &Key, req: &Request<Body>, nonce: &str) -> Option<Response> {
        let entry = self.entries().get(key).cloned()?;
        if entry.generation != self.generation() {
            return None;
        }
        let total = entry.parts.iter().map(Bytes::len).sum::<usize>()
            + nonce.len() * (entry.parts.len() - 1);
        let gzip = accepts_gzip(req);
        let body = if gzip {
            entry.gzip.document(nonce.as_bytes(), total)
        } else {
            let mut body = Vec::with_capacity(total);
            for (i, part) in entry.parts.iter().enumerate() {
                if i > 0 {
                    body.extend_from_slice(nonce.as_bytes());
                }
                body.extend_from_slice(part);
            }
            body
        };
        let mut res = Response::new(Body::from(body));
        *res.status_mut() = StatusCode::OK;
        let h = res.headers_mut();
        h.insert(header::CONTENT_TYPE, entry.content_type.clone());
        h.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
        if gzip {
            h.insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
        }
        h.insert(CACHE_HEADER, HeaderValue::from_static("hit"));
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
        if generation != self.generation() {
            return;
        }
        let parts = split(body, nonce.as_bytes());
        let gzip = Gzipped::new(&parts);
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
                gzip,
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

    fn gunzip(data: &[u8]) -> Vec<u8> {
        use std::io::Read;
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(data)
            .read_to_end(&mut out)
            .unwrap();
        out
    }

    #[test]
    fn the_gzip_copy_decodes_to_the_document_with_the_new_nonce() {
        let doc = format!(
            "abc{}<script nonce=\"abc\">x</script>{}abc",
            "<p>Förmåga per förvaltning</p>".repeat(500),
            "<td>3</td>".repeat(2000)
        );
        let parts = split(&Bytes::from(doc.clone()), b"abc");
        assert_eq!(parts.len(), 4, "nonces first, inside and last");
        let gz = Gzipped::new(&parts);
        let nonce = "0123456789abcdef0123456789abcdef";
        let want = doc.replace("abc", nonce);
        let got = gz.document(nonce.as_bytes(), want.len());
        assert_eq!(gunzip(&got), want.as_bytes());
        assert!(
            got.len() < want.len() / 10,
            "compressed: {} of {}",
            got.len(),
            want.len()
        );
        // A document without a nonce, and an empty one.
        for doc in ["plain", ""] {
            let parts = split(&Bytes::from(doc), b"abc");
            let got = Gzipped::new(&parts).document(b"abc", doc.len());
            assert_eq!(gunzip(&got), doc.as_bytes());
        }
        assert_eq!(
            gunzip(&{
                let mut g = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];
                g.extend(stored(b"raw"));
                g.extend([1, 0, 0, 0xff, 0xff]);
                let mut h = crc32fast::Hasher::new();
                h.update(b"raw");
                g.extend(h.finalize().to_le_bytes());
                g.extend(3u32.to_le_bytes());
                g
            }),
            b"raw"
        );
    }

    #[test]
    fn gzip_is_accepted_unless_refused() {
        let req = |v: &str| {
            Request::get("/beredskap")
                .header(header::ACCEPT_ENCODING, v)
                .body(Body::empty())
                .unwrap()
        };
        for yes in [
            "gzip",
            "gzip, deflate, br, zstd",
            "br;q=1.0, GZIP;q=0.5",
            "*",
        ] {
            assert!(accepts_gzip(&req(yes)), "{yes}");
        }
        for no in ["br", "gzip;q=0", "identity"] {
            assert!(!accepts_gzip(&req(no)), "{no}");
        }
    }
}
