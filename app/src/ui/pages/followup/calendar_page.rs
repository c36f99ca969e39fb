//! The reporting calendar (`/kalender`): every deadline the region reports against, with its
//! recipient, owner, status and the requirement areas that feed it; overdue ones stand out.
//! Region-wide planners and administrators add and edit deadlines.

use crate::api::followup::{CalendarView, DeadlineRow, SaveDeadline, get_calendar};
use crate::domain::calendar::{Deadline, DeadlineKind, DeadlineStatus};
use crate::ui::components::{
    ErrorView, FieldMessage, FormAlert, PostForm, PostedSelect, form_error, form_was_refused,
    posted_checked, posted_or,
};
use crate::ui::texts::sv as t;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// A deadline's status as a badge.
#[component]
pub fn DeadlineBadge(status: DeadlineStatus) -> impl IntoView {
    view! { <span class=format!("badge deadline-{}", status.code())>{t::deadline_status(status)}</span> }
}

/// When a deadline is due, with how long is left or how late it is.
pub fn due_text(row: &DeadlineRow) -> String {
    let day = row.deadline.due_on.format("%Y-%m-%d").to_string();
    if row.deadline.status == DeadlineStatus::Submitted {
        return day;
    }
    if row.overdue {
        format!("{day}, {}", t::overdue_days(-row.days_left))
    } else {
        format!("{day}, {}", t::due_in_days(row.days_left))
    }
}

#[component]
fn DeadlineForm(initial: Option<Deadline>, options: Vec<(i64, String)>) -> impl IntoView {
    let prefix = initial
        .as_ref()
        .map(|d| format!("frist-{}", d.id))
        .unwrap_or_else(|| "frist-ny".to_string());
    let error = form_error(SaveDeadline::PATH, Some(&prefix));
    let (id, version) = initial.as_ref().map_or((0, 0), |d| (d.id, d.version));
    let d = initial.unwrap_or(Deadline {
        id: 0,
        title: String::new(),
        kind: DeadlineKind::FollowUp,
        recipient: String::new(),
        due_on: chrono::NaiveDate::default(),
        owner: String::new(),
        status: DeadlineStatus::NotStarted,
        note: String::new(),
        feeds: Vec::new(),
        version: 0,
    });
    let fid = {
        let p = prefix.clone();
        move |f: &str| format!("{p}-{f}")
    };
    let mid = {
        let p = prefix.clone();
        move |f: &str| format!("{p}-{f}-fel")
    };
    let kinds: Vec<(String, String)> = DeadlineKind::ALL
        .into_iter()
        .map(|k| (k.code().to_string(), t::deadline_kind(k).to_string()))
        .collect();
    let statuses: Vec<(String, String)> = DeadlineStatus::ALL
        .into_iter()
        .map(|s| (s.code().to_string(), t::deadline_status(s).to_string()))
        .collect();
    let due = if id == 0 {
        String::new()
    } else {
        d.due_on.to_string()
    };
    let feeds: Vec<i64> = d.feeds.iter().map(|r| r.id).collect();
    view! {
        <PostForm action=SaveDeadline::PATH name=prefix.clone() class="deadline-form">
            <FormAlert error />
            <input type="hidden" name="id" value=id />
            <input type="hidden" name="version" value=version />
            <div class="field">
                <label for=fid("title")>{t::REPORT}</label>
                <input id=fid("title") type="text" name="input[title]" value=posted_or("input[title]", d.title.clone()) required aria-describedby=mid("title") />
                <FieldMessage field="title" error id=mid("title") />
            </div>
            <div class="field">
                <label for=fid("kind")>{t::DEADLINE_KIND}</label>
                <PostedSelect id=fid("kind") name="input[kind]".to_string() stored=d.kind.code().to_string() options=kinds describedby=mid("kind") />
                <FieldMessage field="kind" error id=mid("kind") />
            </div>
            <div class="field">
                <label for=fid("recipient")>{t::RECIPIENT_TO}</label>
                <input id=fid("recipient") type="text" name="input[recipient]" value=posted_or("input[recipient]", d.recipient.clone()) aria-describedby=mid("recipient") />
                <FieldMessage field="recipient" error id=mid("recipient") />
            </div>
            <div class="field">
                <label for=fid("due_on")>{t::DUE_DATE}</label>
                <input id=fid("due_on") type="date" name="input[due_on]" value=posted_or("input[due_on]", due) required aria-describedby=mid("due_on") />
                <FieldMessage field="due_on" error id=mid("due_on") />
            </div>
            <div class="field">
                <label for=fid("owner")>{t::RESPONSIBLE}</label>
                <input id=fid("owner") type="text" name="input[owner]" value=posted_or("input[owner]", d.owner.clone()) aria-describedby=mid("owner") />
                <FieldMessage field="owner" error id=mid("owner") />
            </div>
            <div class="field">
                <label for=fid("status")>{t::STATUS}</label>
                <PostedSelect id=fid("status") name="input[status]".to_string() stored=d.status.code().to_string() options=statuses describedby=mid("status") />
                <FieldMessage field="status" error id=mid("status") />
            </div>
            <div class="field">
                <label for=fid("note")>{t::NOTE}</label>
                <textarea id=fid("note") name="input[note]" rows="2" aria-describedby=mid("note")>{posted_or("input[note]", d.note.clone())}</textarea>
                <FieldMessage field="note" error id=mid("note") />
            </div>
            <div class="field">
                <label for=fid("feeds")>{t::FED_BY}</label>
                <select id=fid("feeds") name="input[feeds][]" multiple size="6" aria-describedby=mid("feeds")>
                    {options.into_iter().map(|(rid, label)| {
                        let selected = posted_checked("input[feeds][]", &rid.to_string(), feeds.contains(&rid));
                        view! { <option value=rid selected=selected>{label}</option> }
                    }).collect_view()}
                </select>
                <FieldMessage field="feeds" error id=mid("feeds") />
            </div>
            <button type="submit" class="button primary">{t::SAVE}</button>
        </PostForm>
    }
}

#[component]
fn DeadlineTable(
    rows: Vec<DeadlineRow>,
    caption: &'static str,
    can_edit: bool,
    options: Vec<(i64, String)>,
) -> impl IntoView {
    view! {
        <div class="table-wrap">
            <table class="data calendar">
                <caption>{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t::REPORT}</th>
                        <th scope="col">{t::RECIPIENT_TO}</th>
                        <th scope="col">{t::DUE_DATE}</th>
                        <th scope="col">{t::RESPONSIBLE}</th>
                        <th scope="col">{t::STATUS}</th>
                        <th scope="col">{t::FED_BY}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|row| {
                        let d = row.deadline.clone();
                        let anchor = format!("frist-{}", d.id);
                        let open = form_was_refused(&anchor);
                        view! {
                            <tr id=anchor class:overdue=row.overdue>
                                <th scope="row">
                                    {d.title.clone()}
                                    {(!d.note.is_empty()).then(|| view! { <span class="cell-notes">{d.note.clone()}</span> })}
                                    {can_edit.then(|| view! {
                                        <details class="row-edit" open=open>
                                            <summary>{t::EDIT} <span class="visually-hidden">" " {d.title.clone()}</span></summary>
                                            <DeadlineForm initial=Some(d.clone()) options=options.clone() />
                                        </details>
                                    })}
                                </th>
                                <td>{if row.recipient.is_empty() { "–".to_string() } else { row.recipient.clone() }}</td>
                                <td>
                                    {row.overdue.then(|| view! { <span aria-hidden="true">"▲ "</span> })}
                                    {due_text(&row)}
                                </td>
                                <td>{if d.owner.is_empty() { t::NOT_SET.to_string() } else { d.owner.clone() }}</td>
                                <td><DeadlineBadge status=d.status /></td>
                                <td>
                                    {if d.feeds.is_empty() {
                                        view! { "–" }.into_any()
                                    } else {
                                        view! { <ul class="plain">{d.feeds.iter().map(|r| view! { <li><a href=format!("/nok/krav/{}", r.id)>{r.code.clone()} " " {r.title.clone()}</a></li> }).collect_view()}</ul> }.into_any()
                                    }}
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn Calendar(v: CalendarView) -> impl IntoView {
    let (open, done): (Vec<DeadlineRow>, Vec<DeadlineRow>) = v
        .deadlines
        .iter()
        .cloned()
        .partition(|r| r.deadline.status != DeadlineStatus::Submitted);
    let mut done = done;
    done.reverse();
    let overdue = open.iter().filter(|r| r.overdue).count();
    let soon = open
        .iter()
        .filter(|r| !r.overdue && r.days_left <= crate::domain::calendar::UPCOMING_DAYS)
        .count();
    let saved = use_query_map().read_untracked().get("sparat").is_some();
    view! {
        <Title text=format!("{} – Redo", t::CALENDAR_TITLE) />
        <h1>{t::CALENDAR_TITLE}</h1>
        <p class="lead">{t::CALENDAR_INTRO}</p>
        {saved.then(|| view! { <p class="notice-inline ok" role="status">{t::SAVED}</p> })}
        <p>{t::calendar_summary(overdue, soon)}</p>
        <DeadlineTable rows=open caption=t::TO_REPORT can_edit=v.can_edit options=v.requirement_options.clone() />
        {v.can_edit.then(|| view! {
            <details class="add-deadline" open=form_was_refused("frist-ny")>
                <summary>{t::ADD_DEADLINE}</summary>
                <DeadlineForm initial=None options=v.requirement_options.clone() />
            </details>
        })}
        <DeadlineTable rows=done caption=t::SUBMITTED_REPORTS can_edit=v.can_edit options=v.requirement_options.clone() />
    }
}

#[component]
pub fn CalendarPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_calendar());
    view! {
        <Suspense fallback=|| view! { <p>{t::LOADING}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(v) => view! { <Calendar v /> }.into_any(),
                    Err(e) => view! { <ErrorView error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
