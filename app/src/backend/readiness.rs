//! Use cases of capability assessments: the grid of a period, one assessment with its history,
//! saving (a new version each time), submitting, approving and returning, and the region's
//! settings and level scale. The read model (every assessment as a cell, the conducted
//! exercises that verify levels, the settings) is kept in memory until an event says it changed.

use super::audit::Change;
use super::cache::{Cached, CachedMap};
use super::error::ServiceResult;
use super::storage::{self, Db, StorageError};
use super::work::{Work, Writer};
use super::{ServiceError, allow_read};
use crate::domain::access::Data;
use crate::domain::board::{self, AreaRef, Headline, Heatmap, Trend};
use crate::domain::event::{Event, entity};
use crate::domain::exercise::ForvaltningRef;
use crate::domain::lifecycle::ExerciseStatus;
use crate::domain::readiness::{
    Assessment, AssessmentCell, AssessmentContent, AssessmentInput, AssessmentStatus,
    AssessmentVersion, ExerciseEvidence, Level, LevelText, LevelTextInput, Period,
    ReadinessSettings, SettingsInput, Step, verifying_exercise,
};
use crate::domain::{Actor, Msg};
use chrono::NaiveDate;
use std::sync::Arc;

/// What the readiness pages read, loaded together.
pub struct ReadinessModel {
    /// The active förvaltningar, in the catalogue's order.
    pub forvaltningar: Vec<ForvaltningRef>,
    pub areas: Vec<AreaRef>,
    pub settings: ReadinessSettings,
    pub levels: Vec<LevelText>,
    pub cells: Vec<AssessmentCell>,
    pub evidence: Vec<ExerciseEvidence>,
}

impl ReadinessModel {
    /// The conducted exercise that verifies a level, if any (see [`verifying_exercise`]).
    pub fn verified_by(
        &self,
        forvaltning: i64,
        capability: &str,
        period: Period,
    ) -> Option<NaiveDate> {
        verifying_exercise(
            &self.evidence,
            forvaltning,
            capability,
            period,
            self.settings.evidence_months,
        )
    }
}

/// How many periods the board's trend shows, ending with the chosen one.
pub const TREND_PERIODS: usize = 6;

/// The board dashboard's readiness part for a period and an area, with its charts drawn.
pub struct Board {
    pub heatmap: Heatmap,
    pub trend: Trend,
    pub headlines: Vec<Headline>,
    pub evidence_months: u32,
    pub heatmap_svg: String,
    pub trend_svg: String,
}

/// One assessment as its page shows it.
#[derive(Debug, Clone)]
pub struct AssessmentPage {
    pub assessment: Assessment,
    pub versions: Vec<AssessmentVersion>,
    pub verified_by: Option<NaiveDate>,
}

/// Where a save goes: a new assessment, or an existing one at the version the form was opened at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveTo {
    New {
        forvaltning_id: i64,
        capability_code: String,
        period: Period,
    },
    Existing {
        id: i64,
        version: i64,
    },
}

/// The codes of the exercise statuses that count as conducted (evidence).
pub(super) fn conducted_codes() -> Vec<&'static str> {
    ExerciseStatus::ALL
        .into_iter()
        .filter(|s| s.is_conducted())
        .map(ExerciseStatus::code)
        .collect()
}

#[derive(Clone)]
pub struct ReadinessService {
    db: Db,
    writer: Writer,
    model: Cached<ReadinessModel>,
    /// Boards by period and area code, drawn from the model and forgotten with it.
    boards: CachedMap<(Period, String), Board>,
}

impl ReadinessService {
    pub fn new(db: Db, writer: Writer) -> Self {
        Self {
            db,
            writer,
            model: Cached::default(),
            boards: CachedMap::new(64),
        }
    }

    /// Forgets the read model when an assessment, the settings, an exercise (evidence) or a
    /// catalogue it names changed.
    pub fn on_event(&self, event: &Event) {
        if event.is(entity::ASSESSMENT)
            || event.is(entity::READINESS_SETTINGS)
            || event.is(entity::EXERCISE)
            || event.is(entity::FORVALTNING)
            || event.is(entity::CAPABILITY_AREA)
        {
            self.model.clear();
            self.boards.clear();
        }
    }

    /// The read model, for the readiness pages and charts.
    pub async fn model(&self, actor: &Actor) -> ServiceResult<Arc<ReadinessModel>> {
        allow_read(actor, Data::Readiness, &[])?;
        self.model
            .get_or_load(|| async {
                let mut c = self.db.read().await?;
                let forvaltningar = storage::forvaltningar::list_all(&mut c)
                    .await?
                    .into_iter()
                    .filter(|f| f.active)
                    .map(|f| ForvaltningRef {
                        id: f.id,
                        code: f.code,
                        name: f.name,
                    })
                    .collect();
                let areas = storage::catalogue::list_capability_areas(&mut c)
                    .await?
                    .into_iter()
                    .map(|a| AreaRef {
                        code: a.code,
                        title: a.title,
                    })
                    .collect();
                Ok::<_, ServiceError>(ReadinessModel {
                    forvaltningar,
                    areas,
                    settings: storage::readiness::settings(&mut c).await?,
                    levels: storage::readiness::levels(&mut c).await?,
                    cells: storage::readiness::all_cells(&mut c).await?,
                    evidence: storage::readiness::exercise_evidence(&mut c, &conducted_codes())
                        .await?,
                })
            })
            .await
    }

    /// The board's heatmap of `period`, the trend of `area` (the first area when `None`) and
    /// the headlines, with both charts drawn. Unknown area: not found.
    pub async fn board(
        &self,
        actor: &Actor,
        period: Period,
        area: Option<&str>,
    ) -> ServiceResult<Arc<Board>> {
        let model = self.model(actor).await?;
        let area = match area {
            None => model.areas.first().cloned().unwrap_or(AreaRef {
                code: String::new(),
                title: String::new(),
            }),
            Some(code) => model
                .areas
                .iter()
                .find(|a| a.code == code)
                .cloned()
                .ok_or(ServiceError::NotFound)?,
        };
        self.boards
            .get_or_load((period, area.code.clone()), || async {
                let months = model.settings.evidence_months;
                let heatmap = board::heatmap(
                    period,
                    model.forvaltningar.clone(),
                    model.areas.clone(),
                    &model.cells,
                    &model.evidence,
                    months,
                );
                let trend = board::trend(
                    area,
                    period.last_n(TREND_PERIODS),
                    model.forvaltningar.clone(),
                    &model.cells,
                );
                let headlines = board::headlines(&heatmap, &trend, &model.evidence, months);
                let draw = |r: Result<String, String>| {
                    r.unwrap_or_else(|e| {
                        tracing::error!(error = %e, "could not draw a readiness chart");
                        String::new()
                    })
                };
                let heatmap_svg = draw(crate::charts::svg(&crate::charts::HeatmapChart {
                    heatmap: &heatmap,
                }));
                let trend_svg = draw(crate::charts::svg(&crate::charts::TrendChart {
                    trend: &trend,
                }));
                Ok::<_, ServiceError>(Board {
                    heatmap,
                    trend,
                    headlines,
                    evidence_months: months,
                    heatmap_svg,
                    trend_svg,
                })
            })
            .await
    }

    /// One assessment with its history and whether an exercise verifies it.
    pub async fn get(&self, actor: &Actor, id: i64) -> ServiceResult<AssessmentPage> {
        allow_read(actor, Data::Readiness, &[])?;
        let (assessment, versions) = {
            let mut c = self.db.read().await?;
            let a = storage::readiness::find(&mut c, id)
                .await?
                .ok_or(ServiceError::NotFound)?;
            (a, storage::readiness::versions(&mut c, id).await?)
        };
        let model = self.model(actor).await?;
        let verified_by = model.verified_by(
            assessment.forvaltning.id,
            &assessment.capability_code,
            assessment.period,
        );
        Ok(AssessmentPage {
            assessment,
            versions,
            verified_by,
        })
    }

    /// The id of the assessment of a förvaltning, area and period, if one was started.
    pub async fn find_id(
        &self,
        actor: &Actor,
        forvaltning_id: i64,
        capability_code: &str,
        period: Period,
    ) -> ServiceResult<Option<i64>> {
        allow_read(actor, Data::Readiness, &[])?;
        let mut c = self.db.read().await?;
        Ok(storage::readiness::find_id(&mut c, forvaltning_id, capability_code, period).await?)
    }

    /// Checks that every evidence link names a conducted exercise and, when it names an
    /// objective, one of that exercise's.
    async fn check_evidence(&self, content: &AssessmentContent) -> ServiceResult<()> {
        if content.evidence.is_empty() {
            return Ok(());
        }
        let mut c = self.db.read().await?;
        for r in &content.evidence {
            let Some(x) = storage::exercises::find(&mut c, r.exercise_id).await? else {
                return Err(ServiceError::field("evidence", Msg::UnknownEvidence));
            };
            if !x.status.is_conducted() {
                return Err(ServiceError::field("evidence", Msg::EvidenceNotConducted));
            }
            if let Some(o) = r.objective_id
                && !x.objectives.iter().any(|obj| obj.id == o)
            {
                return Err(ServiceError::field("evidence", Msg::UnknownEvidence));
            }
        }
        Ok(())
    }

    /// Saves the form as a new draft version (a new assessment, or over one still at the
    /// version the form was opened at). Returns the assessment's id.
    pub async fn save(
        &self,
        actor: &Actor,
        to: &SaveTo,
        input: &AssessmentInput,
    ) -> ServiceResult<i64> {
        if !actor.assesses() {
            return Err(ServiceError::Forbidden);
        }
        let settings = {
            let mut c = self.db.read().await?;
            storage::readiness::settings(&mut c).await?
        };
        // The day in Sweden, as the form offers it (UTC is a day behind after 23:00 in winter).
        let today = super::local_now(self.writer.now()).date();
        let content = input.parse(settings.rule, today)?;
        let level = settings.rule.derive(&content.scores);
        if let SaveTo::New { forvaltning_id, .. } = to
            && !actor.can_assess(*forvaltning_id)
        {
            return Err(ServiceError::Forbidden);
        }
        // Checked on a reader, before the write transaction: a request never holds the single
        // writer for its validation.
        self.check_evidence(&content).await?;
        let mut w = self.writer.begin(actor).await?;
        let now = w.now();
        let (id, version, before, step, forvaltning_id) = match to {
            SaveTo::New {
                forvaltning_id,
                capability_code,
                period,
            } => {
                if storage::forvaltningar::find(w.conn(), *forvaltning_id)
                    .await?
                    .is_none()
                    || storage::catalogue::find_capability_area(w.conn(), capability_code)
                        .await?
                        .is_none()
                {
                    return Err(ServiceError::NotFound);
                }
                let new = storage::readiness::NewAssessment {
                    forvaltning_id: *forvaltning_id,
                    capability_code,
                    period: *period,
                    level,
                    content: &content,
                    assessor_id: actor.user_id,
                };
                let id = match storage::readiness::insert(w.conn(), &new, now).await {
                    Ok(id) => id,
                    Err(StorageError::Unique(_)) => {
                        return Err(ServiceError::Conflict(Msg::AssessmentExists));
                    }
                    Err(e) => return Err(e.into()),
                };
                (id, 1, None, Step::Create, *forvaltning_id)
            }
            SaveTo::Existing { id, version } => {
                let before = self.load_for_change(&mut w, actor, *id).await?;
                if !storage::readiness::update(
                    w.conn(),
                    *id,
                    *version,
                    level,
                    &content,
                    actor.user_id,
                    now,
                )
                .await?
                {
                    return Err(ServiceError::Conflict(Msg::AssessmentChangedKeepInput));
                }
                let f = before.forvaltning.id;
                (*id, version + 1, Some(before), Step::Update, f)
            }
        };
        storage::readiness::insert_version(
            w.conn(),
            &storage::readiness::NewVersion {
                assessment_id: id,
                version,
                step,
                status: AssessmentStatus::Draft,
                level,
                content: &content,
                comment: "",
                by: actor.user_id,
            },
            now,
        )
        .await?;
        let change = Change {
            action: step.code(),
            entity_type: entity::ASSESSMENT,
            entity_id: id.to_string(),
            before: before.as_ref().map(|b| &b.content),
            after: Some(&content),
        };
        w.record(change, &[forvaltning_id]).await?;
        w.commit().await?;
        Ok(id)
    }

    /// Loads an assessment in the work's transaction and checks that `actor` may change it.
    async fn load_for_change(
        &self,
        w: &mut Work,
        actor: &Actor,
        id: i64,
    ) -> ServiceResult<Assessment> {
        let a = storage::readiness::find(w.conn(), id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        if !actor.can_assess(a.forvaltning.id) {
            return Err(ServiceError::Forbidden);
        }
        Ok(a)
    }

    /// Submits, approves or returns an assessment still at `version`. Approval is for a
    /// region-wide planner who is not the assessor; a return needs a comment.
    pub async fn step(
        &self,
        actor: &Actor,
        id: i64,
        version: i64,
        step: Step,
        comment: &str,
    ) -> ServiceResult<()> {
        let comment = comment.trim();
        let mut w = self.writer.begin(actor).await?;
        let now = w.now();
        let a = storage::readiness::find(w.conn(), id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        match step {
            Step::Submit if !actor.can_assess(a.forvaltning.id) => {
                return Err(ServiceError::Forbidden);
            }
            Step::Approve | Step::Return if !actor.can_approve_assessments() => {
                return Err(if actor.assesses() {
                    ServiceError::Conflict(Msg::ApproverNotRegionWide)
                } else {
                    ServiceError::Forbidden
                });
            }
            Step::Approve if a.assessor.id == actor.user_id => {
                return Err(ServiceError::Conflict(Msg::ApproveOwnAssessment));
            }
            Step::Return if comment.is_empty() => {
                return Err(ServiceError::field("comment", Msg::ReturnCommentRequired));
            }
            Step::Return if comment.chars().count() > 2000 => {
                return Err(ServiceError::field(
                    "comment",
                    Msg::TooLong {
                        label: crate::domain::Label::Justification,
                        max: 2000,
                    },
                ));
            }
            Step::Create | Step::Update => return Err(ServiceError::Forbidden),
            _ => {}
        }
        if a.version != version {
            return Err(ServiceError::Conflict(Msg::AssessmentChangedReload));
        }
        let status = step.apply(a.status).map_err(ServiceError::Conflict)?;
        let done = match step {
            Step::Approve => {
                storage::readiness::approve(w.conn(), id, version, actor.user_id, now).await?
            }
            _ => storage::readiness::set_status(w.conn(), id, version, status, now).await?,
        };
        if !done {
            return Err(ServiceError::Conflict(Msg::AssessmentChangedReload));
        }
        storage::readiness::insert_version(
            w.conn(),
            &storage::readiness::NewVersion {
                assessment_id: id,
                version: version + 1,
                step,
                status,
                level: a.level,
                content: &a.content,
                comment,
                by: actor.user_id,
            },
            now,
        )
        .await?;
        let before = serde_json::json!({ "status": a.status.code() });
        let after = serde_json::json!({ "status": status.code(), "comment": comment });
        let change = Change {
            action: step.code(),
            entity_type: entity::ASSESSMENT,
            entity_id: id.to_string(),
            before: Some(&before),
            after: Some(&after),
        };
        w.record(change, &[a.forvaltning.id]).await?;
        w.commit().await
    }

    /// Saves the region's settings (administrators), if still at `version`.
    /// The settings and the level scale, for the admin's settings page.
    pub async fn admin_settings(
        &self,
        actor: &Actor,
    ) -> ServiceResult<(ReadinessSettings, Vec<LevelText>)> {
        if !actor.is_admin() {
            return Err(ServiceError::Forbidden);
        }
        let mut c = self.db.read().await?;
        Ok((
            storage::readiness::settings(&mut c).await?,
            storage::readiness::levels(&mut c).await?,
        ))
    }

    pub async fn update_settings(
        &self,
        actor: &Actor,
        version: i64,
        input: &SettingsInput,
    ) -> ServiceResult<()> {
        if !actor.is_admin() {
            return Err(ServiceError::Forbidden);
        }
        let new = input.parse(version)?;
        let mut w = self.writer.begin(actor).await?;
        let before = storage::readiness::settings(w.conn()).await?;
        if !storage::readiness::update_settings(w.conn(), &new, version).await? {
            return Err(ServiceError::Conflict(Msg::SettingsChanged));
        }
        let change = Change {
            action: "update",
            entity_type: entity::READINESS_SETTINGS,
            entity_id: "1".into(),
            before: Some(&before),
            after: Some(&new),
        };
        w.record(change, &[]).await?;
        w.commit().await
    }

    /// Saves a level's label and anchor text (administrators).
    pub async fn update_level(
        &self,
        actor: &Actor,
        level: i64,
        input: &LevelTextInput,
    ) -> ServiceResult<()> {
        if !actor.is_admin() {
            return Err(ServiceError::Forbidden);
        }
        let level = Level::new(level).ok_or(ServiceError::NotFound)?;
        let new = input.parse(level)?;
        let mut w = self.writer.begin(actor).await?;
        let before = storage::readiness::levels(w.conn()).await?;
        let before = before.iter().find(|l| l.level == level);
        if !storage::readiness::update_level(w.conn(), &new).await? {
            return Err(ServiceError::NotFound);
        }
        let change = Change {
            action: "update",
            entity_type: entity::READINESS_SETTINGS,
            entity_id: format!("level-{}", level.get()),
            before,
            after: Some(&new),
        };
        w.record(change, &[]).await?;
        w.commit().await
    }
}
