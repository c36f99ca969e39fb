//! The browser half of the live log (hydrate only): the offline queue in `localStorage`, the
//! event stream, the connection state, the service worker and the clock's tick.
//!
//! Every entry written is put in the queue first, with a key made on this device, and only
//! leaves it when the server has stored it (or refused it, when it stays visible with the
//! message). The queue is per user and exercise and survives a reload, a closed tab and an
//! expired session. The stream is opened from the last number seen; when it fails the page asks
//! the server whether the session still holds (`live_probe`), so "no network" and "signed out"
//! are told apart, and tries again.

use super::log::LogProps;
use crate::api::AppError;
use crate::domain::conduct::{ClockView, EntryInput, EntryView};
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

fn queue_key(props: &LogProps) -> String {
    format!("redo.kö.{}.{}", props.user_id, props.exercise_id)
}

fn draft_key(props: &LogProps) -> String {
    format!("redo.utkast.{}.{}", props.user_id, props.exercise_id)
}

pub fn load_queue(props: &LogProps) -> Vec<Pending> {
    storage()
        .and_then(|s| s.get_item(&queue_key(props)).ok().flatten())
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default()
}

pub fn save_queue(props: &LogProps, queue: &[Pending]) {
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

pub fn load_draft(props: &LogProps) -> String {
    storage()
        .and_then(|s| s.get_item(&draft_key(props)).ok().flatten())
        .unwrap_or_default()
}

pub fn save_draft(props: &LogProps, text: &str) {
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
    props: &LogProps,
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
pub async fn flush(props: &LogProps, changed: impl Fn(Vec<Pending>)) -> Option<Connection> {
    let mut tried: Vec<String> = Vec::new();
    loop {
        // Nothing left to send: all sent or refused.
        let item = load_queue(props)
            .into_iter()
            .find(|p| p.refused.is_none() && !tried.contains(&p.key))?;
        tried.push(item.key.clone());
        let sent = crate::api::conduct::log_entry(
            props.exercise_id,
            item.input.clone(),
            Some(item.key.clone()),
        )
        .await;
        match sent {
            Ok(_) => changed(update_stored(props, &item.key, |_| None)),
            Err(AppError::Unauthenticated) => return Some(Connection::SessionEnded),
            // The network or the server is away, or the first try is still in flight: later.
            Err(
                AppError::Internal(_) | AppError::Conflict(crate::domain::Msg::RequestInProgress),
            ) => return Some(Connection::Offline),
            Err(e) => {
                let text = match &e {
                    AppError::Invalid(f) => {
                        f.0.iter()
                            .map(|x| crate::ui::texts::sv::message(&x.message))
                            .collect::<Vec<_>>()
                            .join(" ")
                    }
                    other => other.to_string(),
                };
                changed(update_stored(props, &item.key, |mut p| {
                    p.refused = Some(text);
                    Some(p)
                }));
            }
        }
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
    on_entry: impl Fn(EntryView) + 'static,
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
        if let Some(view) = data.and_then(|d| serde_json::from_str::<EntryView>(&d).ok()) {
            on_entry(view);
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
