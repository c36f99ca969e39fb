//! The live log as the page shows it: the entry form and the entries, newest first. Only the
//! server renders them: the page works as plain forms and an "Uppdatera" link, and the stream
//! brings each new entry as the same list item (`entry_html`), which the browser island
//! (`live_island`) places.

use crate::domain::conduct::{EntryKind, EntryView, StaffRole};
use crate::ui::texts::sv as t;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What a choice list of the entry form offers: (value, label).
pub type Options = Vec<(String, String)>;

/// What the log part of the live page needs to be rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogProps {
    pub exercise_id: i64,
    pub user_id: i64,
    /// The page's path, where the plain form posts.
    pub page: String,
    /// The writer's staff role; `None`: may not log.
    pub role: Option<StaffRole>,
    /// The kinds this role may write, in shortcut order.
    pub kinds: Vec<EntryKind>,
    pub injects: Options,
    pub objectives: Options,
    pub forvaltningar: Options,
    pub entries: Vec<EntryView>,
    pub last_seq: i64,
    /// A key for the plain form's entry.
    pub form_key: String,
    /// The filters: kind code, author id, objective id, inject id.
    pub filter: LogFilterProps,
    /// Whether the writer may correct other people's entries (control).
    pub corrects_all: bool,
    /// What a refused plain post sent, shown again with its messages.
    pub refused: Option<Refused>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogFilterProps {
    pub kind: Option<EntryKind>,
    pub author: Option<i64>,
    pub objective: Option<i64>,
    pub inject: Option<i64>,
}

impl LogFilterProps {
    pub fn matches(&self, e: &EntryView) -> bool {
        self.matches_parts(
            e.kind,
            e.author_id,
            e.objective_id,
            e.inject.as_ref().map(|i| i.id),
        )
    }

    /// `matches` on the fields it reads (what the browser has of an arriving row).
    pub fn matches_parts(
        &self,
        kind: EntryKind,
        author: i64,
        objective: Option<i64>,
        inject: Option<i64>,
    ) -> bool {
        self.kind.is_none_or(|k| k == kind)
            && self.author.is_none_or(|a| a == author)
            && self.objective.is_none_or(|o| Some(o) == objective)
            && self.inject.is_none_or(|i| Some(i) == inject)
    }

    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

/// A refused post of the entry form: the values typed and the messages per field.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Refused {
    pub kind: String,
    pub text: String,
    pub inject: String,
    pub objective: String,
    pub forvaltning: String,
    /// (field, message)
    pub messages: Vec<(String, String)>,
    pub alert: Option<String>,
}

impl Refused {
    fn message(&self, field: &str) -> Option<String> {
        self.messages
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, m)| m.clone())
    }
}

/// One entry and its earlier versions, newest first by first version (a correction stays where
/// the entry was).
pub fn current(entries: &[EntryView]) -> Vec<(EntryView, Vec<EntryView>)> {
    let mut out: Vec<(EntryView, Vec<EntryView>)> = Vec::new();
    for e in entries {
        match out.iter_mut().find(|(c, _)| c.entry_id == e.entry_id) {
            Some((c, history)) => history.push(std::mem::replace(c, e.clone())),
            None => out.push((e.clone(), Vec::new())),
        }
    }
    out.reverse();
    out
}

pub fn kind_class(kind: EntryKind) -> String {
    format!(
        "entry entry-{}{}",
        kind.code(),
        if kind.is_urgent() { " urgent" } else { "" }
    )
}

/// The line under an entry's text: author, role and links.
pub fn meta_line(e: &EntryView) -> String {
    let mut parts = vec![format!("{} ({})", e.author, e.role.label())];
    if let Some(i) = &e.inject {
        let mut s = format!("Inspel {}", i.number);
        if i.total > 0 {
            s.push_str(&format!(" · {} av {} åtgärder", i.done, i.total));
        }
        parts.push(s);
    }
    if let Some(o) = &e.objective {
        parts.push(o.clone());
    }
    if let Some(f) = &e.forvaltning {
        parts.push(f.clone());
    }
    parts.join(" · ")
}

/// The "Rätta" link of an entry as the page shows it to one reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CorrectLink {
    None,
    Shown(String),
    /// In the stream, rendered once for everyone: hidden, and shown by the browser to those who
    /// may correct the entry.
    #[cfg_attr(not(feature = "ssr"), allow(dead_code))]
    Hidden(String),
}

/// Whether a reader may correct an entry: one who logs, never the clock's entries, their own
/// or (control) anyone's.
pub fn may_correct(
    logs: bool,
    corrects_all: bool,
    reader: i64,
    kind: EntryKind,
    author: i64,
) -> bool {
    logs && kind != EntryKind::Control && (corrects_all || author == reader)
}

/// Where an entry's "Rätta" link goes.
pub fn correct_href(exercise_id: i64, entry_id: i64) -> String {
    format!("/ovningar/{exercise_id}/live?ratta={entry_id}#ratta")
}

/// One entry of the stream as the page shows it (`LiveMessage::frame`).
#[cfg(feature = "ssr")]
pub fn rendered(m: &crate::backend::conduct::LiveMessage) -> crate::backend::conduct::Rendered {
    let e = &m.view;
    let link = if e.kind == EntryKind::Control {
        CorrectLink::None
    } else {
        CorrectLink::Hidden(correct_href(m.exercise_id, e.entry_id))
    };
    let (entry, history) = (e.clone(), m.history.clone());
    let html = Owner::new().with(|| view! { <EntryItem entry history link /> }.to_html());
    let banner = e
        .kind
        .is_urgent()
        .then(|| Owner::new().with(|| view! { <BannerText entry=e.clone() /> }.to_html()));
    crate::backend::conduct::Rendered { html, banner }
}

/// What the alert banner says about a safety stop or a real event.
#[component]
pub fn BannerText(entry: EntryView) -> impl IntoView {
    view! {
        <strong>{format!("⚠ {}: ", entry.kind.label())}</strong>
        {format!("{} ({}, {})", entry.text, entry.observed, entry.author)}
    }
}

/// The alert banner: the latest safety stop or real event, for everyone; the browser fills it
/// as they arrive (a live region that is always there, so the change is announced).
#[component]
pub fn Banner(entries: Vec<EntryView>) -> impl IntoView {
    let latest = entries.into_iter().rev().find(|e| e.kind.is_urgent());
    let hidden = latest.is_none();
    view! {
        <div class="live-urgent" id="live-larm" role="alert" hidden=hidden>
            {latest.map(|entry| view! { <BannerText entry /> })}
        </div>
    }
}

/// One entry of the log.
#[component]
pub fn EntryItem(entry: EntryView, history: Vec<EntryView>, link: CorrectLink) -> impl IntoView {
    let class = kind_class(entry.kind);
    let label = entry.kind.label();
    let urgent = entry.kind.is_urgent();
    let times = format!(
        "{} {} · {} {}",
        t::LIVE_OBSERVED,
        entry.observed,
        t::LIVE_RECEIVED,
        entry.received
    );
    let corrected = !history.is_empty();
    view! {
        <li
            class=class
            id=format!("post-{}", entry.entry_id)
            data-seq=entry.seq
            data-author=entry.author_id
        >
            <div class="entry-when">
                <span class="entry-scenario">{entry.scenario.clone()}</span>
                <span class="entry-wall" title=times.clone()>{entry.observed.clone()}</span>
            </div>
            <div class="entry-body">
                <p class="entry-head">
                    <span class=format!("tag kind-{}", entry.kind.code())>
                        {urgent.then_some("⚠ ")}
                        {label}
                    </span>
                    <span class="entry-seq">{format!("nr {}", entry.seq)}</span>
                    {corrected.then(|| view! { <span class="entry-corrected">{t::LIVE_CORRECTED}</span> })}
                </p>
                <p class="entry-text">{entry.text.clone()}</p>
                <p class="entry-meta">{meta_line(&entry)} " · " {times}</p>
                {corrected
                    .then(|| {
                        view! {
                            <details class="entry-history">
                                <summary>{format!("{} ({})", t::LIVE_HISTORY, history.len())}</summary>
                                <ol>
                                    {history
                                        .into_iter()
                                        .map(|h| {
                                            view! {
                                                <li>
                                                    <span class="muted">{format!("nr {} · {} · {}", h.seq, h.kind.label(), h.author)}</span>
                                                    " "
                                                    {h.text}
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ol>
                            </details>
                        }
                    })}
                {match link {
                    CorrectLink::None => None,
                    CorrectLink::Shown(href) => Some((href, false)),
                    CorrectLink::Hidden(href) => Some((href, true)),
                }
                    .map(|(href, hidden)| {
                        view! { <a class="entry-correct" href=href hidden=hidden>{t::LIVE_CORRECT}</a> }
                    })}
            </div>
        </li>
    }
}

/// A choice list of the entry form.
#[component]
pub fn Choice(
    id: &'static str,
    name: &'static str,
    label: &'static str,
    options: Options,
    chosen: String,
    error: Option<String>,
) -> impl IntoView {
    let described = format!("{id}-fel");
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id name=name aria-describedby=described.clone()>
                <option value="">{t::LIVE_NONE}</option>
                {options
                    .into_iter()
                    .map(|(value, text)| {
                        let selected = value == chosen;
                        view! { <option value=value selected=selected>{text}</option> }
                    })
                    .collect_view()}
            </select>
            <p class="field-error" id=described aria-live="polite">{error}</p>
        </div>
    }
}

/// The fields of an entry (new or corrected), named as `log_entry` reads them.
#[component]
pub fn EntryFields(
    props: LogProps,
    values: Refused,
    /// Fields get this prefix in their ids (several forms on one page).
    prefix: &'static str,
) -> impl IntoView {
    let kind_id = if prefix.is_empty() {
        "post-sort"
    } else {
        "ratta-sort"
    };
    let text_id = if prefix.is_empty() {
        "post-text"
    } else {
        "ratta-text"
    };
    let chosen_kind = if values.kind.is_empty() {
        props
            .kinds
            .first()
            .map(|k| k.code().to_string())
            .unwrap_or_default()
    } else {
        values.kind.clone()
    };
    let kind_error = values.message("kind");
    let text_error = values.message("text");
    let other_error = values
        .message("observed_at")
        .or_else(|| values.message("idempotency_key"));
    view! {
        <div class="field-row">
            <div class="field">
                <label for=kind_id>{t::LIVE_KIND}</label>
                <select id=kind_id name="input[kind]" aria-describedby=format!("{kind_id}-fel")>
                    {props
                        .kinds
                        .iter()
                        .map(|k| {
                            let label = match k.shortcut() {
                                Some(n) => format!("{} (Alt+{n})", k.label()),
                                None => k.label().to_string(),
                            };
                            let selected = k.code() == chosen_kind;
                            view! { <option value=k.code() selected=selected>{label}</option> }
                        })
                        .collect_view()}
                </select>
                <p class="field-error" id=format!("{kind_id}-fel") aria-live="polite">{kind_error}</p>
            </div>
        </div>
        <div class="field">
            <label for=text_id>{t::LIVE_TEXT}</label>
            <textarea
                id=text_id
                name="input[text]"
                rows="2"
                maxlength="4000"
                required
                autofocus=prefix.is_empty()
                aria-describedby=format!("{text_id}-hint {text_id}-fel")
            >
                {values.text.clone()}
            </textarea>
            <p class="hint" id=format!("{text_id}-hint")>{t::LIVE_TEXT_HINT}</p>
            <p class="field-error" id=format!("{text_id}-fel") aria-live="polite">{text_error.or(other_error)}</p>
        </div>
        <div class="field-row">
            <Choice
                id=if prefix.is_empty() { "post-inspel" } else { "ratta-inspel" }
                name="input[inject]"
                label=t::LIVE_INJECT
                options=props.injects.clone()
                chosen=values.inject.clone()
                error=values.message("inject")
            />
            <Choice
                id=if prefix.is_empty() { "post-mal" } else { "ratta-mal" }
                name="input[objective]"
                label=t::LIVE_OBJECTIVE
                options=props.objectives.clone()
                chosen=values.objective.clone()
                error=values.message("objective")
            />
            <Choice
                id=if prefix.is_empty() { "post-forvaltning" } else { "ratta-forvaltning" }
                name="input[forvaltning]"
                label=t::LIVE_FORVALTNING
                options=props.forvaltningar.clone()
                chosen=values.forvaltning.clone()
                error=values.message("forvaltning")
            />
        </div>
    }
}

/// The entries, filtered, newest first. The list is there even when empty: the browser adds to
/// it.
#[component]
pub fn EntryList(props: LogProps) -> impl IntoView {
    let entries = &props.entries;
    let shown: Vec<_> = current(entries)
        .into_iter()
        .filter(|(e, _)| props.filter.matches(e))
        .collect();
    let empty = shown.is_empty().then(|| {
        let text = if entries.is_empty() {
            t::LIVE_NO_ENTRIES
        } else {
            t::LIVE_NO_MATCH
        };
        view! { <p class="empty" id="logg-tom">{text}</p> }
    });
    view! {
        {empty}
        <ol class="log" id="logg-lista" reversed>
            {shown
                .into_iter()
                .map(|(e, history)| {
                    let may = may_correct(
                        props.role.is_some(),
                        props.corrects_all,
                        props.user_id,
                        e.kind,
                        e.author_id,
                    );
                    let link = if may {
                        CorrectLink::Shown(correct_href(props.exercise_id, e.entry_id))
                    } else {
                        CorrectLink::None
                    };
                    view! { <EntryItem entry=e history link /> }
                })
                .collect_view()}
        </ol>
    }
}
