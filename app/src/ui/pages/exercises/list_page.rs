//! The exercise list with filters in the URL, so a filtered list can be bookmarked and works
//! without JavaScript (a GET form).

use crate::api::AppError;
use crate::api::exercises::{ExerciseListView, ExerciseQuery, list_exercises};
use crate::domain::exercise::ExerciseSummary;
use crate::domain::{ExerciseFormat, ExerciseStatus};
use crate::ui::components::ErrorView;
use crate::ui::texts::sv as t;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

fn query_from_url() -> Memo<ExerciseQuery> {
    let q = use_query_map();
    Memo::new(move |_| {
        let q = q.read();
        ExerciseQuery {
            ar: q.get("ar"),
            forvaltning: q.get("forvaltning"),
            form: q.get("form"),
            status: q.get("status"),
            formaga: q.get("formaga"),
            q: q.get("q"),
        }
    })
}

/// A `<select>` whose options are (value, label) pairs, with "Alla" first.
#[component]
fn FilterSelect(
    id: &'static str,
    label: &'static str,
    options: Vec<(String, String)>,
    selected: Option<String>,
) -> impl IntoView {
    let selected = selected.unwrap_or_default();
    // Written as one string, like the table rows (`rows_html`): dozens of options per page.
    let mut html = String::with_capacity(64 * (options.len() + 1));
    html.push_str("<option value=\"\">");
    escape(t::ALL, &mut html);
    html.push_str("</option>");
    for (value, text) in &options {
        html.push_str("<option value=\"");
        escape(value, &mut html);
        html.push_str(if *value == selected {
            "\" selected>"
        } else {
            "\">"
        });
        escape(text, &mut html);
        html.push_str("</option>");
    }
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id name=id inner_html=html></select>
        </div>
    }
}

#[component]
fn Filters(view_model: FilterChoices, query: ExerciseQuery) -> impl IntoView {
    let years = view_model
        .years
        .iter()
        .rev()
        .map(|y| (y.to_string(), y.to_string()))
        .collect();
    let forvaltningar = view_model
        .forvaltningar
        .iter()
        .map(|f| (f.id.to_string(), format!("{} – {}", f.code, f.name)))
        .collect();
    let formats = ExerciseFormat::ALL
        .iter()
        .map(|f| (f.code().to_string(), f.label().to_string()))
        .collect();
    let statuses = ExerciseStatus::ALL
        .iter()
        .map(|s| (s.code().to_string(), s.label().to_string()))
        .collect();
    let capabilities = view_model
        .capability_areas
        .iter()
        .map(|c| (c.code.clone(), format!("{} {}", c.code, c.title)))
        .collect();
    view! {
        <form method="get" action="/ovningar" class="filters" role="search">
            <div class="field grow">
                <label for="q">{t::SEARCH}</label>
                <input id="q" name="q" type="search" value=query.q.clone().unwrap_or_default() />
            </div>
            <FilterSelect id="ar" label=t::YEAR options=years selected=query.ar.clone() />
            <FilterSelect id="forvaltning" label=t::FORVALTNING options=forvaltningar selected=query.forvaltning.clone() />
            <FilterSelect id="form" label=t::FORMAT options=formats selected=query.form.clone() />
            <FilterSelect id="status" label=t::STATUS options=statuses selected=query.status.clone() />
            <FilterSelect id="formaga" label=t::CAPABILITY options=capabilities selected=query.formaga.clone() />
            <div class="filter-actions">
                <button type="submit" class="button">
                    {t::FILTER}
                </button>
                <a href="/ovningar">{t::CLEAR_FILTER}</a>
            </div>
        </form>
    }
}

/// `text` with the characters that matter in HTML text and attribute values escaped; runs of
/// plain text are copied whole.
fn escape(text: &str, out: &mut String) {
    let mut plain = 0;
    for (i, b) in text.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&text[plain..i]);
        out.push_str(entity);
        plain = i + 1;
    }
    out.push_str(&text[plain..]);
}

/// "2025-04-23 08:30", written without chrono's format parser (it shows in every row).
fn push_time(out: &mut String, t: chrono::NaiveDateTime, with_date: bool) {
    use chrono::{Datelike, Timelike};
    use std::fmt::Write;
    if with_date {
        let _ = write!(out, "{:04}-{:02}-{:02} ", t.year(), t.month(), t.day());
    }
    let _ = write!(out, "{:02}:{:02}", t.hour(), t.minute());
}

/// The table's rows as HTML, written straight into one string: the list is the most viewed page,
/// and a typed view per row and cell cost more than all the rest of it. Every text is escaped;
/// the markup is what `StatusBadge`, `FormatBadge` and `format_span` render.
fn rows_html(items: &[ExerciseSummary]) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(items.len() * 600);
    for e in items {
        let _ = write!(out, "<tr><th scope=\"row\"><a href=\"/ovningar/{}\">", e.id);
        escape(&e.name, &mut out);
        out.push_str("</a></th><td class=\"nowrap\">");
        push_time(&mut out, e.starts_at, true);
        if e.starts_at.date() == e.ends_at.date() {
            out.push('–');
            push_time(&mut out, e.ends_at, false);
        } else {
            out.push_str(" – ");
            push_time(&mut out, e.ends_at, true);
        }
        let _ = write!(
            out,
            "</td><td><span class=\"badge fmt fmt-{}\" title=\"",
            e.format.code()
        );
        escape(e.format.hseep(), &mut out);
        out.push_str("\">");
        escape(e.format.short_label(), &mut out);
        out.push_str("</span></td><td><abbr title=\"");
        escape(&e.lead.name, &mut out);
        out.push_str("\">");
        escape(&e.lead.code, &mut out);
        let _ = write!(
            out,
            "</abbr></td><td><span class=\"badge status-{}\">",
            e.status.code()
        );
        escape(e.status.label(), &mut out);
        out.push_str("</span></td><td>");
        escape(&e.capability_codes.join(", "), &mut out);
        out.push_str("</td></tr>");
    }
    out
}

/// What the filters offer (the list view model without its rows).
struct FilterChoices {
    years: Vec<i32>,
    forvaltningar: Vec<crate::domain::Forvaltning>,
    capability_areas: Vec<crate::domain::CapabilityArea>,
}

#[component]
fn ExerciseTable(items: Vec<ExerciseSummary>) -> impl IntoView {
    let count = items.len();
    if count == 0 {
        return view! { <p class="empty">{t::NO_EXERCISES}</p> }.into_any();
    }
    view! {
        <p class="muted" aria-live="polite">
            {count} " " {t::COUNT_SUFFIX}
        </p>
        <div class="table-wrap">
            <table class="data">
                <thead>
                    <tr>
                        <th scope="col">{t::NAME}</th>
                        <th scope="col">{t::WHEN}</th>
                        <th scope="col">{t::FORMAT}</th>
                        <th scope="col">{t::LEAD}</th>
                        <th scope="col">{t::STATUS}</th>
                        <th scope="col">{t::CAPABILITY}</th>
                    </tr>
                </thead>
                <tbody inner_html=rows_html(&items)></tbody>
            </table>
        </div>
    }
    .into_any()
}

fn list_body(result: Result<ExerciseListView, AppError>, query: ExerciseQuery) -> AnyView {
    match result {
        Ok(ExerciseListView {
            items,
            years,
            forvaltningar,
            capability_areas,
            can_create,
        }) => {
            let choices = FilterChoices {
                years,
                forvaltningar,
                capability_areas,
            };
            view! {
                <div class="page-head">
                    <h1>{t::EXERCISES_TITLE}</h1>
                    {can_create
                        .then(|| {
                            view! {
                                <a class="button primary" href="/ovningar/ny">
                                    {t::NEW_EXERCISE}
                                </a>
                            }
                        })}
                </div>
                <Filters view_model=choices query />
                <ExerciseTable items />
            }
            .into_any()
        }
        Err(e) => view! {
            <div class="page-head">
                <h1>{t::EXERCISES_TITLE}</h1>
            </div>
            <ErrorView error=e />
        }
        .into_any(),
    }
}

/// One await for the whole page body: the list is read once, rendered once. (A `Resource` per
/// part would spawn tasks and build the parts more than once on the server; pages that are not
/// islands never hydrate, so they need none.)
#[component]
pub fn ExerciseListPage() -> impl IntoView {
    let query = query_from_url().get_untracked();
    view! {
        <Title text=format!("{} – Redo", t::EXERCISES_TITLE) />
        {Suspend::new(async move {
            let result = list_exercises(query.clone()).await;
            list_body(result, query)
        })}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::exercise::ForvaltningRef;

    fn summary(name: &str, start: &str, end: &str) -> ExerciseSummary {
        let at = |s: &str| chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
        ExerciseSummary {
            id: 7,
            name: name.into(),
            format: ExerciseFormat::ALL[0],
            joint: false,
            status: ExerciseStatus::ALL[0],
            starts_at: at(start),
            ends_at: at(end),
            lead: ForvaltningRef {
                id: 1,
                code: "HS".into(),
                name: "Hallands \"sjukhus\"".into(),
            },
            participant_ids: vec![],
            capability_codes: vec!["CA01".into(), "CA02".into()],
        }
    }

    #[test]
    fn rows_escape_every_text_and_match_the_components() {
        let html = rows_html(&[summary(
            "<script>alert('x')</script> & co",
            "2025-04-23 08:30",
            "2025-04-23 12:00",
        )]);
        assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co"));
        assert!(!html.contains("<script>"));
        assert!(html.contains("title=\"Hallands &quot;sjukhus&quot;\">HS</abbr>"));
        assert!(html.contains(&format!(
            "<td class=\"nowrap\">{}</td>",
            crate::ui::components::format_span(
                summary("x", "2025-04-23 08:30", "2025-04-23 12:00").starts_at,
                summary("x", "2025-04-23 08:30", "2025-04-23 12:00").ends_at
            )
        )));
        let two_days = rows_html(&[summary("x", "2025-04-23 08:30", "2025-04-24 12:00")]);
        assert!(two_days.contains("2025-04-23 08:30 – 2025-04-24 12:00"));
        assert!(html.contains("<td>CA01, CA02</td>"));
        assert!(html.starts_with("<tr><th scope=\"row\"><a href=\"/ovningar/7\">"));
    }
}
