//! Use cases of the exercise plan: list, read, create, edit, change status, delete.

use super::audit::Change;
use super::cache::Cached;
use super::error::ServiceResult;
use super::idempotency::Idempotency;
use super::idempotency::{Begun, Key};
use super::storage::{self, Conn, Db};
use super::work::Writer;
use super::{ServiceError, allow_read};
use crate::domain::access::Data;
use crate::domain::event::{Event, entity};
use crate::domain::exercise::{
    Exercise, ExerciseFilter, ExerciseInput, ExerciseSummary, ValidExercise,
};
use crate::domain::lifecycle::ExerciseStatus;
use crate::domain::{Actor, FieldErrors, Msg};
use chrono::Datelike;

#[derive(Clone)]
pub struct ExerciseService {
    db: Db,
    writer: Writer,
    idempotency: Idempotency,
    /// Every exercise's summary, the read model of the list pages: loaded once and kept until
    /// an event says an exercise, a förvaltning or a capability area changed.
    summaries: Cached<Vec<ExerciseSummary>>,
}

/// A created exercise, and whether this answer replays an earlier request with the same key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Created {
    pub id: i64,
    pub replayed: bool,
}

/// The endpoint name idempotency keys of exercise creation are scoped to.
pub const CREATE_ENDPOINT: &str = "exercises/create";

/// Checks every reference of a parsed exercise against the catalogue; unknown ones become field
/// messages rather than database errors. `kept` are the förvaltningar the exercise already
/// concerns (lead and participants), which may stay even if they have been deactivated since;
/// new ones must be active.
async fn check_references(c: &mut Conn, v: &ValidExercise, kept: &[i64]) -> ServiceResult<()> {
    let mut e = FieldErrors::new();
    match storage::forvaltningar::find(c, v.lead_id).await? {
        Some(f) if f.active || kept.contains(&f.id) => {}
        Some(_) => e.add("lead", Msg::InactiveForvaltning),
        None => e.add("lead", Msg::UnknownForvaltning),
    }
    for id in &v.participant_ids {
        match storage::forvaltningar::find(c, *id).await? {
            Some(f) if f.active || kept.contains(&f.id) => {}
            Some(f) => {
                e.add("participants", Msg::InactiveParticipant { name: f.name });
                break;
            }
            None => {
                e.add("participants", Msg::UnknownParticipants);
                break;
            }
        }
    }
    let codes: Vec<String> = v
        .objectives
        .iter()
        .map(|o| o.capability_code.clone())
        .collect();
    let known_codes = storage::exercises::existing_capability_codes(c, &codes).await?;
    let req_ids: Vec<i64> = v
        .objectives
        .iter()
        .flat_map(|o| o.requirement_ids.iter().copied())
        .collect();
    let known_reqs = storage::exercises::existing_requirement_ids(c, &req_ids).await?;
    for o in &v.objectives {
        if !known_codes.contains(&o.capability_code) {
            e.add(
                format!("objectives.{}.capability", o.row),
                Msg::UnknownCapability,
            );
        }
        if o.requirement_ids.iter().any(|r| !known_reqs.contains(r)) {
            e.add(
                format!("objectives.{}.requirements", o.row),
                Msg::UnknownRequirement,
            );
        }
    }
    if e.is_empty() {
        Ok(())
    } else {
        Err(ServiceError::Invalid(e))
    }
}

/// The förvaltningar a change concerns: those of the exercise before and after it.
fn concerns_of(before: Option<&Exercise>, after: Option<&Exercise>) -> Vec<i64> {
    before
        .into_iter()
        .chain(after)
        .flat_map(Exercise::forvaltning_ids)
        .collect()
}

impl ExerciseService {
    pub fn new(db: Db, writer: Writer, idempotency: Idempotency) -> Self {
        Self {
            db,
            writer,
            idempotency,
            summaries: Cached::default(),
        }
    }

    /// Forgets the list when something it shows changed.
    pub fn on_event(&self, event: &Event) {
        if event.is(entity::EXERCISE)
            || event.is(entity::FORVALTNING)
            || event.is(entity::CAPABILITY_AREA)
        {
            self.summaries.clear();
        }
    }

    async fn all_summaries(&self) -> ServiceResult<std::sync::Arc<Vec<ExerciseSummary>>> {
        self.summaries
            .get_or_load(|| async {
                let mut c = self.db.read().await?;
                Ok::<_, ServiceError>(storage::exercises::list_summaries(&mut c).await?)
            })
            .await
    }

    /// Every signed-in role may read the plan.
    pub async fn list(
        &self,
        actor: &Actor,
        filter: &ExerciseFilter,
    ) -> ServiceResult<Vec<ExerciseSummary>> {
        allow_read(actor, Data::Plan, &[])?;
        let all = self.all_summaries().await?;
        Ok(all.iter().filter(|e| filter.matches(e)).cloned().collect())
    }

    /// Exercises that overlap `[from, to)`, ordered by start.
    pub async fn overlapping(
        &self,
        actor: &Actor,
        from: chrono::NaiveDateTime,
        to: chrono::NaiveDateTime,
    ) -> ServiceResult<Vec<ExerciseSummary>> {
        allow_read(actor, Data::Plan, &[])?;
        let all = self.all_summaries().await?;
        Ok(all
            .iter()
            .filter(|e| e.ends_at >= from && e.starts_at < to)
            .cloned()
            .collect())
    }

    /// The filtered list and, from the same read, the years that have exercises plus `current`
    /// (for the year filter).
    pub async fn list_with_years(
        &self,
        actor: &Actor,
        filter: &ExerciseFilter,
        current: i32,
    ) -> ServiceResult<(Vec<ExerciseSummary>, Vec<i32>)> {
        allow_read(actor, Data::Plan, &[])?;
        let all = self.all_summaries().await?;
        let mut years: Vec<i32> = all.iter().map(|e| e.starts_at.year()).collect();
        years.push(current);
        years.sort_unstable();
        years.dedup();
        Ok((
            all.iter().filter(|e| filter.matches(e)).cloned().collect(),
            years,
        ))
    }

    /// One exercise; its design (scenario, funding) only for those the read policy allows.
    pub async fn get(&self, actor: &Actor, id: i64) -> ServiceResult<Exercise> {
        let exercise = storage::exercises::find(&mut *self.db.read().await?, id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        if actor.may_read(Data::ExerciseDesign, &exercise.forvaltning_ids()) {
            Ok(exercise)
        } else {
            Ok(exercise.without_design())
        }
    }

    /// Creates an exercise in status Planerad; returns its id.
    pub async fn create(&self, actor: &Actor, input: &ExerciseInput) -> ServiceResult<i64> {
        Ok(self.create_idempotent(actor, input, None).await?.id)
    }

    /// Creates an exercise in status Planerad. With a `key`, a retry of the same request
    /// answers with the first one's exercise instead of creating another (`backend::idempotency`).
    pub async fn create_idempotent(
        &self,
        actor: &Actor,
        input: &ExerciseInput,
        key: Option<&Key>,
    ) -> ServiceResult<Created> {
        if !actor.can_plan() {
            return Err(ServiceError::Forbidden);
        }
        if let Some(key) = key
            && let Begun::Replay { response, .. } = self.idempotency.begin(key).await?
        {
            let id = response
                .parse()
                .map_err(|_| ServiceError::Internal("stored response is not an id".into()))?;
            return Ok(Created { id, replayed: true });
        }
        let created = self.create_once(actor, input, key).await;
        if let (Err(_), Some(key)) = (&created, key) {
            self.idempotency.release(key).await;
        }
        created.map(|id| Created {
            id,
            replayed: false,
        })
    }

    async fn create_once(
        &self,
        actor: &Actor,
        input: &ExerciseInput,
        key: Option<&Key>,
    ) -> ServiceResult<i64> {
        let valid = input.parse()?;
        if !actor.can_create_exercise(valid.lead_id) {
            return Err(ServiceError::field("lead", Msg::LeadOutsideScopeCreate));
        }
        if valid.objectives.iter().any(|o| o.id.is_some()) {
            return Err(ServiceError::field(
                "objectives",
                Msg::NewExerciseHasObjectives,
            ));
        }
        // References are checked on a reader, before the write transaction: a request never
        // holds the single writer for its validation.
        check_references(&mut *self.db.read().await?, &valid, &[]).await?;
        let mut w = self.writer.begin(actor).await?;
        let now = w.now();
        let id = storage::exercises::insert(w.conn(), &valid, ExerciseStatus::Planned, now).await?;
        let after = storage::exercises::find(w.conn(), id).await?;
        let concerns = after
            .as_ref()
            .map(Exercise::forvaltning_ids)
            .unwrap_or_default();
        let change = Change::<(), _> {
            action: "create",
            entity_type: entity::EXERCISE,
            entity_id: id.to_string(),
            before: None,
            after: after.as_ref(),
        };
        w.record(change, &concerns).await?;
        if let Some(key) = key {
            w.complete_key(key, 201, &id.to_string()).await?;
        }
        w.commit().await?;
        Ok(id)
    }

    /// Loads an exercise inside `tx` and checks that `actor` may change it.
    async fn load_for_change(
        &self,
        c: &mut Conn,
        actor: &Actor,
        id: i64,
    ) -> ServiceResult<Exercise> {
        let existing = storage::exercises::find(c, id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        if !actor.can_edit_exercise(existing.lead.id) {
            return Err(ServiceError::Forbidden);
        }
        Ok(existing)
    }

    /// Saves the form over an exercise that is still at `version`.
    pub async fn update(
        &self,
        actor: &Actor,
        id: i64,
        version: i64,
        input: &ExerciseInput,
    ) -> ServiceResult<()> {
        if !actor.edits_exercises() {
            return Err(ServiceError::Forbidden);
        }
        let valid = input.parse()?;
        // Checked on a reader first, so the write transaction below holds the writer only for
        // the write itself; the version check there catches anything that changed meanwhile.
        let current = self
            .load_for_change(&mut *self.db.read().await?, actor, id)
            .await?;
        check_references(
            &mut *self.db.read().await?,
            &valid,
            &current.forvaltning_ids(),
        )
        .await?;
        let mut w = self.writer.begin(actor).await?;
        let now = w.now();
        let before = self.load_for_change(w.conn(), actor, id).await?;
        if before.status.is_final() {
            return Err(ServiceError::Conflict(Msg::ExerciseFinished));
        }
        if !actor.can_edit_exercise(valid.lead_id) {
            return Err(ServiceError::field("lead", Msg::LeadOutsideScopeUpdate));
        }
        if valid.objectives.is_empty() && before.status >= ExerciseStatus::Ready {
            return Err(ServiceError::field("objectives", Msg::ReadyNeedsObjectives));
        }
        if let Some(o) = valid.objectives.iter().find(|o| {
            o.id.is_some_and(|oid| !before.objectives.iter().any(|b| b.id == oid))
        }) {
            return Err(ServiceError::field(
                &format!("objectives.{}.text", o.row),
                Msg::ObjectiveGone,
            ));
        }
        let removed: Vec<i64> = before
            .objectives
            .iter()
            .map(|b| b.id)
            .filter(|b| !valid.objectives.iter().any(|o| o.id == Some(*b)))
            .collect();
        if !storage::evaluation::objectives_in_use(w.conn(), &removed)
            .await?
            .is_empty()
        {
            return Err(ServiceError::field("objectives", Msg::ObjectiveInUse));
        }
        if !storage::exercises::update(w.conn(), id, version, &valid, now).await? {
            return Err(ServiceError::Conflict(Msg::ExerciseChangedKeepInput));
        }
        let after = storage::exercises::find(w.conn(), id).await?;
        let concerns = concerns_of(Some(&before), after.as_ref());
        let change = Change {
            action: "update",
            entity_type: entity::EXERCISE,
            entity_id: id.to_string(),
            before: Some(&before),
            after: after.as_ref(),
        };
        w.record(change, &concerns).await?;
        w.commit().await
    }

    /// Moves an exercise to `to` (with a reason when cancelling).
    pub async fn transition(
        &self,
        actor: &Actor,
        id: i64,
        version: i64,
        to: ExerciseStatus,
        reason: &str,
    ) -> ServiceResult<()> {
        let mut w = self.writer.begin(actor).await?;
        let now = w.now();
        let before = self.load_for_change(w.conn(), actor, id).await?;
        let reason = before
            .status
            .check_transition(to, reason, before.objectives.len())
            .map_err(|m| ServiceError::field("reason", m))?;
        super::evaluation::check_close(w.conn(), &before, to).await?;
        if !storage::exercises::set_status(w.conn(), id, version, to, reason.as_deref(), now)
            .await?
        {
            return Err(ServiceError::Conflict(Msg::ExerciseChangedReload));
        }
        let after = serde_json::json!({ "status": to.code(), "cancel_reason": reason });
        let before_json = serde_json::json!({ "status": before.status.code() });
        let change = Change {
            action: "transition",
            entity_type: entity::EXERCISE,
            entity_id: id.to_string(),
            before: Some(&before_json),
            after: Some(&after),
        };
        w.record(change, &before.forvaltning_ids()).await?;
        super::conduct::on_status_change(&mut w, actor, &before, to).await?;
        w.commit().await
    }

    /// Deletes an exercise that has not been conducted. `confirmed` is the user's explicit
    /// confirmation; without it nothing is deleted and the form asks for it.
    pub async fn delete(&self, actor: &Actor, id: i64, confirmed: bool) -> ServiceResult<()> {
        let mut w = self.writer.begin(actor).await?;
        let before = storage::exercises::find(w.conn(), id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        if !actor.can_delete_exercise(before.lead.id) {
            return Err(ServiceError::Forbidden);
        }
        if before.status.is_conducted() || before.status == ExerciseStatus::Running {
            return Err(ServiceError::Conflict(Msg::ConductedNotDeletable));
        }
        if !confirmed {
            return Err(ServiceError::field("confirm", Msg::ConfirmDelete));
        }
        storage::exercises::delete(w.conn(), id).await?;
        let change = Change::<_, ()> {
            action: "delete",
            entity_type: entity::EXERCISE,
            entity_id: id.to_string(),
            before: Some(&before),
            after: None,
        };
        w.record(change, &before.forvaltning_ids()).await?;
        w.commit().await
    }
}
