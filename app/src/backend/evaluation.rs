//! Use cases of an exercise's evaluation: critical tasks and evaluators per objective, the
//! evaluators' ratings, the final rating, strengths and areas for improvement, the hotwash notes
//! and the evaluation report with its approval.
//!
//! Who does what: the exercise's managers (those who may edit it) and its control staff run the
//! evaluation (tasks, evaluators, final ratings, notes, summary); the evaluators assigned to an
//! objective rate it; managers, control and evaluators record strengths and areas for
//! improvement; the managers approve the report. The full report, with the evaluators'
//! internal notes, is for them; the participants' version (without those notes) is for
//! everyone on the staff and everyone who reads the region's readiness.

use super::ServiceError;
use super::audit::Change;
use super::error::ServiceResult;
use super::storage::{self, Conn, Db};
use super::work::{Work, Writer};
use crate::domain::access::Data;
use crate::domain::conduct::StaffRole;
use crate::domain::evaluation::{
    EvalStanding, Evaluation, FinalInput, ObjectiveEvaluation, Outcome, REPORT_TEXT_MAX,
    RatingInput, approval_blockers, parse_tasks, takes_changes,
};
use crate::domain::event::entity;
use crate::domain::exercise::Exercise;
use crate::domain::improvement::FindingInput;
use crate::domain::lifecycle::ExerciseStatus;
use crate::domain::validation::optional_text;
use crate::domain::{Actor, FieldErrors, Label, Msg};
use std::collections::BTreeMap;

#[derive(Clone)]
pub struct EvaluationService {
    db: Db,
    writer: Writer,
}

impl EvaluationService {
    pub fn new(db: Db, writer: Writer) -> Self {
        Self { db, writer }
    }

    async fn standing(
        c: &mut Conn,
        actor: &Actor,
        id: i64,
    ) -> ServiceResult<(Exercise, EvalStanding, Option<StaffRole>)> {
        let exercise = storage::exercises::find(c, id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let role = storage::conduct::staff_role(c, id, actor.user_id).await?;
        let manages = actor.can_edit_exercise(exercise.lead.id);
        let controls = role == Some(StaffRole::Control);
        let evaluates = role == Some(StaffRole::Evaluator);
        let standing = EvalStanding {
            manages,
            controls,
            evaluates,
            full: manages || controls || evaluates,
        };
        Ok((exercise, standing, role))
    }

    /// The evaluation of exercise `id`: in full for those who run or rate it, the participants'
    /// version (without the evaluators' internal notes) for the staff
    /// and the region's readers of readiness; `participants` asks for that version anyway.
    pub async fn evaluation(
        &self,
        actor: &Actor,
        id: i64,
        participants: bool,
    ) -> ServiceResult<Evaluation> {
        let mut c = self.db.read().await?;
        let (exercise, standing, role) = Self::standing(&mut c, actor, id).await?;
        if !standing.full && role.is_none() && !actor.may_read(Data::Readiness, &[]) {
            return Err(ServiceError::Forbidden);
        }
        let mut objectives = load_objectives(&mut c, &exercise).await?;
        if participants || !standing.full {
            for r in objectives.iter_mut().flat_map(|o| o.ratings.iter_mut()) {
                r.notes.clear();
            }
        }
        let findings = storage::improvement::findings_of_exercise(&mut c, id).await?;
        let ratings = final_ratings(&mut c).await?;
        let actions = storage::improvement::actions(&mut c, &ratings)
            .await?
            .into_iter()
            .filter(|a| findings.iter().any(|f| f.id == a.finding_id))
            .collect();
        let report = storage::evaluation::report(&mut c, id).await?;
        let evaluators = storage::conduct::staff(&mut c, id)
            .await?
            .into_iter()
            .filter(|s| s.role == StaffRole::Evaluator)
            .map(|s| (s.user_id, s.display_name))
            .collect();
        let rows = storage::conduct::entries_after(&mut c, id, 0, 10_000).await?;
        let current: Vec<_> = crate::domain::conduct::current_versions(&rows)
            .into_iter()
            .map(|(e, _)| e)
            .collect();
        let entries = current
            .iter()
            .map(|e| {
                let mut short: String = e.text.chars().take(80).collect();
                if e.text.chars().count() > 80 {
                    short.push('…');
                }
                (e.id, e.seq, e.kind.label().to_string(), short)
            })
            .collect();
        let timeline = current
            .iter()
            .filter(|e| e.kind.is_key())
            .map(|e| {
                (
                    e.seq,
                    crate::backend::local_now(e.observed_at)
                        .format("%Y-%m-%d %H:%M")
                        .to_string(),
                    e.kind.label().to_string(),
                    e.text.clone(),
                )
            })
            .collect();
        let blocker = approval_blockers(&objectives);
        Ok(Evaluation {
            exercise,
            objectives,
            findings,
            actions,
            report,
            evaluators,
            entries,
            timeline,
            standing,
            blocker,
        })
    }

    /// Begins a change of exercise `id`'s evaluation: the work, the exercise and the standing,
    /// refused when the evaluation is not open or the report is approved.
    async fn begin(
        &self,
        actor: &Actor,
        id: i64,
    ) -> ServiceResult<(Work, Exercise, EvalStanding, Option<StaffRole>)> {
        let mut w = self.writer.begin(actor).await?;
        let (exercise, standing, role) = Self::standing(w.conn(), actor, id).await?;
        if !standing.records() {
            return Err(ServiceError::Forbidden);
        }
        if !takes_changes(exercise.status) {
            return Err(ServiceError::Conflict(Msg::EvaluationNotOpen));
        }
        if storage::evaluation::report(w.conn(), id)
            .await?
            .approval
            .is_some()
        {
            return Err(ServiceError::Conflict(Msg::EvaluationClosed));
        }
        Ok((w, exercise, standing, role))
    }

    fn objective_of(exercise: &Exercise, objective_id: i64) -> ServiceResult<()> {
        if exercise.objectives.iter().any(|o| o.id == objective_id) {
            Ok(())
        } else {
            Err(ServiceError::field("objective", Msg::UnknownObjective))
        }
    }

    /// Replaces an objective's critical tasks (one per line).
    pub async fn set_tasks(
        &self,
        actor: &Actor,
        id: i64,
        objective_id: i64,
        tasks: &str,
    ) -> ServiceResult<()> {
        let (mut w, exercise, standing, _) = self.begin(actor, id).await?;
        if !standing.leads() {
            return Err(ServiceError::Forbidden);
        }
        Self::objective_of(&exercise, objective_id)?;
        let tasks = parse_tasks(tasks)?;
        storage::evaluation::set_tasks(w.conn(), objective_id, &tasks).await?;
        record(&mut w, "set_tasks", &exercise, objective_id, &tasks).await?;
        w.commit().await
    }

    /// Assigns an objective's evaluators, from the staff's utvärderare.
    pub async fn set_evaluators(
        &self,
        actor: &Actor,
        id: i64,
        objective_id: i64,
        users: &[i64],
    ) -> ServiceResult<()> {
        let (mut w, exercise, standing, _) = self.begin(actor, id).await?;
        if !standing.leads() {
            return Err(ServiceError::Forbidden);
        }
        Self::objective_of(&exercise, objective_id)?;
        let staff = storage::conduct::staff(w.conn(), id).await?;
        let mut users = users.to_vec();
        users.sort_unstable();
        users.dedup();
        if users.iter().any(|u| {
            !staff
                .iter()
                .any(|s| s.user_id == *u && s.role == StaffRole::Evaluator)
        }) {
            return Err(ServiceError::field("evaluators", Msg::NotAnEvaluator));
        }
        storage::evaluation::set_evaluators(w.conn(), objective_id, &users).await?;
        record(&mut w, "set_evaluators", &exercise, objective_id, &users).await?;
        w.commit().await
    }

    /// The signed-in evaluator's rating of an objective they are assigned to. `version`: of the
    /// rating the form showed (`None` for a first rating); a stale one is 409.
    pub async fn rate(
        &self,
        actor: &Actor,
        id: i64,
        objective_id: i64,
        input: &RatingInput,
        version: Option<i64>,
    ) -> ServiceResult<()> {
        let (mut w, exercise, standing, _) = self.begin(actor, id).await?;
        Self::objective_of(&exercise, objective_id)?;
        let assigned = storage::evaluation::evaluators(w.conn(), id)
            .await?
            .iter()
            .any(|(o, u, _)| *o == objective_id && *u == actor.user_id);
        if !standing.evaluates || !assigned {
            return Err(ServiceError::Conflict(Msg::NotAssignedEvaluator));
        }
        let rating = input.parse()?;
        let known = storage::evaluation::entries_of(w.conn(), id, &rating.entries).await?;
        if known.len() != rating.entries.len() {
            return Err(ServiceError::field("entries", Msg::UnknownEntry));
        }
        let now = w.now();
        if !storage::evaluation::save_rating(
            w.conn(),
            objective_id,
            actor.user_id,
            &rating,
            version,
            now,
        )
        .await?
        {
            return Err(ServiceError::Conflict(Msg::ExerciseChangedReload));
        }
        record(&mut w, "rate", &exercise, objective_id, &rating).await?;
        w.commit().await
    }

    /// The exercise leader's final rating of an objective, with the reason.
    pub async fn set_final(
        &self,
        actor: &Actor,
        id: i64,
        objective_id: i64,
        input: &FinalInput,
        version: Option<i64>,
    ) -> ServiceResult<()> {
        let (mut w, exercise, standing, _) = self.begin(actor, id).await?;
        if !standing.leads() {
            return Err(ServiceError::Forbidden);
        }
        Self::objective_of(&exercise, objective_id)?;
        let (rating, reason) = input.parse()?;
        let now = w.now();
        if !storage::evaluation::set_result(
            w.conn(),
            objective_id,
            rating,
            &reason,
            actor.user_id,
            version,
            now,
        )
        .await?
        {
            return Err(ServiceError::Conflict(Msg::ExerciseChangedReload));
        }
        let after = serde_json::json!({ "rating": rating.code(), "reason": reason });
        record(&mut w, "set_final", &exercise, objective_id, &after).await?;
        w.commit().await
    }

    /// Records a strength or an area for improvement of the exercise (optionally of an objective
    /// and from a log entry). Returns its id.
    pub async fn add_finding(
        &self,
        actor: &Actor,
        id: i64,
        input: &FindingInput,
    ) -> ServiceResult<i64> {
        let (mut w, exercise, _, _) = self.begin(actor, id).await?;
        let f = input.parse(true)?;
        let mut e = FieldErrors::new();
        if let Some(o) = f.objective_id
            && !exercise.objectives.iter().any(|x| x.id == o)
        {
            e.add("objective", Msg::UnknownObjective);
        }
        if let Some(entry) = f.entry_id
            && storage::evaluation::entries_of(w.conn(), id, &[entry])
                .await?
                .is_empty()
        {
            e.add("entry", Msg::UnknownEntry);
        }
        check_refs(w.conn(), &mut e, &f.capability_code, f.forvaltning_id).await?;
        if !e.is_empty() {
            return Err(e.into());
        }
        let now = w.now();
        let day = f
            .observed_on
            .unwrap_or_else(|| crate::backend::local_now(now).date());
        let finding =
            storage::improvement::insert_finding(w.conn(), &f, Some(id), day, actor.user_id, now)
                .await?;
        let change = Change {
            action: "create",
            entity_type: entity::FINDING,
            entity_id: finding.to_string(),
            before: None::<&()>,
            after: Some(&f),
        };
        w.record(change, &concerns(&exercise, f.forvaltning_id))
            .await?;
        w.commit().await?;
        Ok(finding)
    }

    /// Removes a finding of the exercise that has no corrective actions yet.
    pub async fn delete_finding(
        &self,
        actor: &Actor,
        id: i64,
        finding_id: i64,
    ) -> ServiceResult<()> {
        let (mut w, exercise, standing, _) = self.begin(actor, id).await?;
        let finding = storage::improvement::finding(w.conn(), finding_id)
            .await?
            .filter(|f| f.exercise.as_ref().is_some_and(|(x, _)| *x == id))
            .ok_or(ServiceError::NotFound)?;
        if !standing.leads() && finding.created_by != actor.display_name {
            return Err(ServiceError::Forbidden);
        }
        let ratings = Vec::new();
        if storage::improvement::actions(w.conn(), &ratings)
            .await?
            .iter()
            .any(|a| a.finding_id == finding_id)
        {
            return Err(ServiceError::Conflict(Msg::FindingHasActions));
        }
        storage::improvement::delete_finding(w.conn(), finding_id).await?;
        let change = Change {
            action: "delete",
            entity_type: entity::FINDING,
            entity_id: finding_id.to_string(),
            before: Some(&finding),
            after: None::<&()>,
        };
        let forvaltning = finding.forvaltning.as_ref().map(|(f, _)| *f);
        w.record(change, &concerns(&exercise, forvaltning)).await?;
        w.commit().await
    }

    /// Saves the hotwash notes and the report's summary.
    pub async fn save_report(
        &self,
        actor: &Actor,
        id: i64,
        hotwash: &str,
        summary: &str,
        version: i64,
    ) -> ServiceResult<()> {
        let (mut w, exercise, standing, _) = self.begin(actor, id).await?;
        if !standing.leads() {
            return Err(ServiceError::Forbidden);
        }
        let mut e = FieldErrors::new();
        let hotwash = optional_text(&mut e, "hotwash", Label::Hotwash, hotwash, REPORT_TEXT_MAX);
        let summary = optional_text(&mut e, "summary", Label::Summary, summary, REPORT_TEXT_MAX);
        if !e.is_empty() {
            return Err(e.into());
        }
        if !storage::evaluation::save_report(w.conn(), id, &hotwash, &summary, version).await? {
            return Err(ServiceError::Conflict(Msg::ExerciseChangedReload));
        }
        let after = serde_json::json!({ "hotwash": hotwash, "summary": summary });
        let change = Change {
            action: "save_report",
            entity_type: entity::EVALUATION,
            entity_id: id.to_string(),
            before: None::<&()>,
            after: Some(&after),
        };
        w.record(change, &exercise.forvaltning_ids()).await?;
        w.commit().await
    }

    /// Approves the evaluation report (who, when): every objective needs its final rating. The
    /// exercise may then move to Avslutad; the evaluation no longer changes.
    pub async fn approve(&self, actor: &Actor, id: i64, version: i64) -> ServiceResult<()> {
        let mut w = self.writer.begin(actor).await?;
        let (exercise, standing, _) = Self::standing(w.conn(), actor, id).await?;
        if !standing.manages {
            return Err(ServiceError::Forbidden);
        }
        if !matches!(
            exercise.status,
            ExerciseStatus::Conducted | ExerciseStatus::Evaluating
        ) {
            return Err(ServiceError::Conflict(Msg::EvaluationNotOpen));
        }
        let report = storage::evaluation::report(w.conn(), id).await?;
        if report.approval.is_some() {
            return Err(ServiceError::Conflict(Msg::ReportApproved));
        }
        let objectives = load_objectives(w.conn(), &exercise).await?;
        if let Some(m) = approval_blockers(&objectives) {
            return Err(ServiceError::Conflict(m));
        }
        let now = w.now();
        if !storage::evaluation::approve_report(w.conn(), id, actor.user_id, version, now).await? {
            return Err(ServiceError::Conflict(Msg::ExerciseChangedReload));
        }
        let change = Change::<(), _> {
            action: "approve_report",
            entity_type: entity::EVALUATION,
            entity_id: id.to_string(),
            before: None,
            after: Some(&serde_json::json!({ "approved_by": actor.username })),
        };
        w.record(change, &exercise.forvaltning_ids()).await?;
        w.commit().await
    }
}

/// Refuses moving an exercise to Avslutad before its evaluation report is approved (called by
/// `ExerciseService::transition` in the same unit of work).
pub async fn check_close(
    c: &mut Conn,
    exercise: &Exercise,
    to: ExerciseStatus,
) -> ServiceResult<()> {
    if to == ExerciseStatus::Closed
        && storage::evaluation::report(c, exercise.id)
            .await?
            .approval
            .is_none()
    {
        return Err(ServiceError::Conflict(Msg::ReportNotApproved));
    }
    Ok(())
}

/// The exercise's objectives with their tasks, evaluators, ratings and outcome.
pub async fn load_objectives(
    c: &mut Conn,
    exercise: &Exercise,
) -> ServiceResult<Vec<ObjectiveEvaluation>> {
    let id = exercise.id;
    let tasks = storage::evaluation::tasks(c, id).await?;
    let evaluators = storage::evaluation::evaluators(c, id).await?;
    let ratings = storage::evaluation::ratings(c, id).await?;
    let mut results: BTreeMap<i64, _> = storage::evaluation::results(c, id)
        .await?
        .into_iter()
        .collect();
    Ok(exercise
        .objectives
        .iter()
        .enumerate()
        .map(|(n, o)| {
            let ratings: Vec<_> = ratings
                .iter()
                .filter(|r| r.objective_id == o.id)
                .cloned()
                .collect();
            let set = results.remove(&o.id);
            ObjectiveEvaluation {
                objective_id: o.id,
                number: n + 1,
                text: o.text.clone(),
                capability_code: o.capability_code.clone(),
                capability_title: o.capability_title.clone(),
                tasks: tasks
                    .iter()
                    .filter(|(x, _)| *x == o.id)
                    .map(|(_, t)| t.clone())
                    .collect(),
                evaluators: evaluators
                    .iter()
                    .filter(|(x, ..)| *x == o.id)
                    .map(|(_, u, name)| (*u, name.clone()))
                    .collect(),
                outcome: Outcome::of(&ratings, set.as_ref()),
                ratings,
                set,
            }
        })
        .collect())
}

/// The final rating of every objective that has one (set, or agreed by its evaluators).
pub async fn final_ratings(
    c: &mut Conn,
) -> ServiceResult<Vec<(i64, crate::domain::evaluation::Rating)>> {
    let (ratings, results) = storage::evaluation::all_ratings(c).await?;
    Ok(crate::domain::evaluation::final_ratings(&ratings, &results)
        .into_iter()
        .collect())
}

/// Checks that a capability area and förvaltning exist.
pub async fn check_refs(
    c: &mut Conn,
    e: &mut FieldErrors,
    capability: &str,
    forvaltning: Option<i64>,
) -> ServiceResult<()> {
    if !capability.is_empty()
        && !storage::catalogue::list_capability_areas(c)
            .await?
            .iter()
            .any(|a| a.code == capability)
    {
        e.add("capability", Msg::UnknownCapability);
    }
    if let Some(f) = forvaltning
        && !storage::forvaltningar::list_all(c)
            .await?
            .iter()
            .any(|x| x.id == f && x.active)
    {
        e.add("forvaltning", Msg::UnknownForvaltning);
    }
    Ok(())
}

fn concerns(exercise: &Exercise, forvaltning: Option<i64>) -> Vec<i64> {
    let mut ids = exercise.forvaltning_ids();
    ids.extend(forvaltning);
    ids
}

async fn record<A: serde::Serialize>(
    w: &mut Work,
    action: &'static str,
    exercise: &Exercise,
    objective_id: i64,
    after: &A,
) -> ServiceResult<()> {
    let change = Change {
        action,
        entity_type: entity::EVALUATION,
        entity_id: format!("{}/{objective_id}", exercise.id),
        before: None::<&()>,
        after: Some(after),
    };
    w.record(change, &exercise.forvaltning_ids()).await
}
