//! Use cases of the learning chain after the evaluation: the register of findings (areas for
//! improvement from exercises, and shortcomings from real events, the risk and vulnerability
//! analysis, inspections and audits), corrective actions through their lifecycle, the re-test
//! Redo proposes in the owner's next exercise, verification, and the lessons library.
//!
//! Who does what: planners whose scope holds the owner förvaltning record, decide and drop
//! actions (region-wide planners for shortcomings without a förvaltning); the exercise's
//! managers may also propose actions on its areas for improvement; the responsible person (or a
//! planner) moves a decided action on to Pågår and Genomförd; only the named verifier verifies
//! it; a planner who may edit the proposed exercise accepts the re-test objective into it.
//! Everyone who reads the region's readiness reads the register (observers do not: these are
//! the region's vulnerabilities).

use super::ServiceError;
use super::audit::Change;
use super::error::ServiceResult;
use super::evaluation::{check_refs, final_ratings};
use super::storage::{self, Conn, Db};
use super::work::{Work, Writer};
use crate::domain::access::Data;
use crate::domain::evaluation::Rating;
use crate::domain::event::entity;
use crate::domain::improvement::{
    Action, ActionFilter, ActionInput, ActionStatus, ActionView, Candidate, Chain, Cited,
    DecideInput, Finding, FindingInput, FindingKind, OpenCount, Upcoming, VerifyInput,
    check_citation, open_counts, retest_target, retest_text,
};
use crate::domain::lifecycle::ExerciseStatus;
use crate::domain::validation::required_text;
use crate::domain::{Actor, FieldErrors, Label, Msg, Role};
use chrono::NaiveDate;
use std::collections::BTreeMap;

#[derive(Clone)]
pub struct ImprovementService {
    db: Db,
    writer: Writer,
}

fn today(w: &Work) -> NaiveDate {
    super::local_now(w.now()).date()
}

impl ImprovementService {
    pub fn new(db: Db, writer: Writer) -> Self {
        Self { db, writer }
    }

    fn reads(actor: &Actor) -> ServiceResult<()> {
        super::allow_read(actor, Data::Readiness, &[])
    }

    /// Today in Sweden, which due days are counted in.
    pub fn today(&self) -> NaiveDate {
        super::local_now(self.writer.now()).date()
    }

    /// The people who may be named responsible or verifier: active, and neither observers nor
    /// board readers. (id, name).
    pub async fn people(&self, actor: &Actor) -> ServiceResult<Vec<(i64, String)>> {
        Self::reads(actor)?;
        let mut c = self.db.read().await?;
        responsible_people(&mut c).await
    }

    /// The register: every finding, newest first (areas for improvement and strengths).
    pub async fn findings(&self, actor: &Actor) -> ServiceResult<Vec<Finding>> {
        Self::reads(actor)?;
        let mut c = self.db.read().await?;
        Ok(storage::improvement::findings(&mut c).await?)
    }

    /// The lessons library: areas for improvement across exercises and events, matching the
    /// words of `q` (in title, description, decision or lesson), a capability area and a
    /// förvaltning, each with its actions.
    pub async fn lessons(
        &self,
        actor: &Actor,
        q: &str,
        capability: Option<&str>,
        forvaltning: Option<i64>,
    ) -> ServiceResult<Vec<Chain>> {
        Self::reads(actor)?;
        let mut c = self.db.read().await?;
        let ratings = final_ratings(&mut c).await?;
        let actions = storage::improvement::actions(&mut c, &ratings).await?;
        let words: Vec<&str> = q.split_whitespace().collect();
        Ok(storage::improvement::findings(&mut c)
            .await?
            .into_iter()
            .filter(|f| f.kind == FindingKind::Improvement)
            .filter(|f| capability.is_none_or(|cap| f.capability_code == cap))
            .filter(|f| {
                forvaltning.is_none_or(|id| {
                    f.forvaltning.as_ref().is_some_and(|(x, _)| *x == id)
                        || actions
                            .iter()
                            .any(|a| a.finding_id == f.id && a.forvaltning.0 == id)
                })
            })
            .filter(|f| {
                let hay = format!(
                    "{} {} {} {} {}",
                    f.title,
                    f.description,
                    f.lesson,
                    f.decided.as_ref().map(|d| d.text.as_str()).unwrap_or(""),
                    f.source_ref
                );
                words
                    .iter()
                    .all(|w| crate::domain::text::contains_ci(&hay, w))
            })
            .map(|finding| Chain {
                may_add: false,
                actions: actions
                    .iter()
                    .filter(|a| a.finding_id == finding.id)
                    .cloned()
                    .collect(),
                finding,
            })
            .collect())
    }

    /// One finding with its chain.
    pub async fn chain(&self, actor: &Actor, id: i64) -> ServiceResult<Chain> {
        Self::reads(actor)?;
        let mut c = self.db.read().await?;
        let finding = storage::improvement::finding(&mut c, id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let ratings = final_ratings(&mut c).await?;
        let actions = storage::improvement::actions(&mut c, &ratings)
            .await?
            .into_iter()
            .filter(|a| a.finding_id == id)
            .collect();
        let may_add = finding.kind == FindingKind::Improvement
            && may_propose(&mut c, actor, &finding).await?;
        Ok(Chain {
            finding,
            actions,
            may_add,
        })
    }

    /// Records a shortcoming found outside an exercise (a real event, the risk and
    /// vulnerability analysis, an inspection, an audit). Returns its id.
    pub async fn record(&self, actor: &Actor, input: &FindingInput) -> ServiceResult<i64> {
        let f = input.parse(false)?;
        if !actor.can_follow_up(f.forvaltning_id) {
            return Err(ServiceError::Forbidden);
        }
        let mut w = self.writer.begin(actor).await?;
        let mut e = FieldErrors::new();
        check_refs(w.conn(), &mut e, &f.capability_code, f.forvaltning_id).await?;
        if !e.is_empty() {
            return Err(e.into());
        }
        let now = w.now();
        let day = f.observed_on.unwrap_or_else(|| today(&w));
        let id = storage::improvement::insert_finding(w.conn(), &f, None, day, actor.user_id, now)
            .await?;
        let change = Change {
            action: "create",
            entity_type: entity::FINDING,
            entity_id: id.to_string(),
            before: None::<&()>,
            after: Some(&f),
        };
        w.record(change, &f.forvaltning_id.into_iter().collect::<Vec<_>>())
            .await?;
        w.commit().await?;
        Ok(id)
    }

    /// The action list, filtered, soonest due first.
    pub async fn actions(
        &self,
        actor: &Actor,
        filter: &ActionFilter,
    ) -> ServiceResult<Vec<Action>> {
        Self::reads(actor)?;
        let mut c = self.db.read().await?;
        let ratings = final_ratings(&mut c).await?;
        let today = self.today();
        Ok(storage::improvement::actions(&mut c, &ratings)
            .await?
            .into_iter()
            .filter(|a| filter.status.is_none_or(|s| a.status == s))
            .filter(|a| filter.forvaltning.is_none_or(|f| a.forvaltning.0 == f))
            .filter(|a| {
                filter
                    .capability
                    .as_ref()
                    .is_none_or(|cap| &a.capability_code == cap)
            })
            .filter(|a| !filter.overdue || a.is_overdue(today))
            .filter(|a| filter.source.is_none_or(|s| a.source == s))
            .collect())
    }

    /// Open and overdue actions per (förvaltning, capability area), for the heatmap, the
    /// dashboard, briefs, the plan and assessments.
    pub async fn open_counts(
        &self,
        actor: &Actor,
    ) -> ServiceResult<BTreeMap<(i64, String), OpenCount>> {
        Self::reads(actor)?;
        let mut c = self.db.read().await?;
        let cells = storage::improvement::action_cells(&mut c).await?;
        Ok(open_counts(&cells, self.today()))
    }

    /// One action with what `actor` may do with it.
    pub async fn action(&self, actor: &Actor, id: i64) -> ServiceResult<ActionView> {
        Self::reads(actor)?;
        let mut c = self.db.read().await?;
        let ratings = final_ratings(&mut c).await?;
        let action = storage::improvement::action(&mut c, id, &ratings)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let finding = storage::improvement::finding(&mut c, action.finding_id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let owner = Some(action.forvaltning.0);
        let plans = actor.can_follow_up(owner);
        let candidates = match &action.decided {
            Some((_, at)) if action.status == ActionStatus::Done => {
                candidates(&mut c, super::local_now(*at).date(), &ratings).await?
            }
            _ => Vec::new(),
        };
        // Not the exercise the finding came from.
        let source = finding.exercise.as_ref().map(|(x, _)| *x);
        let candidates = candidates
            .into_iter()
            .filter(|x| Some(x.exercise_id) != source)
            .collect();
        let people = responsible_people(&mut c).await?;
        let may_accept_retest = match (&action.retest_exercise, &action.retest_objective) {
            (Some((x, ..)), None) if action.status.is_open() => {
                let target = storage::exercises::find(&mut c, *x).await?;
                target.is_some_and(|t| {
                    actor.can_plan() && actor.can_edit_exercise(t.lead.id) && planned(t.status)
                })
            }
            _ => false,
        };
        Ok(ActionView {
            overdue: action.is_overdue(self.today()),
            may_edit: plans
                && matches!(
                    action.status,
                    ActionStatus::Proposed | ActionStatus::Decided
                ),
            may_decide: plans && action.status == ActionStatus::Proposed,
            may_step: action.status.next_step().is_some()
                && (plans || action.responsible.0 == actor.user_id),
            may_verify: action.status == ActionStatus::Done
                && action
                    .verifier
                    .as_ref()
                    .is_some_and(|(v, _)| *v == actor.user_id),
            may_drop: plans && !action.status.is_final(),
            may_accept_retest,
            candidates,
            people,
            action,
            finding,
        })
    }

    /// Proposes a corrective action on an area for improvement. Returns its id.
    pub async fn add(
        &self,
        actor: &Actor,
        finding_id: i64,
        input: &ActionInput,
    ) -> ServiceResult<i64> {
        let mut w = self.writer.begin(actor).await?;
        let finding = storage::improvement::finding(w.conn(), finding_id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        if finding.kind != FindingKind::Improvement {
            return Err(ServiceError::Conflict(Msg::NotAnImprovement));
        }
        let a = input.parse()?;
        if !actor.can_follow_up(Some(a.forvaltning_id))
            && !may_propose(w.conn(), actor, &finding).await?
        {
            return Err(ServiceError::Forbidden);
        }
        let mut e = FieldErrors::new();
        check_refs(w.conn(), &mut e, &a.capability_code, Some(a.forvaltning_id)).await?;
        check_person(w.conn(), &mut e, "responsible", a.responsible_id).await?;
        if !e.is_empty() {
            return Err(e.into());
        }
        let now = w.now();
        let id = storage::improvement::insert_action(w.conn(), finding_id, &a, actor.user_id, now)
            .await?;
        let change = Change {
            action: "create",
            entity_type: entity::CORRECTIVE_ACTION,
            entity_id: id.to_string(),
            before: None::<&()>,
            after: Some(&a),
        };
        w.record(change, &[a.forvaltning_id]).await?;
        w.commit().await?;
        Ok(id)
    }

    async fn begin(&self, actor: &Actor, id: i64) -> ServiceResult<(Work, Action)> {
        let mut w = self.writer.begin(actor).await?;
        let action = storage::improvement::action(w.conn(), id, &Vec::new())
            .await?
            .ok_or(ServiceError::NotFound)?;
        Ok((w, action))
    }

    /// Edits an action while it is Föreslagen or Beslutad.
    pub async fn update(
        &self,
        actor: &Actor,
        id: i64,
        input: &ActionInput,
        version: i64,
    ) -> ServiceResult<()> {
        let (mut w, before) = self.begin(actor, id).await?;
        if !actor.can_follow_up(Some(before.forvaltning.0)) {
            return Err(ServiceError::Forbidden);
        }
        if !matches!(
            before.status,
            ActionStatus::Proposed | ActionStatus::Decided
        ) {
            return Err(ServiceError::Conflict(Msg::ActionNotInStatus));
        }
        let a = input.parse()?;
        if !actor.can_follow_up(Some(a.forvaltning_id)) {
            return Err(ServiceError::Forbidden);
        }
        let mut e = FieldErrors::new();
        check_refs(w.conn(), &mut e, &a.capability_code, Some(a.forvaltning_id)).await?;
        check_person(w.conn(), &mut e, "responsible", a.responsible_id).await?;
        if before
            .verifier
            .as_ref()
            .is_some_and(|(v, _)| *v == a.responsible_id)
        {
            e.add("responsible", Msg::VerifierIsResponsible);
        }
        if !e.is_empty() {
            return Err(e.into());
        }
        if !storage::improvement::update_action(w.conn(), id, &a, version).await? {
            return Err(ServiceError::Conflict(Msg::ActionChangedReload));
        }
        record(
            &mut w,
            "update",
            &before,
            &a,
            &[before.forvaltning.0, a.forvaltning_id],
        )
        .await?;
        w.commit().await
    }

    /// Decides an action: who decided and when, the verification criterion and the verifier
    /// (not the responsible person). Stamps the decision on its finding if it has none, and
    /// proposes a re-test in the owner's next planned exercise when there is one.
    pub async fn decide(
        &self,
        actor: &Actor,
        id: i64,
        input: &DecideInput,
        version: i64,
    ) -> ServiceResult<()> {
        let (mut w, before) = self.begin(actor, id).await?;
        if !actor.can_follow_up(Some(before.forvaltning.0)) {
            return Err(ServiceError::Forbidden);
        }
        if before.status != ActionStatus::Proposed {
            return Err(ServiceError::Conflict(Msg::ActionNotInStatus));
        }
        let (criterion, verifier) = input.parse(before.responsible.0)?;
        let mut e = FieldErrors::new();
        check_person(w.conn(), &mut e, "verifier", verifier).await?;
        if !e.is_empty() {
            return Err(e.into());
        }
        let today = today(&w);
        let upcoming = upcoming(w.conn()).await?;
        let retest = retest_target(&upcoming, before.forvaltning.0, today).map(|x| x.id);
        let now = w.now();
        if !storage::improvement::decide_action(
            w.conn(),
            id,
            &criterion,
            verifier,
            retest,
            actor.user_id,
            version,
            now,
        )
        .await?
        {
            return Err(ServiceError::Conflict(Msg::ActionChangedReload));
        }
        if let Some(f) = storage::improvement::finding(w.conn(), before.finding_id).await?
            && f.decided.is_none()
        {
            let text = format!("Åtgärd beslutad: {}", before.text);
            storage::improvement::decide_finding(
                w.conn(),
                f.id,
                &text,
                actor.user_id,
                f.version,
                now,
            )
            .await?;
        }
        let after = serde_json::json!({
            "status": ActionStatus::Decided.code(),
            "criterion": criterion,
            "verifier_id": verifier,
            "retest_exercise_id": retest,
        });
        record(&mut w, "decide", &before, &after, &[before.forvaltning.0]).await?;
        w.commit().await
    }

    /// Beslutad → Pågår, Pågår → Genomförd: the responsible person, or a planner.
    pub async fn step(&self, actor: &Actor, id: i64, version: i64) -> ServiceResult<()> {
        let (mut w, before) = self.begin(actor, id).await?;
        if !actor.can_follow_up(Some(before.forvaltning.0)) && before.responsible.0 != actor.user_id
        {
            return Err(ServiceError::Forbidden);
        }
        let Some(to) = before.status.next_step() else {
            return Err(ServiceError::Conflict(Msg::ActionNotInStatus));
        };
        if !storage::improvement::step_action(w.conn(), id, before.status, to, version).await? {
            return Err(ServiceError::Conflict(Msg::ActionChangedReload));
        }
        let after = serde_json::json!({ "status": to.code() });
        record(&mut w, "step", &before, &after, &[before.forvaltning.0]).await?;
        w.commit().await
    }

    /// Avförd, with the reason.
    pub async fn drop(
        &self,
        actor: &Actor,
        id: i64,
        reason: &str,
        version: i64,
    ) -> ServiceResult<()> {
        let (mut w, before) = self.begin(actor, id).await?;
        if !actor.can_follow_up(Some(before.forvaltning.0)) {
            return Err(ServiceError::Forbidden);
        }
        if before.status.is_final() {
            return Err(ServiceError::Conflict(Msg::ActionNotInStatus));
        }
        let mut e = FieldErrors::new();
        let reason = required_text(&mut e, "reason", Label::Reason, reason, 4000);
        if !e.is_empty() {
            return Err(e.into());
        }
        if !storage::improvement::drop_action(w.conn(), id, &reason, version).await? {
            return Err(ServiceError::Conflict(Msg::ActionChangedReload));
        }
        let after = serde_json::json!({ "status": ActionStatus::Dropped.code(), "reason": reason });
        record(&mut w, "drop", &before, &after, &[before.forvaltning.0]).await?;
        w.commit().await
    }

    /// Verifies a done action: the named verifier cites an objective of an exercise conducted
    /// after the decision whose final rating is P or S, or gives the reason it is verified
    /// without an exercise. The lesson learned, if written, goes on the finding.
    pub async fn verify(
        &self,
        actor: &Actor,
        id: i64,
        input: &VerifyInput,
        version: i64,
    ) -> ServiceResult<()> {
        let (mut w, before) = self.begin(actor, id).await?;
        if before
            .verifier
            .as_ref()
            .is_none_or(|(v, _)| *v != actor.user_id)
        {
            return Err(ServiceError::Forbidden);
        }
        if before.status != ActionStatus::Done {
            return Err(ServiceError::Conflict(Msg::ActionNotInStatus));
        }
        let (cited, lesson) = input.parse()?;
        let decided_on = before
            .decided
            .as_ref()
            .map(|(_, at)| super::local_now(*at).date())
            .unwrap_or_default();
        let (objective, reason) = match cited {
            Cited::Objective(o) => {
                let ratings = final_ratings(w.conn()).await?;
                let Some((candidate, conducted)) = candidate(w.conn(), o, &ratings).await? else {
                    return Err(ServiceError::field("objective", Msg::UnknownObjective));
                };
                let source = storage::improvement::finding(w.conn(), before.finding_id)
                    .await?
                    .and_then(|f| f.exercise.map(|(x, _)| x));
                if let Some(m) = check_citation(&candidate, decided_on, conducted, source) {
                    return Err(ServiceError::field("objective", m));
                }
                (Some(o), None)
            }
            Cited::Reason(r) => (None, Some(r)),
        };
        let now = w.now();
        if !storage::improvement::verify_action(
            w.conn(),
            id,
            objective,
            reason.as_deref(),
            actor.user_id,
            version,
            now,
        )
        .await?
        {
            return Err(ServiceError::Conflict(Msg::ActionChangedReload));
        }
        if !lesson.is_empty() {
            storage::improvement::set_lesson(w.conn(), before.finding_id, &lesson).await?;
        }
        let after = serde_json::json!({
            "status": ActionStatus::Verified.code(),
            "objective_id": objective,
            "reason": reason,
            "lesson": lesson,
        });
        record(&mut w, "verify", &before, &after, &[before.forvaltning.0]).await?;
        w.commit().await
    }

    /// Accepts the proposed re-test: adds the objective to the proposed exercise and links it.
    /// Returns the exercise's id.
    pub async fn accept_retest(&self, actor: &Actor, id: i64, version: i64) -> ServiceResult<i64> {
        if !actor.can_plan() {
            return Err(ServiceError::Forbidden);
        }
        let (mut w, before) = self.begin(actor, id).await?;
        let (Some((exercise_id, ..)), None) = (&before.retest_exercise, &before.retest_objective)
        else {
            return Err(ServiceError::Conflict(Msg::NoRetestProposed));
        };
        let target = storage::exercises::find(w.conn(), *exercise_id)
            .await?
            .ok_or(ServiceError::Conflict(Msg::NoRetestProposed))?;
        if !actor.can_edit_exercise(target.lead.id) {
            return Err(ServiceError::Forbidden);
        }
        if !planned(target.status) {
            return Err(ServiceError::Conflict(Msg::RetestTargetStarted));
        }
        let now = w.now();
        let text = retest_text(&before.text);
        let objective = storage::exercises::add_objective(
            w.conn(),
            target.id,
            &text,
            &before.capability_code,
            now,
        )
        .await?;
        if !storage::improvement::set_retest_objective(w.conn(), id, objective, version).await? {
            return Err(ServiceError::Conflict(Msg::ActionChangedReload));
        }
        let change = Change {
            action: "add_objective",
            entity_type: entity::EXERCISE,
            entity_id: target.id.to_string(),
            before: None::<&()>,
            after: Some(&serde_json::json!({ "objective_id": objective, "text": text })),
        };
        w.record(change, &target.forvaltning_ids()).await?;
        let after = serde_json::json!({ "retest_objective_id": objective });
        record(
            &mut w,
            "accept_retest",
            &before,
            &after,
            &[before.forvaltning.0],
        )
        .await?;
        w.commit().await?;
        Ok(target.id)
    }
}

/// Planned and not started: an exercise a re-test can still be added to.
fn planned(status: ExerciseStatus) -> bool {
    matches!(
        status,
        ExerciseStatus::Planned | ExerciseStatus::InPreparation | ExerciseStatus::Ready
    )
}

/// Whether `actor` may propose actions on `finding` without planning its owner: the managers
/// of the exercise it came from.
async fn may_propose(c: &mut Conn, actor: &Actor, finding: &Finding) -> ServiceResult<bool> {
    if actor.can_follow_up(finding.forvaltning.as_ref().map(|(f, _)| *f))
        || (actor.role == Role::Planner && finding.forvaltning.is_none())
    {
        return Ok(true);
    }
    let Some((x, _)) = &finding.exercise else {
        return Ok(false);
    };
    Ok(storage::exercises::find(c, *x)
        .await?
        .is_some_and(|e| actor.can_edit_exercise(e.lead.id)))
}

/// Active people who may carry responsibility: neither observers nor board readers.
async fn responsible_people(c: &mut Conn) -> ServiceResult<Vec<(i64, String)>> {
    Ok(storage::users::list(c)
        .await?
        .into_iter()
        .filter(|u| u.active && u.role != Role::Observer && u.role != Role::BoardViewer)
        .map(|u| (u.id, u.display_name))
        .collect())
}

/// Checks that a person may be named responsible or verifier.
async fn check_person(
    c: &mut Conn,
    e: &mut FieldErrors,
    field: &str,
    id: i64,
) -> ServiceResult<()> {
    if !responsible_people(c).await?.iter().any(|(u, _)| *u == id) {
        e.add(field, Msg::UnknownUser);
    }
    Ok(())
}

/// The planned exercises not yet started, with the förvaltningar they involve.
async fn upcoming(c: &mut Conn) -> ServiceResult<Vec<Upcoming>> {
    Ok(storage::exercises::list_summaries(c)
        .await?
        .into_iter()
        .filter(|x| planned(x.status))
        .map(|x| Upcoming {
            forvaltningar: std::iter::once(x.lead.id)
                .chain(x.participant_ids.iter().copied())
                .collect(),
            id: x.id,
            name: x.name,
            starts_on: x.starts_at.date(),
        })
        .collect())
}

/// Objectives of exercises conducted on or after `since`, with their final ratings.
async fn candidates(
    c: &mut Conn,
    since: NaiveDate,
    ratings: &[(i64, Rating)],
) -> ServiceResult<Vec<Candidate>> {
    let mut out = Vec::new();
    for x in storage::exercises::list_summaries(c).await? {
        if !x.status.is_conducted() || x.starts_at.date() < since {
            continue;
        }
        let Some(e) = storage::exercises::find(c, x.id).await? else {
            continue;
        };
        out.extend(
            e.objectives
                .iter()
                .map(|o| candidate_of(&e, o.clone(), ratings)),
        );
    }
    Ok(out)
}

/// One objective as a candidate citation, and whether its exercise has been conducted.
async fn candidate(
    c: &mut Conn,
    objective_id: i64,
    ratings: &[(i64, Rating)],
) -> ServiceResult<Option<(Candidate, bool)>> {
    let Some(exercise_id) = storage::exercises::exercise_of_objective(c, objective_id).await?
    else {
        return Ok(None);
    };
    let Some(e) = storage::exercises::find(c, exercise_id).await? else {
        return Ok(None);
    };
    let conducted = e.status.is_conducted();
    Ok(e.objectives
        .iter()
        .find(|o| o.id == objective_id)
        .map(|o| (candidate_of(&e, o.clone(), ratings), conducted)))
}

/// An objective of exercise `e` as a citation, with its final rating.
fn candidate_of(
    e: &crate::domain::Exercise,
    o: crate::domain::Objective,
    ratings: &[(i64, Rating)],
) -> Candidate {
    Candidate {
        rating: ratings.iter().find(|(id, _)| *id == o.id).map(|(_, r)| *r),
        objective_id: o.id,
        exercise_id: e.id,
        exercise: e.name.clone(),
        starts_on: e.starts_at.date(),
        text: o.text,
        capability_code: o.capability_code,
    }
}

async fn record<A: serde::Serialize>(
    w: &mut Work,
    action: &'static str,
    before: &Action,
    after: &A,
    concerns: &[i64],
) -> ServiceResult<()> {
    let change = Change {
        action,
        entity_type: entity::CORRECTIVE_ACTION,
        entity_id: before.id.to_string(),
        before: Some(before),
        after: Some(after),
    };
    w.record(change, concerns).await
}
