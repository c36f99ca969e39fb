//! The browser half of the live log (hydrate only): the offline queue in `localStorage`, the
//! event stream, the connection state, the service worker and the clock's tick.
//!
//! Every entry written is put in the queue first, with a key made on this device, and only
//! leaves it when the server has stored it (or refused it, when it stays visible with the
//! message). The queue is per user and exercise and survives a reload, a closed tab and an
//! expired session. The stream is opened from the last number seen; when it fails the page asks
//! the server whether the session still holds (`live_probe`), so "no network" and "signed out"
//! are told apart, and tries again.

use super::live_island::StreamProps;
use crate::api::AppError;
use crate::domain::Msg;
use crate::domain::conduct::{ClockView, EntryInput, EntryKind};
use crate::ui::texts::sv as t;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

/// An entry on its way to the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pending {
    pub key: String,
    pub input: EntryInput,
    /// The server's refusal, shown beside the entry; `None` while it waits.
    #[serde(default)]
    pub refused: Option<String>,
}

/// Whether the page hears the log as it is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Connection {
    Connecting,
    Connected,
    Offline,
    SessionEnded,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

fn queue_key(props: &StreamProps) -> String {
    format!("redo.kö.{}.{}", props.user_id, props.exercise_id)
}

fn draft_key(props: &StreamProps) -> String {
    format!("redo.utkast.{}.{}", props.user_id, props.exercise_id)
}

pub fn load_queue(props: &StreamProps) -> Vec<Pending> {
    storage()
        .and_then(|s| s.get_item(&queue_key(props)).ok().flatten())
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default()
}

pub fn save_queue(props: &StreamProps, queue: &[Pending]) {
    if let Some(s) = storage() {
        let _ = if queue.is_empty() {
            s.remove_item(&queue_key(props))
        } else {
            s.set_item(
                &queue_key(props),
                &serde_json::to_string(queue).unwrap_or_default(),
            )
        };
    }
}

pub fn load_draft(props: &StreamProps) -> String {
    storage()
        .and_then(|s| s.get_item(&draft_key(props)).ok().flatten())
        .unwrap_or_default()
}

pub fn save_draft(props: &StreamProps, text: &str) {
    if let Some(s) = storage() {
        let _ = if text.is_empty() {
            s.remove_item(&draft_key(props))
        } else {
            s.set_item(&draft_key(props), text)
        };
    }
}

/// A key no other entry of this device has: time and randomness.
pub fn new_key() -> String {
    let now = js_sys::Date::now() as u64;
    let a = (js_sys::Math::random() * 4_294_967_296.0) as u64;
    let b = (js_sys::Math::random() * 4_294_967_296.0) as u64;
    format!("enhet-{now:x}-{a:08x}{b:08x}")
}

/// The device's time now, as the server reads it.
pub fn now_rfc3339() -> String {
    js_sys::Date::new_0()
        .to_iso_string()
        .as_string()
        .unwrap_or_default()
}

/// The device's wall-clock time "HH:MM" (its own time zone: the command post's).
pub fn wall_now() -> String {
    let d = js_sys::Date::new_0();
    format!("{:02}:{:02}", d.get_hours(), d.get_minutes())
}

/// Registers the service worker that keeps the page available offline.
pub fn register_service_worker() {
    if let Some(w) = web_sys::window() {
        let sw = w.navigator().service_worker();
        let _ = sw.register("/sw.js");
    }
}

pub fn online() -> bool {
    web_sys::window().is_none_or(|w| w.navigator().on_line())
}

/// Changes the stored queue's item `key` (removes it when `f` gives `None`), reading the
/// queue afresh so entries queued meanwhile (in this tab or another) are kept.
fn update_stored(
    props: &StreamProps,
    key: &str,
    f: impl FnOnce(Pending) -> Option<Pending>,
) -> Vec<Pending> {
    let mut queue = load_queue(props);
    if let Some(at) = queue.iter().position(|p| p.key == key) {
        let item = queue.remove(at);
        if let Some(item) = f(item) {
            queue.insert(at, item);
        }
    }
    save_queue(props, &queue);
    queue
}

/// Sends the waiting entries, oldest first, until one cannot be sent now; `changed` gets the
/// queue after each step. Returns the connection state the attempt showed (`None`: all sent or
/// refused).
pub async fn flush(props: &StreamProps, changed: impl Fn(Vec<Pending>)) -> Option<Connection> {
    let mut tried: Vec<String> = Vec::new();
    loop {
        // Nothing left to send: all sent or refused.
        let item = load_queue(props)
            .into_iter()
            .find(|p| p.refused.is_none() && !tried.contains(&p.key))?;
        tried.push(item.key.clone());
        let sent = log_entry(props.exercise_id, &item.input, &item.key).await;
        match sent {
            Ok(_) => changed(update_stored(props, &item.key, |_| None)),
            Err(AppError::Unauthenticated) => return Some(Connection::SessionEnded),
            // The network or the server is away, or the first try is still in flight: later.
            Err(
                AppError::Internal(_) | AppError::Conflict(crate::domain::Msg::RequestInProgress),
            ) => return Some(Connection::Offline),
            Err(e) => {
                let text = refusal(&e);
                changed(update_stored(props, &item.key, |mut p| {
                    p.refused = Some(text);
                    Some(p)
                }));
            }
        }
    }
}

/// Calls a server function the way a form posts to it (the names its arguments have in the
/// form, urlencoded). The page calls the two it needs this way rather than through the server
/// function client, which would bring that client, its encoders and a second JSON parser into
/// the bundle. A refusal is read with `AppError::decode_worded`; no answer is `Internal`.
async fn post(path: &str, fields: &[(&str, &str)], key: Option<&str>) -> Result<(), AppError> {
    use wasm_bindgen_futures::JsFuture;
    let offline = || AppError::Internal("nätverk".into());
    let body = fields
        .iter()
        .map(|(k, v)| {
            format!(
                "{}={}",
                js_sys::encode_uri_component(k),
                js_sys::encode_uri_component(v)
            )
        })
        .collect::<Vec<_>>()
        .join("&");
    let headers = web_sys::Headers::new().map_err(|_| offline())?;
    let _ = headers.set("Content-Type", "application/x-www-form-urlencoded");
    let _ = headers.set("Accept", "application/json");
    if let Some(key) = key {
        let _ = headers.set("Idempotency-Key", key);
    }
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_headers(&headers);
    init.set_body(&wasm_bindgen::JsValue::from_str(&body));
    let window = web_sys::window().ok_or_else(offline)?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str_and_init(path, &init))
        .await
        .map_err(|_| offline())?
        .dyn_into()
        .map_err(|_| offline())?;
    if response.ok() {
        return Ok(());
    }
    let text = match response.text() {
        Ok(promise) => JsFuture::from(promise)
            .await
            .ok()
            .and_then(|t| t.as_string())
            .unwrap_or_default(),
        Err(_) => String::new(),
    };
    Err(AppError::decode_worded(&text))
}

/// `api::conduct::log_entry` with the entry's key.
async fn log_entry(exercise_id: i64, input: &EntryInput, key: &str) -> Result<(), AppError> {
    use crate::api::conduct::LogEntry;
    use leptos::server_fn::ServerFn;
    let id = exercise_id.to_string();
    post(
        LogEntry::PATH,
        &[
            ("id", &id),
            ("input[kind]", &input.kind),
            ("input[text]", &input.text),
            ("input[observed_at]", &input.observed_at),
            ("input[inject]", &input.inject),
            ("input[objective]", &input.objective),
            ("input[forvaltning]", &input.forvaltning),
            ("idempotency_key", key),
        ],
        Some(key),
    )
    .await
}

/// `api::conduct::live_probe`: whether the session still holds (`Unauthenticated` when not).
pub async fn live_probe(exercise_id: i64) -> Result<(), AppError> {
    use crate::api::conduct::LiveProbe;
    use leptos::server_fn::ServerFn;
    post(LiveProbe::PATH, &[("id", &exercise_id.to_string())], None).await
}

/// What the page says about an entry the server refused: the server's wording of its messages
/// (`AppError::decode_worded`), so the bundle needs no message catalogue.
fn refusal(e: &AppError) -> String {
    let worded = |m: &Msg| match m {
        Msg::Worded(text) => text.clone(),
        _ => String::new(),
    };
    match e {
        AppError::Invalid(f) => {
            f.0.iter()
                .map(|x| worded(&x.message))
                .collect::<Vec<_>>()
                .join(" ")
        }
        AppError::Conflict(m) => worded(m),
        AppError::Forbidden => t::ERR_FORBIDDEN.into(),
        AppError::NotFound => t::ERR_NOT_FOUND.into(),
        _ => t::ERR_BAD_REQUEST.into(),
    }
}

/// A new row of the log as the stream brings it: what the page needs to place the server's
/// rendering of it (the rest of the row's fields are not read).
#[derive(Debug, Deserialize)]
pub struct Arrived {
    pub seq: i64,
    pub entry_id: i64,
    pub kind: EntryKind,
    pub author_id: i64,
    pub objective_id: Option<i64>,
    pub inject: Option<InjectId>,
    pub clock: Option<ClockView>,
    pub html: String,
    pub banner: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct InjectId {
    pub id: i64,
}

/// Places an arrived row in the log: a new entry on top, a correction in place of the version
/// shown, nothing when the page's filters leave it out; a safety stop or real event also fills
/// the alert banner. The "Rätta" link (hidden in the stream) stays for those who may correct.
pub fn place(props: &StreamProps, a: &Arrived) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let id = format!("post-{}", a.entry_id);
    let shown = props.filter.matches_parts(
        a.kind,
        a.author_id,
        a.objective_id,
        a.inject.as_ref().map(|i| i.id),
    );
    match (doc.get_element_by_id(&id), shown) {
        (Some(old), true) => old.set_outer_html(&a.html),
        (Some(old), false) => old.remove(),
        (None, true) => {
            if let Some(list) = doc.get_element_by_id("logg-lista") {
                let _ = list.insert_adjacent_html("afterbegin", &a.html);
            }
            if let Some(empty) = doc.get_element_by_id("logg-tom") {
                empty.remove();
            }
        }
        (None, false) => {}
    }
    if let Some(link) = doc
        .get_element_by_id(&id)
        .and_then(|e| e.query_selector(".entry-correct").ok().flatten())
    {
        if props.may_correct(a.kind, a.author_id) {
            let _ = link.remove_attribute("hidden");
        } else {
            link.remove();
        }
    }
    if let Some(banner) = &a.banner
        && let Some(el) = doc.get_element_by_id("live-larm")
    {
        el.set_inner_html(banner);
        let _ = el.remove_attribute("hidden");
    }
}

/// An open event stream and the closures it calls (dropped with it).
pub struct Stream {
    source: web_sys::EventSource,
    _closures: Vec<Closure<dyn FnMut(web_sys::Event)>>,
}

impl Drop for Stream {
    fn drop(&mut self) {
        self.source.close();
    }
}

/// Opens the log's stream after number `after`: `on_entry` gets each row, `on_open` and
/// `on_error` the state.
pub fn open_stream(
    exercise_id: i64,
    after: i64,
    on_entry: impl Fn(Arrived) + 'static,
    on_pulse: impl Fn() + 'static,
    on_open: impl Fn() + 'static,
    on_error: impl Fn() + 'static,
) -> Option<Stream> {
    let url = format!("/api/live/{exercise_id}/handelser?efter={after}");
    let source = web_sys::EventSource::new(&url).ok()?;
    let entry = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
        let data = e
            .dyn_ref::<web_sys::MessageEvent>()
            .and_then(|m| m.data().as_string());
        if let Some(arrived) = data.and_then(|d| serde_json::from_str::<Arrived>(&d).ok()) {
            on_entry(arrived);
        }
    });
    let pulse = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| on_pulse());
    let open = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| on_open());
    let error = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| on_error());
    let _ = source.add_event_listener_with_callback("entry", entry.as_ref().unchecked_ref());
    let _ = source.add_event_listener_with_callback("puls", pulse.as_ref().unchecked_ref());
    source.set_onopen(Some(open.as_ref().unchecked_ref()));
    source.set_onerror(Some(error.as_ref().unchecked_ref()));
    Some(Stream {
        source,
        _closures: vec![entry, pulse, open, error],
    })
}

/// The scenario time a clock shows at the device's time now (`offset_ms`: server − device).
pub fn scenario_text(clock: &ClockView, offset_ms: i64) -> String {
    let now = js_sys::Date::now() as i64 + offset_ms;
    let ms = clock.scenario_at_ms(now);
    let start = chrono::DateTime::from_timestamp_millis(clock.start_day_ms)
        .map(|d| d.naive_utc())
        .unwrap_or_default();
    chrono::DateTime::from_timestamp_millis(ms)
        .map(|t| crate::domain::conduct::scenario_label(t.naive_utc(), start))
        .unwrap_or_default()
}
