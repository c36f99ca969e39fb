//! The multi-year plan and the coverage view, read for every signed-in role. They read the
//! exercise list and the förvaltningar from the services that hold them in memory.

use super::allow_read;
use super::catalogue::CatalogueService;
use super::error::ServiceResult;
use super::exercises::ExerciseService;
use crate::domain::access::Data;
use crate::domain::coverage::{self, Coverage};
use crate::domain::exercise::{ExerciseSummary, ForvaltningRef};
use crate::domain::forvaltning::Forvaltning;
use crate::domain::timeline::{self, TimelineRow};
use crate::domain::{Actor, MandatePeriod};
use chrono::NaiveDate;

#[derive(Clone)]
pub struct PlanService {
    exercises: ExerciseService,
    catalogue: CatalogueService,
}

fn refs(list: &[Forvaltning]) -> Vec<ForvaltningRef> {
    list.iter()
        .map(|f| ForvaltningRef {
            id: f.id,
            code: f.code.clone(),
            name: f.name.clone(),
        })
        .collect()
}

fn bounds(period: MandatePeriod) -> (chrono::NaiveDateTime, chrono::NaiveDateTime) {
    let at = |y| {
        NaiveDate::from_ymd_opt(y, 1, 1)
            .unwrap_or_default()
            .and_hms_opt(0, 0, 0)
            .unwrap_or_default()
    };
    (at(period.first_year), at(period.last_year() + 1))
}

impl PlanService {
    pub fn new(exercises: ExerciseService, catalogue: CatalogueService) -> Self {
        Self {
            exercises,
            catalogue,
        }
    }

    async fn period_data(
        &self,
        actor: &Actor,
        period: MandatePeriod,
    ) -> ServiceResult<(Vec<Forvaltning>, Vec<ExerciseSummary>)> {
        let forvaltningar = self.catalogue.forvaltningar(actor).await?;
        let (from, to) = bounds(period);
        let exercises = self.exercises.overlapping(actor, from, to).await?;
        Ok((forvaltningar, exercises))
    }

    /// One row per active förvaltning (and inactive ones that still have exercises in the period).
    pub async fn timeline(
        &self,
        actor: &Actor,
        period: MandatePeriod,
    ) -> ServiceResult<(Vec<TimelineRow>, Vec<ExerciseSummary>)> {
        allow_read(actor, Data::Plan, &[])?;
        let (forvaltningar, exercises) = self.period_data(actor, period).await?;
        let shown: Vec<Forvaltning> = forvaltningar
            .into_iter()
            .filter(|f| f.active || exercises.iter().any(|e| e.involves(f.id)))
            .collect();
        Ok((
            timeline::layout(period, &refs(&shown), &exercises),
            exercises,
        ))
    }

    /// Capability area × year, optionally for one förvaltning.
    pub async fn coverage_by_year(
        &self,
        actor: &Actor,
        period: MandatePeriod,
        forvaltning: Option<i64>,
    ) -> ServiceResult<Coverage> {
        allow_read(actor, Data::Plan, &[])?;
        let (_, exercises) = self.period_data(actor, period).await?;
        let areas = self.catalogue.capability_areas(actor).await?;
        Ok(coverage::by_year(period, &areas, &exercises, forvaltning))
    }

    /// Exercises per year of the period by outcome.
    pub async fn per_year(
        &self,
        actor: &Actor,
        period: MandatePeriod,
    ) -> ServiceResult<Vec<coverage::YearCount>> {
        allow_read(actor, Data::Plan, &[])?;
        let (_, exercises) = self.period_data(actor, period).await?;
        Ok(coverage::per_year(period, &exercises))
    }

    /// Capability area × förvaltning for the whole period.
    pub async fn coverage_by_forvaltning(
        &self,
        actor: &Actor,
        period: MandatePeriod,
    ) -> ServiceResult<Coverage> {
        allow_read(actor, Data::Plan, &[])?;
        let (forvaltningar, exercises) = self.period_data(actor, period).await?;
        let areas = self.catalogue.capability_areas(actor).await?;
        let active: Vec<Forvaltning> = forvaltningar.into_iter().filter(|f| f.active).collect();
        Ok(coverage::by_forvaltning(
            period,
            &areas,
            &refs(&active),
            &exercises,
        ))
    }
}
