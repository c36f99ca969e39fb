//! The live view's islands. `LiveClock`: scenario time beside wall time, ticking, with the
//! control buttons (server-rendered children). `LiveEntry`: the connection state, the entry form
//! (its fields are server-rendered children) and the entries waiting to be sent. Rendered on the
//! server they are the clock as it was and a plain form that posts to the page; in the browser
//! (`live_client`) entries go through the offline queue, the stream brings each new entry as
//! the server rendered it and the page places it in the log, the clock ticks, Enter saves and
//! Alt+digit picks the kind.

use super::log::LogFilterProps;
use crate::domain::conduct::{ClockView, EntryKind};
use crate::ui::texts::sv as t;
use leptos::prelude::*;

/// The clock as the page was rendered.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ClockProps {
    pub view: ClockView,
    /// Scenario time and wall time as the server wrote them.
    pub scenario: String,
    pub wall: String,
}

/// What the browser needs to follow the log and write to it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct StreamProps {
    pub exercise_id: i64,
    pub user_id: i64,
    /// The page's path, where the plain form posts.
    pub page: String,
    /// Whether the reader is on the staff with a role that logs.
    pub can_log: bool,
    /// The kinds the reader may write, in shortcut order.
    pub kinds: Vec<EntryKind>,
    pub last_seq: i64,
    /// The page's filters: arriving entries that do not match are not shown.
    pub filter: LogFilterProps,
    /// Whether the reader may correct other people's entries (control).
    pub corrects_all: bool,
}

impl StreamProps {
    /// Whether the reader may correct an entry of this kind by this author.
    #[cfg(any(feature = "hydrate", test))]
    pub fn may_correct(&self, kind: EntryKind, author_id: i64) -> bool {
        super::log::may_correct(
            self.can_log,
            self.corrects_all,
            self.user_id,
            kind,
            author_id,
        )
    }
}

#[cfg(feature = "hydrate")]
mod client {
    use super::super::live_client::{
        self as c, Connection, Pending, flush, load_queue, open_stream, save_queue,
    };
    use super::StreamProps;
    use crate::api::AppError;
    use crate::domain::conduct::{ClockView, EntryInput};
    use leptos::prelude::*;
    use std::cell::{Cell, RefCell};
    use std::rc::Rc;
    use std::time::Duration;
    use wasm_bindgen::JsCast;

    thread_local! {
        /// The page's one live log.
        static CLIENT: RefCell<Option<Rc<Client>>> = const { RefCell::new(None) };
        /// The clock island's state, which arriving control entries set.
        static CLOCK: Cell<Option<RwSignal<ClockView>>> = const { Cell::new(None) };
    }

    pub fn install_clock(clock: RwSignal<ClockView>) {
        CLOCK.with(|c| c.set(Some(clock)));
    }

    /// Runs `f` with the page's client, once it has started.
    pub fn with<R>(f: impl FnOnce(&Rc<Client>) -> R) -> Option<R> {
        CLIENT.with(|c| c.borrow().as_ref().map(f))
    }

    pub fn install(client: Rc<Client>) {
        CLIENT.with(|c| *c.borrow_mut() = Some(client));
    }

    /// The page's state in the browser.
    pub struct Client {
        pub props: StreamProps,
        last: Cell<i64>,
        pub queue: RwSignal<Vec<Pending>>,
        pub conn: RwSignal<Option<Connection>>,
        stream: RefCell<Option<c::Stream>>,
        flushing: Cell<bool>,
        heard: Cell<f64>,
        retry: Cell<u32>,
    }

    impl Client {
        pub fn new(
            props: StreamProps,
            queue: RwSignal<Vec<Pending>>,
            conn: RwSignal<Option<Connection>>,
        ) -> Rc<Self> {
            Rc::new(Self {
                last: Cell::new(props.last_seq),
                props,
                queue,
                conn,
                stream: RefCell::new(None),
                flushing: Cell::new(false),
                heard: Cell::new(js_sys::Date::now()),
                retry: Cell::new(0),
            })
        }

        fn received(&self, arrived: c::Arrived) {
            self.heard.set(js_sys::Date::now());
            if arrived.seq <= self.last.get() {
                return;
            }
            self.last.set(arrived.seq);
            if let Some(clock) = arrived.clock.clone()
                && let Some(signal) = CLOCK.with(Cell::get)
            {
                signal.set(clock);
            }
            c::place(&self.props, &arrived);
        }

        /// Opens the stream from the last number seen.
        pub fn connect(self: &Rc<Self>) {
            self.stream.borrow_mut().take();
            if self.conn.get_untracked() != Some(Connection::SessionEnded) {
                self.conn.set(Some(Connection::Connecting));
            }
            let (a, b, d, e) = (self.clone(), self.clone(), self.clone(), self.clone());
            let stream = open_stream(
                self.props.exercise_id,
                self.last.get(),
                move |arrived| a.received(arrived),
                move || b.heard.set(js_sys::Date::now()),
                move || {
                    d.heard.set(js_sys::Date::now());
                    d.retry.set(0);
                    d.conn.set(Some(Connection::Connected));
                    d.flush();
                },
                move || e.failed(),
            );
            *self.stream.borrow_mut() = stream;
        }

        /// The stream failed: ask whether the session holds, then try again.
        pub fn failed(self: &Rc<Self>) {
            self.stream.borrow_mut().take();
            let me = self.clone();
            leptos::task::spawn_local(async move {
                let probe = c::live_probe(me.props.exercise_id).await;
                let wait = match probe {
                    Ok(()) => 1,
                    Err(AppError::Unauthenticated) => {
                        me.conn.set(Some(Connection::SessionEnded));
                        10
                    }
                    Err(_) => {
                        me.conn.set(Some(Connection::Offline));
                        (2 + me.retry.get() * 2).min(10)
                    }
                };
                me.retry.set(me.retry.get() + 1);
                let again = me.clone();
                set_timeout(move || again.connect(), Duration::from_secs(wait.into()));
            });
        }

        /// Sends what waits, unless a send is under way.
        pub fn flush(self: &Rc<Self>) {
            if self.flushing.get() || !c::online() {
                return;
            }
            self.flushing.set(true);
            let me = self.clone();
            leptos::task::spawn_local(async move {
                let queue = me.queue;
                let state = flush(&me.props, move |q| queue.set(q)).await;
                me.flushing.set(false);
                me.queue.set(load_queue(&me.props));
                match state {
                    Some(Connection::SessionEnded) => {
                        me.conn.set(Some(Connection::SessionEnded));
                    }
                    Some(_) => {
                        let again = me.clone();
                        set_timeout(move || again.flush(), Duration::from_secs(3));
                    }
                    None => {}
                }
            });
        }

        /// Puts an entry in the queue (so it survives whatever happens next) and sends it.
        pub fn submit(self: &Rc<Self>, input: EntryInput) {
            let mut queue = load_queue(&self.props);
            queue.push(Pending {
                key: c::new_key(),
                input,
                refused: None,
            });
            save_queue(&self.props, &queue);
            self.queue.set(queue);
            self.flush();
        }

        pub fn forget(self: &Rc<Self>, key: &str) -> Option<Pending> {
            let mut queue = load_queue(&self.props);
            let at = queue.iter().position(|p| p.key == key)?;
            let item = queue.remove(at);
            save_queue(&self.props, &queue);
            self.queue.set(queue);
            Some(item)
        }

        /// Every few seconds: a stream silent past its heartbeats is dead.
        pub fn watch(self: &Rc<Self>) {
            let me = self.clone();
            let _ = set_interval_with_handle(
                move || {
                    let silent = js_sys::Date::now() - me.heard.get();
                    if me.conn.get_untracked() == Some(Connection::Connected) && silent > 40_000.0 {
                        me.failed();
                    }
                },
                Duration::from_secs(5),
            );
        }
    }

    fn element<T: wasm_bindgen::JsCast>(id: &str) -> Option<T> {
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(id))
            .and_then(|e| e.dyn_into::<T>().ok())
    }

    pub fn select_value(id: &str) -> String {
        element::<web_sys::HtmlSelectElement>(id)
            .map(|s| s.value())
            .unwrap_or_default()
    }

    pub fn set_select(id: &str, value: &str) {
        if let Some(s) = element::<web_sys::HtmlSelectElement>(id) {
            s.set_value(value);
        }
    }

    pub fn text_area() -> Option<web_sys::HtmlTextAreaElement> {
        element("post-text")
    }
}

#[island]
pub fn LiveClock(clock: ClockProps, children: Children) -> impl IntoView {
    let clock_view = RwSignal::new(clock.view.clone());
    let scenario_text = RwSignal::new(clock.scenario.clone());
    let wall_text = RwSignal::new(clock.wall.clone());
    #[cfg(feature = "hydrate")]
    {
        client::install_clock(clock_view);
        Effect::new(move |_| {
            use super::live_client as c;
            let _ = set_interval_with_handle(
                move || {
                    scenario_text.set(c::scenario_text(&clock_view.get_untracked(), 0));
                    wall_text.set(c::wall_now());
                },
                std::time::Duration::from_secs(1),
            );
        });
    }
    let state = move || clock_view.with(|c| c.state);
    view! {
        <section class="panel live-clock" aria-labelledby="klocka-rubrik">
            <h2 id="klocka-rubrik" class="visually-hidden">{t::LIVE_SCENARIO_TIME}</h2>
            <dl class="clock">
                <div>
                    <dt>{t::LIVE_SCENARIO_TIME}</dt>
                    <dd class="clock-scenario">{move || scenario_text.get()}</dd>
                </div>
                <div>
                    <dt>{t::LIVE_WALL_TIME}</dt>
                    <dd class="clock-wall">{move || wall_text.get()}</dd>
                </div>
                <div>
                    <dt>{t::STATUS}</dt>
                    <dd class=move || format!("clock-state clock-{}", state().code())>{move || state().label()}</dd>
                </div>
            </dl>
            {children()}
        </section>
    }
}

/// The connection state, the entry form around its server-rendered fields (`children`, empty
/// for a reader who may not log) and the entries waiting to be sent.
#[island]
pub fn LiveEntry(props: StreamProps, children: Children) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    let queue = RwSignal::new(Vec::<super::live_client::Pending>::new());
    #[cfg(feature = "hydrate")]
    let conn = RwSignal::new(None::<super::live_client::Connection>);
    let local_error = RwSignal::new(None::<&'static str>);
    let can_log = props.can_log;

    #[cfg(feature = "hydrate")]
    {
        client::install(client::Client::new(props.clone(), queue, conn));
        Effect::new(move |_| {
            use super::live_client as c;
            let Some(client) = client::with(|c| c.clone()) else {
                return;
            };
            c::register_service_worker();
            let mut stored = c::load_queue(&client.props);
            stored.retain(|p| p.input.kind.len() < 64);
            client.queue.set(stored);
            if let Some(area) = client::text_area()
                && area.value().is_empty()
            {
                area.set_value(&c::load_draft(&client.props));
            }
            client.connect();
            client.flush();
            client.watch();
            let (on, off) = (client.clone(), client.clone());
            let _ = window_event_listener(leptos::ev::online, move |_| {
                on.connect();
                on.flush();
            });
            let _ = window_event_listener(leptos::ev::offline, move |_| {
                off.conn.set(Some(c::Connection::Offline));
            });
        });
    }
    let on_submit = {
        move |ev: leptos::ev::SubmitEvent| {
            #[cfg(feature = "hydrate")]
            {
                use client::{select_value, set_select, text_area};
                let Some(client) = client::with(|c| c.clone()) else {
                    return;
                };
                ev.prevent_default();
                let Some(area) = text_area() else { return };
                let text = area.value();
                if text.trim().is_empty() {
                    local_error.set(Some(t::LIVE_TEXT_REQUIRED));
                    let _ = area.focus();
                    return;
                }
                local_error.set(None);
                client.submit(crate::domain::conduct::EntryInput {
                    kind: select_value("post-sort"),
                    text,
                    observed_at: super::live_client::now_rfc3339(),
                    inject: select_value("post-inspel"),
                    objective: select_value("post-mal"),
                    forvaltning: select_value("post-forvaltning"),
                });
                area.set_value("");
                super::live_client::save_draft(&client.props, "");
                for id in ["post-inspel", "post-mal", "post-forvaltning"] {
                    set_select(id, "");
                }
                let _ = area.focus();
            }
            #[cfg(not(feature = "hydrate"))]
            let _ = ev;
        }
    };
    let on_keydown = {
        let kinds = props.kinds.clone();
        move |ev: leptos::ev::KeyboardEvent| {
            #[cfg(feature = "hydrate")]
            {
                use wasm_bindgen::JsCast;
                let key = ev.key();
                if ev.alt_key()
                    && let Some(n) = key.parse::<usize>().ok().filter(|n| (1..=6).contains(n))
                {
                    let kind = EntryKind::WRITTEN[n - 1];
                    if kinds.contains(&kind) {
                        client::set_select("post-sort", kind.code());
                        ev.prevent_default();
                    }
                    return;
                }
                let in_text = ev
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
                    .is_some_and(|t| t.id() == "post-text");
                if key == "Enter" && in_text && !ev.shift_key() && !ev.is_composing() {
                    ev.prevent_default();
                    if let Some(form) = ev
                        .current_target()
                        .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok())
                    {
                        let _ = form.request_submit();
                    }
                }
            }
            #[cfg(not(feature = "hydrate"))]
            let _ = (ev, &kinds);
        }
    };
    let on_input = {
        move |_ev: leptos::ev::Event| {
            #[cfg(feature = "hydrate")]
            if let Some(area) = client::text_area() {
                client::with(|c| super::live_client::save_draft(&c.props, &area.value()));
            }
        }
    };

    // What the page shows about the connection and the queue (nothing without JavaScript).
    #[cfg(feature = "hydrate")]
    let status = {
        use super::live_client::Connection;
        let login = format!("/logga-in?next=/ovningar/{}/live", props.exercise_id);
        move || {
            let waiting = queue.with(|q| q.iter().filter(|p| p.refused.is_none()).count());
            conn.get().map(|c| {
                let (class, text) = match c {
                    Connection::Connected => ("connection on", t::LIVE_CONNECTED),
                    Connection::Connecting => ("connection off", t::LIVE_CONNECTING),
                    Connection::Offline => ("connection off", t::LIVE_OFFLINE),
                    Connection::SessionEnded => ("connection ended", t::LIVE_SESSION_ENDED),
                };
                view! {
                    <p class=class role="status" data-state=format!("{c:?}")>
                        {text}
                        {(c == Connection::SessionEnded)
                            .then(|| view! { " " <a href=login.clone()>{t::LOGIN_AGAIN}</a> })}
                        {(waiting > 0).then(|| format!(" · {} ({waiting})", t::LIVE_WAITING))}
                    </p>
                }
            })
        }
    };
    #[cfg(not(feature = "hydrate"))]
    let status = || ();

    #[cfg(feature = "hydrate")]
    let pending = {
        move || {
            let items = queue.get();
            (!items.is_empty()).then(|| {
                let waiting = items.iter().filter(|p| p.refused.is_none()).count();
                view! {
                    <div class="queue">
                        <h3 class="queue-head">{format!("{} ({waiting})", t::LIVE_WAITING_HEAD)}</h3>
                        <ul class="pending">
                            {items
                                .into_iter()
                                .map(|p| {
                                    let key = p.key.clone();
                                    let refused = p.refused.clone();
                                    let class = if refused.is_some() { "refused" } else { "waiting" };
                                    let kind = EntryKind::from_code(&p.input.kind).map(|k| k.label()).unwrap_or_default();
                                    view! {
                                        <li class=class>
                                            <span class="tag">{kind}</span>
                                            " "
                                            {p.input.text.clone()}
                                            {refused
                                                .map(|r| {
                                                    view! {
                                                        <p class="field-error">{format!("{}: {r}", t::LIVE_REFUSED_ENTRY)}</p>
                                                        <button
                                                            type="button"
                                                            class="button small"
                                                            on:click=move |_| {
                                                                if let Some(item) = client::with(|c| c.forget(&key)).flatten()
                                                                    && let Some(area) = client::text_area()
                                                                {
                                                                    area.set_value(&item.input.text);
                                                                    let _ = area.focus();
                                                                }
                                                            }
                                                        >
                                                            {t::LIVE_CORRECT}
                                                        </button>
                                                    }
                                                })}
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    </div>
                }
            })
        }
    };
    #[cfg(not(feature = "hydrate"))]
    let pending = || ();

    let page = props.page.clone();
    view! {
        {status}
        {can_log
            .then(|| {
                view! {
                    <form
                        method="post"
                        action=page
                        class="entry-form"
                        on:submit=on_submit
                        on:keydown=on_keydown
                        on:input=on_input
                    >
                        {children()}
                        <p class="field-error" aria-live="polite">{move || local_error.get()}</p>
                        <button type="submit" class="button primary">{t::LIVE_SAVE}</button>
                    </form>
                    {pending}
                }
            })}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_corrects_all_but_the_clock_others_their_own_and_observers_without_a_role_none() {
        let mut p = StreamProps {
            exercise_id: 1,
            user_id: 7,
            page: String::new(),
            can_log: true,
            kinds: Vec::new(),
            last_seq: 0,
            filter: LogFilterProps::default(),
            corrects_all: false,
        };
        assert!(p.may_correct(EntryKind::Observation, 7));
        assert!(!p.may_correct(EntryKind::Observation, 8));
        p.corrects_all = true;
        assert!(p.may_correct(EntryKind::Observation, 8));
        assert!(!p.may_correct(EntryKind::Control, 7));
        p.can_log = false;
        assert!(!p.may_correct(EntryKind::Observation, 7));
    }
}
