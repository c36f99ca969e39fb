//! Use cases of the exercise plan: list, read, create, edit, change status, delete.

use super::audit::{self, Change};
use super::error::ServiceResult;
use super::storage::{self, Conn, Db};
use super::{Clock, ServiceError, allow_read};
use crate::domain::access::Data;
use crate::domain::exercise::{
    Exercise, ExerciseFilter, ExerciseInput, ExerciseSummary, ValidExercise,
};
use crate::domain::lifecycle::ExerciseStatus;
use crate::domain::{Actor, FieldErrors};
use chrono::Datelike;

#[derive(Clone)]
pub struct ExerciseService {
    db: Db,
    clock: Clock,
}

/// Checks every reference of a parsed exercise against the catalogue; unknown ones become field
/// messages rather than database errors. `kept` are the förvaltningar the exercise already
/// concerns (lead and participants), which may stay even if they have been deactivated since;
/// new ones must be active.
async fn check_references(c: &mut Conn, v: &ValidExercise, kept: &[i64]) -> ServiceResult<()> {
    let mut e = FieldErrors::new();
    match storage::forvaltningar::find(c, v.lead_id).await? {
        Some(f) if f.active || kept.contains(&f.id) => {}
        Some(_) => e.add("lead", "Förvaltningen är inaktiv."),
        None => e.add("lead", "Okänd förvaltning."),
    }
    for id in &v.participant_ids {
        match storage::forvaltningar::find(c, *id).await? {
            Some(f) if f.active || kept.contains(&f.id) => {}
            Some(f) => {
                e.add(
                    "participants",
                    format!("{} är inaktiv och kan inte läggas till.", f.name),
                );
                break;
            }
            None => {
                e.add(
                    "participants",
                    "En eller flera deltagande förvaltningar finns inte.",
                );
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
                "Okänt förmågeområde.",
            );
        }
        if o.requirement_ids.iter().any(|r| !known_reqs.contains(r)) {
            e.add(
                format!("objectives.{}.requirements", o.row),
                "Okänt kravområde.",
            );
        }
    }
    if e.is_empty() {
        Ok(())
    } else {
        Err(ServiceError::Invalid(e))
    }
}

impl ExerciseService {
    pub fn new(db: Db, clock: Clock) -> Self {
        Self { db, clock }
    }

    /// Every signed-in role may read the plan.
    pub async fn list(
        &self,
        actor: &Actor,
        filter: &ExerciseFilter,
    ) -> ServiceResult<Vec<ExerciseSummary>> {
        allow_read(actor, Data::Plan, &[])?;
        let all = storage::exercises::list_summaries(&mut *self.db.read().await?).await?;
        Ok(all.into_iter().filter(|e| filter.matches(e)).collect())
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
        let all = storage::exercises::list_summaries(&mut *self.db.read().await?).await?;
        let mut years: Vec<i32> = all.iter().map(|e| e.starts_at.year()).collect();
        years.push(current);
        years.sort_unstable();
        years.dedup();
        Ok((
            all.into_iter().filter(|e| filter.matches(e)).collect(),
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
        if !actor.can_plan() {
            return Err(ServiceError::Forbidden);
        }
        let valid = input.parse()?;
        if !actor.can_create_exercise(valid.lead_id) {
            return Err(ServiceError::field(
                "lead",
                "Du kan bara planera övningar som dina förvaltningar leder.",
            ));
        }
        // References are checked on a reader, before the write transaction: a request never
        // holds the single writer for its validation.
        check_references(&mut *self.db.read().await?, &valid, &[]).await?;
        let now = (self.clock)();
        let mut tx = self.db.begin().await?;
        let id = storage::exercises::insert(&mut tx, &valid, ExerciseStatus::Planned, now).await?;
        let after = storage::exercises::find(&mut tx, id).await?;
        let change = Change::<(), _> {
            action: "create",
            entity_type: "exercise",
            entity_id: id.to_string(),
            before: None,
            after: after.as_ref(),
        };
        audit::record_change(&mut tx, actor, now, change).await?;
        tx.commit().await?;
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
        let now = (self.clock)();
        let mut tx = self.db.begin().await?;
        let before = self.load_for_change(&mut tx, actor, id).await?;
        if before.status.is_final() {
            return Err(ServiceError::Conflict(
                "Avslutade och inställda övningar kan inte ändras.".into(),
            ));
        }
        if !actor.can_edit_exercise(valid.lead_id) {
            return Err(ServiceError::field(
                "lead",
                "Du kan bara ge övningen till en förvaltning du planerar för.",
            ));
        }
        if valid.objectives.is_empty() && before.status >= ExerciseStatus::Ready {
            return Err(ServiceError::field(
                "objectives",
                "En övning som är Redo måste ha minst ett mål.",
            ));
        }
        if !storage::exercises::update(&mut tx, id, version, &valid, now).await? {
            return Err(ServiceError::Conflict(
                "Övningen har ändrats av någon annan sedan du öppnade den. Dina värden finns kvar i formuläret: jämför med övningens sida och spara igen för att skriva över ändringen.".into(),
            ));
        }
        let after = storage::exercises::find(&mut tx, id).await?;
        let change = Change {
            action: "update",
            entity_type: "exercise",
            entity_id: id.to_string(),
            before: Some(&before),
            after: after.as_ref(),
        };
        audit::record_change(&mut tx, actor, now, change).await?;
        tx.commit().await?;
        Ok(())
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
        let now = (self.clock)();
        let mut tx = self.db.begin().await?;
        let before = self.load_for_change(&mut tx, actor, id).await?;
        let reason = before
            .status
            .check_transition(to, reason, before.objectives.len())
            .map_err(|e| ServiceError::field("reason", e.to_string()))?;
        if !storage::exercises::set_status(&mut tx, id, version, to, reason.as_deref(), now).await?
        {
            return Err(ServiceError::Conflict(
                "Övningen har ändrats av någon annan. Ladda om sidan.".into(),
            ));
        }
        let after = serde_json::json!({ "status": to.code(), "cancel_reason": reason });
        let before_json = serde_json::json!({ "status": before.status.code() });
        let change = Change {
            action: "transition",
            entity_type: "exercise",
            entity_id: id.to_string(),
            before: Some(&before_json),
            after: Some(&after),
        };
        audit::record_change(&mut tx, actor, now, change).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Deletes an exercise that has not taken place; conducted exercises are history.
    /// Deletes an exercise that has not been conducted. `confirmed` is the user's explicit
    /// confirmation; without it nothing is deleted and the form asks for it.
    pub async fn delete(&self, actor: &Actor, id: i64, confirmed: bool) -> ServiceResult<()> {
        let now = (self.clock)();
        let mut tx = self.db.begin().await?;
        let before = storage::exercises::find(&mut tx, id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        if !actor.can_delete_exercise(before.lead.id) {
            return Err(ServiceError::Forbidden);
        }
        if before.status.is_conducted() || before.status == ExerciseStatus::Running {
            return Err(ServiceError::Conflict(
                "En övning som har genomförts kan inte tas bort. Den är en del av historiken."
                    .into(),
            ));
        }
        if !confirmed {
            return Err(ServiceError::field(
                "confirm",
                "Kryssa i rutan för att bekräfta att övningen ska tas bort.",
            ));
        }
        storage::exercises::delete(&mut tx, id).await?;
        let change = Change::<_, ()> {
            action: "delete",
            entity_type: "exercise",
            entity_id: id.to_string(),
            before: Some(&before),
            after: None,
        };
        audit::record_change(&mut tx, actor, now, change).await?;
        tx.commit().await?;
        Ok(())
    }
}
