//! A server-drawn chart as every page shows it: a heading, the picture with its one-sentence
//! summary as text alternative and visible caption, links to download it as SVG and PNG, and
//! the same numbers as a table behind "Visa som tabell".

use crate::ui::texts::sv as t;
use leptos::prelude::*;

/// Where a chart can be downloaded: the path without extension and the query after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChartDownload {
    pub path: String,
    pub query: String,
}

#[component]
pub fn ChartFigure(
    /// The heading's id, for `aria-labelledby`.
    id: &'static str,
    title: String,
    summary: String,
    svg: String,
    #[prop(default = None)] download: Option<ChartDownload>,
    /// The data table.
    children: Children,
) -> impl IntoView {
    let label = format!("{}: {title}", t::CHART);
    view! {
        <section class="chart-block" aria-labelledby=id>
            <h2 id=id>{title.clone()}</h2>
            <figure class="chart">
                <div class="chart-svg" role="img" aria-label=label inner_html=svg></div>
                <figcaption>{summary}</figcaption>
            </figure>
            {download.map(|d| {
                let svg = format!("{}.svg{}", d.path, d.query);
                let png = format!("{}.png{}", d.path, d.query);
                view! {
                    <p class="chart-downloads">
                        <a href=svg download="">{t::DOWNLOAD_SVG} <span class="visually-hidden">": " {title.clone()}</span></a>
                        <a href=png download="">{t::DOWNLOAD_PNG} <span class="visually-hidden">": " {title.clone()}</span></a>
                    </p>
                }
            })}
            <details class="chart-table">
                <summary>{t::SHOW_AS_TABLE} <span class="visually-hidden">": " {title}</span></summary>
                <div class="table-wrap">{children()}</div>
            </details>
        </section>
    }
}
