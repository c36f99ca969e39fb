//! Server functions of capability assessments: the grid of a period, one assessment (or the
//! form for a new one), saving, and the workflow steps.

use super::AppError;
use crate::domain::board::{AreaRef, Headline, Heatmap, Trend};
use crate::domain::coverage::YearCount;
use crate::domain::exercise::ForvaltningRef;
use crate::domain::period::MandatePeriod;
use crate::domain::readiness::{
    Approval, AssessmentCell, AssessmentContent, AssessmentInput, AssessmentStatus,
    AssessmentVersion, Level, LevelText, LevelTextInput, Period, Person, ReadinessSettings, Rule,
    SettingsInput,
};
use chrono::NaiveDate;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A cell of the grid: the assessment, and whether an exercise verifies its level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GridCell {
    pub cell: AssessmentCell,
    pub verified: bool,
}

/// One period's assessments, förvaltning × capability area.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GridView {
    pub period: Period,
    pub current: Period,
    pub forvaltningar: Vec<ForvaltningRef>,
    pub areas: Vec<(String, String)>,
    pub cells: Vec<GridCell>,
    pub levels: Vec<LevelText>,
    /// The förvaltningar whose assessments the viewer enters.
    pub assesses: Vec<i64>,
    /// Open and overdue corrective actions per cell.
    pub actions: Vec<crate::domain::improvement::ActionCell>,
}

/// Something an assessment can cite: an exercise, or one of its objectives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceOption {
    /// `EvidenceRef::code`, the value the form posts.
    pub code: String,
    pub label: String,
}

/// One assessment as its page shows it, or the empty form of a cell not yet assessed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssessmentView {
    /// `None`: a new assessment of this cell.
    pub id: Option<i64>,
    pub version: i64,
    pub forvaltning: ForvaltningRef,
    pub capability_code: String,
    pub capability_title: String,
    pub period: Period,
    pub status: Option<AssessmentStatus>,
    pub level: Level,
    pub content: Option<AssessmentContent>,
    pub assessor: Option<Person>,
    pub approval: Option<Approval>,
    pub versions: Vec<AssessmentVersion>,
    pub verified_by: Option<NaiveDate>,
    pub levels: Vec<LevelText>,
    pub rule: Rule,
    pub evidence_window_months: u32,
    pub default_target: Level,
    pub today: NaiveDate,
    pub evidence_options: Vec<EvidenceOption>,
    pub can_edit: bool,
    pub can_submit: bool,
    pub can_approve: bool,
    /// The cell's open corrective actions: evidence of what is known to be lacking.
    pub open_actions: Vec<crate::domain::improvement::Action>,
}

/// The period asked for, or `current` when none was; one that is not a period of the region's
/// kind is not found.
#[cfg(feature = "ssr")]
fn chosen_period(raw: Option<&str>, current: Period) -> Result<Period, AppError> {
    match raw.map(str::trim).filter(|p| !p.is_empty()) {
        None => Ok(current),
        Some(raw) => Period::parse(raw)
            .filter(|p| p.kind() == current.kind())
            .ok_or_else(|| {
                super::ctx::set_status(http::StatusCode::NOT_FOUND);
                AppError::NotFound
            }),
    }
}

/// The board dashboard: readiness (heatmap, trend, headlines) and exercise coverage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardView {
    pub period: Period,
    pub current: Period,
    pub areas: Vec<AreaRef>,
    pub heatmap: Heatmap,
    pub trend: Trend,
    pub headlines: Vec<Headline>,
    pub evidence_months: u32,
    pub heatmap_svg: String,
    pub trend_svg: String,
    pub mandate: MandatePeriod,
    pub per_year: Vec<YearCount>,
    pub per_year_svg: String,
    /// Capability areas nothing in the mandate period has exercised or planned.
    pub coverage_gaps: usize,
    /// The NÖK version in force today, by status.
    pub nok: Option<NokBoard>,
    /// Every indicator (for the choice and a brief's facts), and the chosen one drawn.
    pub indicators: Vec<super::followup::IndicatorRow>,
    pub indicator: Option<IndicatorBoard>,
    /// Reporting due within 90 days, and what is overdue.
    pub deadlines: Vec<super::followup::DeadlineRow>,
    pub today: NaiveDate,
    /// Whether the viewer may freeze the dashboard as a brief.
    pub can_freeze: bool,
    /// Open and overdue corrective actions per förvaltning and capability area.
    pub actions: Vec<crate::domain::improvement::ActionCell>,
}

/// The NÖK part of the dashboard: the version in force today, its areas by status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NokBoard {
    pub agreement_id: i64,
    pub agreement: String,
    pub rows: Vec<crate::domain::nok::NokRow>,
    pub svg: String,
}

/// The chosen indicator of the dashboard, drawn.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndicatorBoard {
    pub row: super::followup::IndicatorRow,
    pub svg: String,
    pub years: Vec<i32>,
}

#[server(endpoint = "readiness/board")]
pub async fn readiness_board(
    period: Option<String>,
    area: Option<String>,
    indicator: Option<String>,
) -> Result<BoardView, AppError> {
    use super::ctx::{fail, services};
    use crate::backend::ServiceError;
    let (svc, actor) = (services()?, super::ctx::actor()?);
    let indicator = match indicator
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        None => 0,
        Some(s) => s
            .parse::<i64>()
            .ok()
            .filter(|i| *i > 0)
            .ok_or_else(|| fail(ServiceError::NotFound))?,
    };
    board_view(&svc, &actor, period, area, indicator).await
}

/// Everything the dashboard shows for `period`, `area` and `indicator` (0: the first).
#[cfg(feature = "ssr")]
pub async fn board_view(
    svc: &crate::backend::Services,
    actor: &crate::domain::Actor,
    period: Option<String>,
    area: Option<String>,
    indicator: i64,
) -> Result<BoardView, AppError> {
    use super::ctx::fail;
    use crate::backend::ServiceError;
    let model = svc.readiness.model(actor).await.map_err(fail)?;
    let today = crate::backend::local_now((svc.clock)()).date();
    let current = model.settings.period_of(today);
    let period = chosen_period(period.as_deref(), current)?;
    let area = area.as_deref().map(str::trim).filter(|a| !a.is_empty());
    let board = svc
        .readiness
        .board(actor, period, area)
        .await
        .map_err(fail)?;
    let mandate = MandatePeriod::containing(period.year);
    let per_year = svc.plan.per_year(actor, mandate).await.map_err(fail)?;
    let coverage_gaps = svc
        .plan
        .coverage_by_year(actor, mandate, None)
        .await
        .map_err(fail)?
        .gaps()
        .len();
    let per_year_svg = crate::charts::exercises_per_year(&per_year).unwrap_or_else(|e| {
        tracing::error!(error = %e, "could not draw the per-year chart");
        String::new()
    });
    let nok = nok_board(svc, actor, today).await.map_err(fail)?;
    let indicators: Vec<super::followup::IndicatorRow> = svc
        .followup
        .indicators(actor)
        .await
        .map_err(fail)?
        .into_iter()
        .map(super::followup::indicator_row)
        .collect();
    let chosen = match indicator {
        0 => indicators.first(),
        id => Some(
            indicators
                .iter()
                .find(|r| r.indicator.id == id)
                .ok_or_else(|| fail(ServiceError::NotFound))?,
        ),
    };
    let indicator = chosen.map(|row| {
        let chart = crate::charts::IndicatorChart {
            indicator: &row.indicator,
        };
        let (first, last) = chart.years();
        IndicatorBoard {
            svg: draw(crate::charts::svg(&chart)),
            years: (first..=last).collect(),
            row: row.clone(),
        }
    });
    let deadlines = crate::domain::calendar::upcoming(
        &svc.followup.deadlines(actor).await.map_err(fail)?,
        today,
        crate::domain::calendar::UPCOMING_DAYS,
    )
    .into_iter()
    .map(|d| super::followup::deadline_row(d, today))
    .collect();
    Ok(BoardView {
        period,
        current,
        areas: model.areas.clone(),
        heatmap: board.heatmap.clone(),
        trend: board.trend.clone(),
        headlines: board.headlines.clone(),
        evidence_months: board.evidence_months,
        heatmap_svg: board.heatmap_svg.clone(),
        trend_svg: board.trend_svg.clone(),
        mandate,
        per_year,
        per_year_svg,
        coverage_gaps,
        nok,
        indicators,
        indicator,
        deadlines,
        today,
        can_freeze: actor.can_follow_up(None),
        actions: super::improvement::open_cells(svc, actor).await?,
    })
}

#[cfg(feature = "ssr")]
fn draw(r: Result<String, String>) -> String {
    r.unwrap_or_else(|e| {
        tracing::error!(error = %e, "could not draw a chart");
        String::new()
    })
}

/// The NÖK version in force today (as the NÖK page opens it) as chart rows, drawn.
#[cfg(feature = "ssr")]
async fn nok_board(
    svc: &crate::backend::Services,
    actor: &crate::domain::Actor,
    today: NaiveDate,
) -> Result<Option<NokBoard>, crate::backend::ServiceError> {
    let all = svc.nok.agreements(actor).await?;
    let Some(a) = all.iter().find(|a| a.is_valid_on(today)) else {
        return Ok(None);
    };
    let status = svc.nok.agreement(actor, a.id).await?;
    let rows: Vec<crate::domain::nok::NokRow> = status.areas.iter().map(|x| x.row(today)).collect();
    let svg = draw(crate::charts::svg(&crate::charts::NokChart {
        agreement: &a.name,
        rows: &rows,
    }));
    Ok(Some(NokBoard {
        agreement_id: a.id,
        agreement: a.name.clone(),
        rows,
        svg,
    }))
}

/// A frozen brief of the dashboard `v`: its facts, its body rendered as the dashboard shows it
/// (without downloads) and its charts as SVG and PNG.
#[cfg(feature = "ssr")]
pub fn brief_of(
    v: &BoardView,
    title: String,
    reporting_date: NaiveDate,
) -> Result<crate::backend::followup::NewBrief, crate::backend::ServiceError> {
    use crate::backend::ServiceError;
    use crate::charts::{Chart, HeatmapChart, IndicatorChart, NokChart, PerYearChart, TrendChart};
    fn both(name: &str, chart: &impl Chart) -> Result<(String, String, Vec<u8>), ServiceError> {
        let svg = crate::charts::svg(chart).map_err(ServiceError::Internal)?;
        let png = crate::charts::png(chart).map_err(ServiceError::Internal)?;
        Ok((name.to_string(), svg, png))
    }
    let mut charts = vec![
        both(
            "formaga",
            &HeatmapChart {
                heatmap: &v.heatmap,
            },
        )?,
        both("trend", &TrendChart { trend: &v.trend })?,
        both(
            "ovningar-per-ar",
            &PerYearChart {
                counts: &v.per_year,
            },
        )?,
    ];
    if let Some(n) = &v.nok {
        charts.push(both(
            "nok",
            &NokChart {
                agreement: &n.agreement,
                rows: &n.rows,
            },
        )?);
    }
    if let Some(i) = &v.indicator {
        charts.push(both(
            &format!("indikator-{}", i.row.indicator.id),
            &IndicatorChart {
                indicator: &i.row.indicator,
            },
        )?);
    }
    Ok(crate::backend::followup::NewBrief {
        title,
        reporting_date,
        period: v.period.code(),
        facts: facts_of(v),
        body: crate::ui::pages::readiness::render_board_body(v),
        charts,
    })
}

/// The facts a brief of dashboard `v` reports, in Swedish, under stable keys.
#[cfg(feature = "ssr")]
pub fn facts_of(v: &BoardView) -> Vec<crate::domain::brief::Fact> {
    use crate::domain::brief::Fact;
    use crate::ui::texts::sv as t;
    let mut out = Vec::new();
    let mut fact = |key: String, section: &str, label: String, value: String| {
        out.push(Fact {
            key,
            section: section.to_string(),
            label,
            value,
        });
    };
    for h in &v.headlines {
        // The kind of headline is its key: "MeetsTarget", "Unverified" …
        let kind = serde_json::to_value(h)
            .ok()
            .and_then(|j| match j {
                serde_json::Value::Object(m) => m.keys().next().cloned(),
                serde_json::Value::String(s) => Some(s),
                _ => None,
            })
            .unwrap_or_default();
        fact(
            format!("rubrik/{kind}"),
            t::HEADLINES,
            t::headline_kind(h).into(),
            t::headline(h),
        );
    }
    let heat_section = format!("{}, {}", t::HEATMAP_TITLE, v.period.label());
    for (area, row) in v.heatmap.areas.iter().zip(&v.heatmap.cells) {
        for (f, cell) in v.heatmap.forvaltningar.iter().zip(row) {
            let value = match cell {
                Some(c) => t::heat_fact(c.level.get(), c.target.get(), c.verified),
                None => t::NO_LEVEL.to_string(),
            };
            fact(
                format!("formaga/{}/{}", f.code, area.code),
                &heat_section,
                format!("{} · {}", f.name, area.title),
                value,
            );
        }
    }
    if let Some(n) = &v.nok {
        let section = format!("{}: {}", t::NOK_CHART_TITLE, n.agreement);
        for r in &n.rows {
            fact(
                format!("nok/{}/{}", n.agreement_id, r.code),
                &section,
                format!("{} {}", r.code, r.title),
                t::nok_fact(r),
            );
        }
    }
    for row in &v.indicators {
        let i = &row.indicator;
        fact(
            format!("indikator/{}", i.id),
            t::INDICATORS_TITLE,
            i.name.clone(),
            format!(
                "{} · {} {} {} ({})",
                crate::ui::pages::followup::latest_text(row),
                t::TARGET_VALUE,
                i.target.format(),
                i.unit,
                i.target_year
            ),
        );
    }
    for d in &v.deadlines {
        fact(
            format!("frist/{}", d.deadline.id),
            t::UPCOMING_DEADLINES,
            d.deadline.title.clone(),
            format!(
                "{} · {}",
                t::deadline_status(d.deadline.status),
                crate::ui::pages::followup::due_text(d)
            ),
        );
    }
    for a in &v.actions {
        let (f, area) = board_names(v, a);
        fact(
            format!("atgarder/{}/{}", f.0, a.capability_code),
            t::OPEN_ACTIONS_TITLE,
            format!("{} · {}", f.1, area),
            t::open_actions_fact(a.count.open, a.count.overdue),
        );
    }
    for c in &v.per_year {
        fact(
            format!("ovningar/{}", c.year),
            t::PER_YEAR_TITLE,
            c.year.to_string(),
            format!(
                "{}, {}",
                t::conducted_count(c.conducted),
                t::planned_count(c.planned)
            ),
        );
    }
    out
}

/// The förvaltning (code, name) and area title of an action cell of dashboard `v`.
pub fn board_names(
    v: &BoardView,
    a: &crate::domain::improvement::ActionCell,
) -> ((String, String), String) {
    let f = v
        .heatmap
        .forvaltningar
        .iter()
        .find(|f| f.id == a.forvaltning_id)
        .map(|f| (f.code.clone(), f.name.clone()))
        .unwrap_or_else(|| (a.forvaltning_id.to_string(), a.forvaltning_id.to_string()));
    let area = v
        .areas
        .iter()
        .find(|x| x.code == a.capability_code)
        .map(|x| format!("{} {}", x.code, x.title))
        .unwrap_or_else(|| a.capability_code.clone());
    (f, area)
}

/// A chart of the board dashboard as a downloadable file.
#[cfg(feature = "ssr")]
pub struct ChartFile {
    pub content_type: &'static str,
    pub filename: String,
    pub bytes: Vec<u8>,
}

/// The chart `name` ("formaga", "trend" or "ovningar-per-ar", then ".svg" or ".png") of the
/// dashboard for `period` and `area`, as the dashboard shows it.
#[cfg(feature = "ssr")]
pub async fn chart_file(
    svc: &crate::backend::Services,
    actor: &crate::domain::Actor,
    name: &str,
    period: Option<&str>,
    area: Option<&str>,
) -> Result<ChartFile, crate::backend::ServiceError> {
    use crate::backend::ServiceError;
    use crate::charts::{Chart, HeatmapChart, PerYearChart, TrendChart};
    let (stem, ext) = name.rsplit_once('.').ok_or(ServiceError::NotFound)?;
    let png = match ext {
        "svg" => false,
        "png" => true,
        _ => return Err(ServiceError::NotFound),
    };
    let model = svc.readiness.model(actor).await?;
    let today = crate::backend::local_now((svc.clock)()).date();
    let period = chosen_period(period, model.settings.period_of(today))
        .map_err(|_| ServiceError::NotFound)?;
    let area = area.map(str::trim).filter(|a| !a.is_empty());
    fn render(chart: &impl Chart, png: bool) -> Result<Vec<u8>, ServiceError> {
        let bytes = if png {
            crate::charts::png(chart)
        } else {
            crate::charts::svg(chart).map(String::into_bytes)
        };
        bytes.map_err(ServiceError::Internal)
    }
    let (file, bytes) = match stem {
        "formaga" => {
            let board = svc.readiness.board(actor, period, area).await?;
            let file = format!("formaga-per-forvaltning-{}", period.code());
            (
                file,
                render(
                    &HeatmapChart {
                        heatmap: &board.heatmap,
                    },
                    png,
                )?,
            )
        }
        "trend" => {
            let board = svc.readiness.board(actor, period, area).await?;
            let file = format!(
                "formaga-over-tid-{}-{}",
                board.trend.area.code,
                period.code()
            );
            (
                file,
                render(
                    &TrendChart {
                        trend: &board.trend,
                    },
                    png,
                )?,
            )
        }
        "nok" => {
            let today = crate::backend::local_now((svc.clock)()).date();
            let nok = nok_board(svc, actor, today)
                .await?
                .ok_or(ServiceError::NotFound)?;
            let file = format!("nok-uppfyllnad-{today}");
            let chart = crate::charts::NokChart {
                agreement: &nok.agreement,
                rows: &nok.rows,
            };
            (file, render(&chart, png)?)
        }
        stem if stem.starts_with("indikator-") => {
            let id = stem["indikator-".len()..]
                .parse::<i64>()
                .map_err(|_| ServiceError::NotFound)?;
            let indicator = svc.followup.indicator(actor, id).await?;
            let chart = crate::charts::IndicatorChart {
                indicator: &indicator,
            };
            (stem.to_string(), render(&chart, png)?)
        }
        "ovningar-per-ar" => {
            let mandate = MandatePeriod::containing(period.year);
            let counts = svc.plan.per_year(actor, mandate).await?;
            let file = format!("ovningar-per-ar-{}", mandate.first_year);
            (file, render(&PerYearChart { counts: &counts }, png)?)
        }
        _ => return Err(ServiceError::NotFound),
    };
    Ok(ChartFile {
        content_type: if png { "image/png" } else { "image/svg+xml" },
        filename: format!("{file}.{ext}"),
        bytes,
    })
}

#[server(endpoint = "readiness/grid")]
pub async fn readiness_grid(period: Option<String>) -> Result<GridView, AppError> {
    use super::ctx::{actor, fail, services};
    let (svc, actor) = (services()?, actor()?);
    let model = svc.readiness.model(&actor).await.map_err(fail)?;
    let today = crate::backend::local_now((svc.clock)()).date();
    let current = model.settings.period_of(today);
    let period = chosen_period(period.as_deref(), current)?;
    let forvaltningar = model.forvaltningar.clone();
    let areas = model
        .areas
        .iter()
        .map(|a| (a.code.clone(), a.title.clone()))
        .collect();
    let cells = model
        .cells
        .iter()
        .filter(|c| c.period == period)
        .map(|c| GridCell {
            verified: model
                .verified_by(c.forvaltning_id, &c.capability_code, c.period)
                .is_some(),
            cell: c.clone(),
        })
        .collect();
    let assesses = forvaltningar
        .iter()
        .map(|f| f.id)
        .filter(|f| actor.can_assess(*f))
        .collect();
    let actions = super::improvement::open_cells(&svc, &actor).await?;
    Ok(GridView {
        period,
        current,
        forvaltningar,
        areas,
        cells,
        levels: model.levels.clone(),
        assesses,
        actions,
    })
}

/// The page of assessment `id`, or — with `id` 0 — of the cell (`forvaltning`, `capability`,
/// `period`), which is the existing assessment's page when one was started meanwhile.
#[server(endpoint = "readiness/assessment")]
pub async fn get_assessment(
    id: i64,
    forvaltning: Option<i64>,
    capability: Option<String>,
    period: Option<String>,
) -> Result<AssessmentView, AppError> {
    use super::ctx::{actor, fail, services};
    use crate::backend::ServiceError;
    let (svc, actor) = (services()?, actor()?);
    let model = svc.readiness.model(&actor).await.map_err(fail)?;
    let today = crate::backend::local_now((svc.clock)()).date();
    // The assessment's id, or the cell of one not started yet.
    let existing = match id {
        0 => {
            let (Some(f), Some(code), Some(p)) = (
                forvaltning,
                capability,
                period.as_deref().and_then(Period::parse),
            ) else {
                return Err(fail(ServiceError::NotFound));
            };
            match svc
                .readiness
                .find_id(&actor, f, &code, p)
                .await
                .map_err(fail)?
            {
                Some(id) => Ok(id),
                None => Err((f, code, p)),
            }
        }
        id => Ok(id),
    };
    // What a form of the cell shows before anything is saved.
    let blank = |forvaltning: ForvaltningRef,
                 capability_code: String,
                 capability_title: String,
                 period: Period| {
        AssessmentView {
            id: None,
            version: 0,
            can_edit: actor.can_assess(forvaltning.id),
            verified_by: model.verified_by(forvaltning.id, &capability_code, period),
            forvaltning,
            capability_code,
            capability_title,
            period,
            status: None,
            level: Level::NOT_ASSESSED,
            content: None,
            assessor: None,
            approval: None,
            versions: Vec::new(),
            levels: model.levels.clone(),
            rule: model.settings.rule,
            evidence_window_months: model.settings.evidence_months,
            default_target: model.settings.default_target,
            today,
            evidence_options: Vec::new(),
            can_submit: false,
            can_approve: false,
            open_actions: Vec::new(),
        }
    };
    let mut view = match existing {
        Err((f, code, p)) => {
            let forvaltning = svc
                .catalogue
                .forvaltningar(&actor)
                .await
                .map_err(fail)?
                .into_iter()
                .find(|x| x.id == f && x.active)
                .ok_or_else(|| fail(ServiceError::NotFound))?;
            let area = svc
                .catalogue
                .capability_areas(&actor)
                .await
                .map_err(fail)?
                .into_iter()
                .find(|a| a.code == code)
                .ok_or_else(|| fail(ServiceError::NotFound))?;
            let forvaltning = ForvaltningRef {
                id: forvaltning.id,
                code: forvaltning.code,
                name: forvaltning.name,
            };
            blank(forvaltning, area.code, area.title, p)
        }
        Ok(id) => {
            let page = svc.readiness.get(&actor, id).await.map_err(fail)?;
            let a = page.assessment;
            let base = blank(
                a.forvaltning,
                a.capability_code,
                a.capability_title,
                a.period,
            );
            AssessmentView {
                id: Some(a.id),
                version: a.version,
                can_submit: base.can_edit && a.status == AssessmentStatus::Draft,
                can_approve: a.status == AssessmentStatus::Submitted
                    && actor.can_approve_assessments()
                    && a.assessor.id != actor.user_id,
                status: Some(a.status),
                level: a.level,
                content: Some(a.content),
                assessor: Some(a.assessor),
                approval: a.approval,
                versions: page.versions,
                ..base
            }
        }
    };
    let filter = crate::domain::improvement::ActionFilter {
        forvaltning: Some(view.forvaltning.id),
        capability: Some(view.capability_code.clone()),
        ..Default::default()
    };
    view.open_actions = svc
        .improvement
        .actions(&actor, &filter)
        .await
        .map_err(fail)?
        .into_iter()
        .filter(|a| a.status.is_open())
        .collect();
    if view.can_edit {
        view.evidence_options = evidence_options(
            &svc,
            &actor,
            &model,
            view.forvaltning.id,
            &view.capability_code,
        )
        .await?;
    }
    Ok(view)
}

/// The conducted exercises the förvaltning took part in, newest first, each followed by its
/// objectives in the area.
#[cfg(feature = "ssr")]
async fn evidence_options(
    svc: &crate::backend::Services,
    actor: &crate::domain::Actor,
    model: &crate::backend::readiness::ReadinessModel,
    forvaltning: i64,
    capability: &str,
) -> Result<Vec<EvidenceOption>, AppError> {
    use super::ctx::fail;
    use crate::domain::readiness::EvidenceRef;
    let mut ids: Vec<(NaiveDate, i64)> = model
        .evidence
        .iter()
        .filter(|x| x.forvaltningar.contains(&forvaltning))
        .map(|x| (x.ended_on, x.exercise_id))
        .collect();
    ids.sort_unstable_by(|a, b| b.cmp(a));
    let mut out = Vec::new();
    for (ended, id) in ids {
        let x = svc.exercises.get(actor, id).await.map_err(fail)?;
        out.push(EvidenceOption {
            code: EvidenceRef {
                exercise_id: id,
                objective_id: None,
            }
            .code(),
            label: format!("{} ({})", x.name, ended.format("%Y-%m-%d")),
        });
        for o in x
            .objectives
            .iter()
            .filter(|o| o.capability_code == capability)
        {
            out.push(EvidenceOption {
                code: EvidenceRef {
                    exercise_id: id,
                    objective_id: Some(o.id),
                }
                .code(),
                label: format!("{} – mål: {}", x.name, o.text),
            });
        }
    }
    Ok(out)
}

/// Saves the assessment form: over assessment `id` at `version`, or — with `id` 0 — as a new
/// assessment of the cell. Answers with the assessment's page.
#[server(endpoint = "readiness/save")]
pub async fn save_assessment(
    id: i64,
    version: i64,
    forvaltning: i64,
    capability: String,
    period: String,
    input: AssessmentInput,
) -> Result<i64, AppError> {
    use super::ctx::{actor, fail, services};
    use crate::backend::ServiceError;
    use crate::backend::readiness::SaveTo;
    let (svc, actor) = (services()?, actor()?);
    let to = match id {
        0 => SaveTo::New {
            forvaltning_id: forvaltning,
            capability_code: capability,
            period: Period::parse(&period).ok_or_else(|| fail(ServiceError::NotFound))?,
        },
        id => SaveTo::Existing { id, version },
    };
    let id = svc
        .readiness
        .save(&actor, &to, &input)
        .await
        .map_err(fail)?;
    leptos_axum::redirect(&format!("/beredskap/bedomningar/{id}"));
    Ok(id)
}

/// Submits (`lamna-in`), approves (`faststall`) or returns (`skicka-tillbaka`, with a comment).
#[server(endpoint = "readiness/step")]
pub async fn assessment_step(
    id: i64,
    version: i64,
    step: String,
    comment: Option<String>,
) -> Result<(), AppError> {
    use super::ctx::{actor, fail, services};
    use crate::backend::ServiceError;
    use crate::domain::readiness::Step;
    let (svc, actor) = (services()?, actor()?);
    let step = match step.as_str() {
        "lamna-in" => Step::Submit,
        "faststall" => Step::Approve,
        "skicka-tillbaka" => Step::Return,
        _ => return Err(fail(ServiceError::NotFound)),
    };
    svc.readiness
        .step(&actor, id, version, step, comment.as_deref().unwrap_or(""))
        .await
        .map_err(fail)?;
    leptos_axum::redirect(&format!("/beredskap/bedomningar/{id}"));
    Ok(())
}

/// The admin's page of the assessment settings and the level scale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettingsView {
    pub settings: ReadinessSettings,
    pub levels: Vec<LevelText>,
}

#[server(endpoint = "readiness/settings")]
pub async fn get_readiness_settings() -> Result<SettingsView, AppError> {
    use super::ctx::{actor, fail, services};
    let (svc, actor) = (services()?, actor()?);
    let (settings, levels) = svc.readiness.admin_settings(&actor).await.map_err(fail)?;
    Ok(SettingsView { settings, levels })
}

/// Saves the settings over `version`; a stale version is a conflict with the input kept.
#[server(endpoint = "readiness/settings/save")]
pub async fn save_readiness_settings(version: i64, input: SettingsInput) -> Result<(), AppError> {
    use super::ctx::{actor, fail, services};
    let (svc, actor) = (services()?, actor()?);
    svc.readiness
        .update_settings(&actor, version, &input)
        .await
        .map_err(fail)?;
    leptos_axum::redirect("/admin/beredskap?sparat=installningar");
    Ok(())
}

/// Saves the label and anchor text of `level` (0–5).
#[server(endpoint = "readiness/levels/save")]
pub async fn save_level_text(level: i64, input: LevelTextInput) -> Result<(), AppError> {
    use super::ctx::{actor, fail, services};
    let (svc, actor) = (services()?, actor()?);
    svc.readiness
        .update_level(&actor, level, &input)
        .await
        .map_err(fail)?;
    leptos_axum::redirect(&format!(
        "/admin/beredskap?sparat=niva-{level}#niva-{level}"
    ));
    Ok(())
}
