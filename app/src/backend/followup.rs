//! Use cases of the follow-up around NÖK: the reporting calendar, indicators with their yearly
//! values, and frozen board briefs.

use super::audit::Change;
use super::error::ServiceResult;
use super::storage::{self, Db};
use super::work::Writer;
use super::{ServiceError, allow_read};
use crate::domain::access::Data;
use crate::domain::brief::{Brief, BriefSummary, Fact};
use crate::domain::calendar::{Deadline, DeadlineInput};
use crate::domain::event::entity;
use crate::domain::indicator::{Indicator, IndicatorInput, ValueInput};
use crate::domain::{Actor, Label, Msg};
use chrono::NaiveDate;

/// A brief to freeze: what the dashboard showed, rendered, with its charts.
pub struct NewBrief {
    pub title: String,
    pub reporting_date: NaiveDate,
    pub period: String,
    pub facts: Vec<Fact>,
    pub body: String,
    /// (name, SVG, PNG bytes).
    pub charts: Vec<(String, String, Vec<u8>)>,
}

/// Most characters of a brief's title.
pub const BRIEF_TITLE_MAX: usize = 200;

#[derive(Clone)]
pub struct FollowUpService {
    db: Db,
    writer: Writer,
}

impl FollowUpService {
    pub fn new(db: Db, writer: Writer) -> Self {
        Self { db, writer }
    }

    pub async fn deadlines(&self, actor: &Actor) -> ServiceResult<Vec<Deadline>> {
        allow_read(actor, Data::Readiness, &[])?;
        Ok(storage::calendar::list(&mut *self.db.read().await?).await?)
    }

    pub async fn deadline(&self, actor: &Actor, id: i64) -> ServiceResult<Deadline> {
        allow_read(actor, Data::Readiness, &[])?;
        storage::calendar::find(&mut *self.db.read().await?, id)
            .await?
            .ok_or(ServiceError::NotFound)
    }

    /// Creates a deadline (`at` `None`) or saves one still at its version (`Some((id, version))`).
    pub async fn save_deadline(
        &self,
        actor: &Actor,
        at: Option<(i64, i64)>,
        input: &DeadlineInput,
    ) -> ServiceResult<i64> {
        if !actor.coordinates() {
            return Err(ServiceError::Forbidden);
        }
        let valid = input.parse()?;
        let mut w = self.writer.begin(actor).await?;
        let now = w.now();
        let known = storage::exercises::existing_requirement_ids(w.conn(), &valid.feeds).await?;
        if known.len() != valid.feeds.len() {
            return Err(ServiceError::field("feeds", Msg::UnknownRequirements));
        }
        let (id, before) = match at {
            None => (
                storage::calendar::insert(w.conn(), &valid, now).await?,
                None,
            ),
            Some((id, version)) => {
                let before = storage::calendar::find(w.conn(), id)
                    .await?
                    .ok_or(ServiceError::NotFound)?;
                if !storage::calendar::update(w.conn(), id, version, &valid, now).await? {
                    return Err(ServiceError::Conflict(Msg::DeadlineChanged));
                }
                (id, Some(before))
            }
        };
        let change = Change {
            action: if before.is_some() { "update" } else { "create" },
            entity_type: entity::DEADLINE,
            entity_id: id.to_string(),
            before: before.as_ref(),
            after: Some(&valid),
        };
        w.record(change, &[]).await?;
        w.commit().await?;
        Ok(id)
    }

    pub async fn indicators(&self, actor: &Actor) -> ServiceResult<Vec<Indicator>> {
        allow_read(actor, Data::Readiness, &[])?;
        Ok(storage::indicators::list(&mut *self.db.read().await?).await?)
    }

    pub async fn indicator(&self, actor: &Actor, id: i64) -> ServiceResult<Indicator> {
        allow_read(actor, Data::Readiness, &[])?;
        storage::indicators::find(&mut *self.db.read().await?, id)
            .await?
            .ok_or(ServiceError::NotFound)
    }

    /// Creates an indicator (`at` `None`) or saves one still at its version.
    pub async fn save_indicator(
        &self,
        actor: &Actor,
        at: Option<(i64, i64)>,
        input: &IndicatorInput,
    ) -> ServiceResult<i64> {
        if !actor.coordinates() {
            return Err(ServiceError::Forbidden);
        }
        let valid = input.parse()?;
        let mut w = self.writer.begin(actor).await?;
        let (id, before) = match at {
            None => (storage::indicators::insert(w.conn(), &valid).await?, None),
            Some((id, version)) => {
                let before = storage::indicators::find(w.conn(), id)
                    .await?
                    .ok_or(ServiceError::NotFound)?;
                if !storage::indicators::update(w.conn(), id, version, &valid).await? {
                    return Err(ServiceError::Conflict(Msg::IndicatorChanged));
                }
                (id, Some(before))
            }
        };
        let change = Change {
            action: if before.is_some() { "update" } else { "create" },
            entity_type: entity::INDICATOR,
            entity_id: id.to_string(),
            before: before.as_ref(),
            after: Some(&valid),
        };
        w.record(change, &[]).await?;
        w.commit().await?;
        Ok(id)
    }

    /// Sets (or, with an empty value, removes) a year's value of indicator `id` at `version`,
    /// for the region or förvaltning `forvaltning`. Region values are the coordinators'; a
    /// förvaltning's also its planners'.
    pub async fn set_value(
        &self,
        actor: &Actor,
        id: i64,
        version: i64,
        forvaltning: Option<i64>,
        input: &ValueInput,
    ) -> ServiceResult<()> {
        let allowed = match forvaltning {
            None => actor.coordinates(),
            Some(f) => actor.coordinates() || actor.can_follow_up(Some(f)),
        };
        if !allowed {
            return Err(ServiceError::Forbidden);
        }
        let (year, value) = input.parse()?;
        let mut w = self.writer.begin(actor).await?;
        let now = w.now();
        let indicator = storage::indicators::find(w.conn(), id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        if let Some(f) = forvaltning {
            if !indicator.per_forvaltning {
                return Err(ServiceError::field(
                    "forvaltning",
                    Msg::ValueNotPerForvaltning,
                ));
            }
            storage::forvaltningar::find(w.conn(), f)
                .await?
                .filter(|x| x.active)
                .ok_or(ServiceError::NotFound)?;
        }
        if !storage::indicators::bump(w.conn(), id, version).await? {
            return Err(ServiceError::Conflict(Msg::IndicatorChanged));
        }
        let before = indicator
            .values
            .iter()
            .find(|v| v.year == year && v.forvaltning.as_ref().map(|f| f.id) == forvaltning)
            .map(|v| v.value.0);
        storage::indicators::set_value(w.conn(), id, forvaltning, year, value, now).await?;
        let before =
            serde_json::json!({ "year": year, "forvaltning": forvaltning, "value": before });
        let after = serde_json::json!({ "year": year, "forvaltning": forvaltning, "value": value.map(|v| v.0) });
        let change = Change {
            action: "value",
            entity_type: entity::INDICATOR,
            entity_id: id.to_string(),
            before: Some(&before),
            after: Some(&after),
        };
        let concerns: Vec<i64> = forvaltning.into_iter().collect();
        w.record(change, &concerns).await?;
        w.commit().await
    }

    pub async fn briefs(&self, actor: &Actor) -> ServiceResult<Vec<BriefSummary>> {
        allow_read(actor, Data::Readiness, &[])?;
        Ok(storage::briefs::list(&mut *self.db.read().await?).await?)
    }

    pub async fn brief(&self, actor: &Actor, id: i64) -> ServiceResult<Brief> {
        allow_read(actor, Data::Readiness, &[])?;
        storage::briefs::find(&mut *self.db.read().await?, id)
            .await?
            .ok_or(ServiceError::NotFound)
    }

    /// A chart of a brief as it was drawn: the SVG, or the PNG's bytes.
    pub async fn brief_chart(
        &self,
        actor: &Actor,
        id: i64,
        name: &str,
        png: bool,
    ) -> ServiceResult<Vec<u8>> {
        use base64::Engine;
        allow_read(actor, Data::Readiness, &[])?;
        let (svg, png_b64) = storage::briefs::chart(&mut *self.db.read().await?, id, name)
            .await?
            .ok_or(ServiceError::NotFound)?;
        if png {
            base64::engine::general_purpose::STANDARD
                .decode(png_b64)
                .map_err(|e| ServiceError::Internal(format!("a stored chart is not base64: {e}")))
        } else {
            Ok(svg.into_bytes())
        }
    }

    /// Freezes a brief (region-wide planners). Returns its id.
    pub async fn freeze(&self, actor: &Actor, brief: &NewBrief) -> ServiceResult<i64> {
        use base64::Engine;
        if !actor.can_follow_up(None) {
            return Err(ServiceError::Forbidden);
        }
        let title = brief.title.trim();
        if title.is_empty() {
            return Err(ServiceError::field("title", Msg::BriefTitleRequired));
        }
        if title.chars().count() > BRIEF_TITLE_MAX {
            return Err(ServiceError::field(
                "title",
                Msg::TooLong {
                    label: Label::Title,
                    max: BRIEF_TITLE_MAX,
                },
            ));
        }
        let charts: Vec<(String, String, String)> = brief
            .charts
            .iter()
            .map(|(name, svg, png)| {
                (
                    name.clone(),
                    svg.clone(),
                    base64::engine::general_purpose::STANDARD.encode(png),
                )
            })
            .collect();
        let mut w = self.writer.begin(actor).await?;
        let now = w.now();
        let new = storage::briefs::NewBrief {
            title,
            reporting_date: brief.reporting_date,
            period: &brief.period,
            facts: &brief.facts,
            body: &brief.body,
            created_by: actor.user_id,
        };
        let id = storage::briefs::insert(w.conn(), &new, &charts, now).await?;
        let after = serde_json::json!({
            "title": title,
            "reporting_date": brief.reporting_date,
            "period": brief.period,
            "facts": brief.facts.len(),
            "charts": charts.iter().map(|c| c.0.clone()).collect::<Vec<_>>(),
        });
        let change = Change {
            action: "freeze",
            entity_type: entity::BRIEF,
            entity_id: id.to_string(),
            before: None::<&()>,
            after: Some(&after),
        };
        w.record(change, &[]).await?;
        w.commit().await?;
        Ok(id)
    }
}
