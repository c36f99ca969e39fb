//! The live log as the page shows it: the entry form and the entries, newest first. The same
//! components render on the server (the page works as plain forms and an "Uppdatera" link) and
//! in the browser island (`live_island`), which adds the stream, the offline queue and the
//! keyboard shortcuts.

use crate::domain::conduct::{EntryKind, EntryView, StaffRole};
use crate::ui::texts::sv as t;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What a choice list of the entry form offers: (value, label).
pub type Options = Vec<(String, String)>;

/// What the log part of the live page needs, on the server and in the browser alike.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
        self.kind.is_none_or(|k| k == e.kind)
            && self.author.is_none_or(|a| a == e.author_id)
            && self.objective.is_none_or(|o| Some(o) == e.objective_id)
            && self
                .inject
                .is_none_or(|i| e.inject.as_ref().is_some_and(|s| s.id == i))
    }

    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

/// A refused post of the entry form: the values typed and the messages per field.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
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

/// One entry of the log.
#[component]
pub fn EntryItem(
    entry: EntryView,
    history: Vec<EntryView>,
    /// Where its "Rätta" link goes, when the reader may correct it.
    correct_href: Option<String>,
) -> impl IntoView {
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
        <li class=class id=format!("post-{}", entry.entry_id) data-seq=entry.seq>
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
                {correct_href.map(|href| view! { <a class="entry-correct" href=href>{t::LIVE_CORRECT}</a> })}
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

/// The entries, filtered, newest first.
#[component]
pub fn EntryList(props: LogProps, entries: Vec<EntryView>) -> impl IntoView {
    let all = current(&entries);
    let shown: Vec<_> = all
        .into_iter()
        .filter(|(e, _)| props.filter.matches(e))
        .collect();
    if shown.is_empty() {
        let text = if entries.is_empty() {
            t::LIVE_NO_ENTRIES
        } else {
            t::LIVE_NO_MATCH
        };
        return view! { <p class="empty">{text}</p> }.into_any();
    }
    view! {
        <ol class="log" reversed>
            {shown
                .into_iter()
                .map(|(e, history)| {
                    let may_correct = props.role.is_some()
                        && e.kind != EntryKind::Control
                        && (props.corrects_all || e.author_id == props.user_id);
                    let href = may_correct.then(|| format!("{}?ratta={}#ratta", props.page, e.entry_id));
                    view! { <EntryItem entry=e history correct_href=href /> }
                })
                .collect_view()}
        </ol>
    }
    .into_any()
}
