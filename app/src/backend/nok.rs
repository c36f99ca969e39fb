//! Use cases of NÖK fulfilment: an agreement version's areas with their checklists and where the
//! region (or each förvaltning) stands, changing one fulfilment (ticks, status, details,
//! evidence), editing an area's checklist, and rolling an agreement over into its next version.

use super::audit::Change;
use super::error::ServiceResult;
use super::readiness::conducted_codes;
use super::storage::{self, Conn, Db};
use super::work::Writer;
use super::{ServiceError, allow_read};
use crate::domain::access::Data;
use crate::domain::catalogue::{Agreement, RequirementArea, ValidRequirementArea};
use crate::domain::event::entity;
use crate::domain::exercise::ForvaltningRef;
use crate::domain::lifecycle::ExerciseStatus;
use crate::domain::nok::{
    AreaStatus, CriteriaInput, Criterion, DetailsInput, Evidence, EvidenceKind, Fulfilment,
    RolloverInput, StatusInput, parse_document,
};
use crate::domain::{Actor, Msg};
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::collections::BTreeSet;

/// An agreement version as its follow-up page shows it.
#[derive(Debug, Clone)]
pub struct AgreementStatus {
    pub agreement: Agreement,
    /// The version this one was rolled over from, with its areas (for the mapping).
    pub previous: Option<Agreement>,
    /// The version that followed this one, if any.
    pub successor: Option<i64>,
    pub areas: Vec<AreaStatus>,
    /// (old area, new area) pairs into this version's areas.
    pub mapping: Vec<(i64, i64)>,
}

/// One entry of a fulfilment's history.
#[derive(Debug, Clone)]
pub struct HistoryEntry {
    pub version: i64,
    pub action: String,
    pub state: serde_json::Value,
    pub by: String,
    pub at: DateTime<Utc>,
}

/// A change to one fulfilment.
#[derive(Debug, Clone)]
pub enum FulfilmentChange {
    /// The criteria now met (every criterion not named is not met).
    Criteria(BTreeSet<i64>),
    Status(StatusInput),
    Details(DetailsInput),
    AddDocument(String),
    AddExercise(i64),
    AddAssessment(i64),
    RemoveEvidence(i64),
}

impl FulfilmentChange {
    fn action(&self) -> &'static str {
        match self {
            Self::Criteria(_) => "criteria",
            Self::Status(_) => "status",
            Self::Details(_) => "details",
            Self::AddDocument(_) | Self::AddExercise(_) | Self::AddAssessment(_) => "add_evidence",
            Self::RemoveEvidence(_) => "remove_evidence",
        }
    }
}

/// What a fulfilment's history and audit rows keep of it.
#[derive(Debug, Clone, Serialize)]
struct Snapshot {
    status: &'static str,
    suggested: &'static str,
    manual: Option<&'static str>,
    reason: String,
    basic: String,
    quality: String,
    met: Vec<i64>,
    evidence: Vec<String>,
    responsible: String,
    due_on: Option<String>,
    progress: String,
}

fn snapshot(f: &Fulfilment, criteria: &[Criterion]) -> Snapshot {
    let s = f.suggestion(criteria);
    Snapshot {
        status: f.status(criteria).code(),
        suggested: s.status.code(),
        manual: f.manual.map(|m| m.code()),
        reason: f.reason.clone(),
        basic: format!("{}/{}", s.basic_met, s.basic_total),
        quality: format!("{}/{}", s.quality_met, s.quality_total),
        met: f.met.iter().map(|m| m.criterion_id).collect(),
        evidence: f
            .evidence
            .iter()
            .map(|e| match &e.kind {
                EvidenceKind::Exercise { id, name, .. } => format!("övning {id}: {name}"),
                EvidenceKind::Assessment { id, label } => format!("bedömning {id}: {label}"),
                EvidenceKind::Document(d) => format!("dokument: {d}"),
            })
            .collect(),
        responsible: f.responsible.clone(),
        due_on: f.due_on.map(|d| d.to_string()),
        progress: f.progress.clone(),
    }
}

/// The state a fulfilment's history keeps after a change, for the demo seed.
pub(super) async fn state_now(
    c: &mut Conn,
    requirement_id: i64,
    forvaltning: Option<i64>,
) -> ServiceResult<serde_json::Value> {
    let conducted = conducted_codes();
    let area = storage::catalogue::find_requirement_area(c, requirement_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let criteria = storage::nok::criteria_of(c, requirement_id).await?;
    let links = storage::nok::exercise_links(c, area.agreement_id).await?;
    let mut f = storage::nok::find_fulfilment(c, requirement_id, forvaltning, &conducted)
        .await?
        .ok_or(ServiceError::NotFound)?;
    add_linked_exercises(&mut f, &links);
    Ok(serde_json::to_value(snapshot(&f, &criteria)).unwrap_or_default())
}

/// Adds the exercises whose objectives name the area (and, per förvaltning, that the förvaltning
/// led or took part in) to `f`'s evidence, unless it already names them. Cancelled exercises do
/// not count; planned ones are shown as planned.
fn add_linked_exercises(f: &mut Fulfilment, links: &[storage::nok::ExerciseLink]) {
    let conducted = conducted_codes();
    let cancelled = ExerciseStatus::Cancelled.code();
    for l in links
        .iter()
        .filter(|l| l.requirement_id == f.requirement_id)
    {
        if l.status == cancelled {
            continue;
        }
        if let Some(fv) = &f.forvaltning
            && !l.forvaltningar.contains(&fv.id)
        {
            continue;
        }
        let named = f
            .evidence
            .iter()
            .any(|e| matches!(e.kind, EvidenceKind::Exercise { id, .. } if id == l.exercise_id));
        if named {
            continue;
        }
        f.evidence.push(Evidence {
            id: None,
            kind: EvidenceKind::Exercise {
                id: l.exercise_id,
                name: l.name.clone(),
                conducted_on: conducted
                    .contains(&l.status.as_str())
                    .then(|| l.ends_at.date()),
            },
            carried_from: String::new(),
        });
    }
}

#[derive(Clone)]
pub struct NokService {
    db: Db,
    writer: Writer,
}

impl NokService {
    pub fn new(db: Db, writer: Writer) -> Self {
        Self { db, writer }
    }

    /// Every agreement version, newest first, for choosing one.
    pub async fn agreements(&self, actor: &Actor) -> ServiceResult<Vec<Agreement>> {
        allow_read(actor, Data::Readiness, &[])?;
        Ok(storage::catalogue::list_agreements(&mut *self.db.read().await?).await?)
    }

    /// Agreement `id` with where the region stands on each of its areas.
    pub async fn agreement(&self, actor: &Actor, id: i64) -> ServiceResult<AgreementStatus> {
        allow_read(actor, Data::Readiness, &[])?;
        let mut c = self.db.read().await?;
        load_status(&mut c, id).await
    }

    /// The history of the fulfilment of an area for the region or a förvaltning, newest first.
    pub async fn history(
        &self,
        actor: &Actor,
        fulfilment_id: Option<i64>,
    ) -> ServiceResult<Vec<HistoryEntry>> {
        allow_read(actor, Data::Readiness, &[])?;
        let Some(id) = fulfilment_id else {
            return Ok(Vec::new());
        };
        let rows = storage::nok::versions(&mut *self.db.read().await?, id).await?;
        Ok(rows
            .into_iter()
            .map(|r| HistoryEntry {
                version: r.version,
                action: r.action,
                state: r.state,
                by: r.by,
                at: r.at,
            })
            .collect())
    }

    /// Applies `change` to the fulfilment of area `requirement_id` for the region (`forvaltning`
    /// `None`) or a förvaltning, if it is still at `version` (0: not started). One version and
    /// one audit row per change.
    pub async fn change(
        &self,
        actor: &Actor,
        requirement_id: i64,
        forvaltning: Option<i64>,
        version: i64,
        change: &FulfilmentChange,
    ) -> ServiceResult<()> {
        if !actor.can_follow_up(forvaltning) {
            return Err(ServiceError::Forbidden);
        }
        // Input that needs no data is checked before the write transaction.
        let details = match change {
            FulfilmentChange::Details(d) => Some(d.parse()?),
            _ => None,
        };
        let document = match change {
            FulfilmentChange::AddDocument(d) => Some(parse_document(d)?),
            _ => None,
        };
        let conducted = conducted_codes();
        let mut w = self.writer.begin(actor).await?;
        let now = w.now();
        let area = storage::catalogue::find_requirement_area(w.conn(), requirement_id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        match (area.per_forvaltning, forvaltning) {
            (false, Some(_)) => {
                return Err(ServiceError::field(
                    "forvaltning",
                    Msg::RequirementNotPerForvaltning,
                ));
            }
            (true, None) => {
                return Err(ServiceError::field(
                    "forvaltning",
                    Msg::RequirementPerForvaltning,
                ));
            }
            _ => {}
        }
        let forvaltning_ref = match forvaltning {
            None => None,
            Some(f) => {
                let found = storage::forvaltningar::find(w.conn(), f)
                    .await?
                    .filter(|x| x.active)
                    .ok_or(ServiceError::NotFound)?;
                Some(ForvaltningRef {
                    id: found.id,
                    code: found.code,
                    name: found.name,
                })
            }
        };
        let criteria = storage::nok::criteria_of(w.conn(), requirement_id).await?;
        let links = storage::nok::exercise_links(w.conn(), area.agreement_id).await?;
        let stored =
            storage::nok::find_fulfilment(w.conn(), requirement_id, forvaltning, &conducted)
                .await?;
        let mut before = stored
            .clone()
            .unwrap_or_else(|| Fulfilment::empty(requirement_id, forvaltning_ref.clone()));
        add_linked_exercises(&mut before, &links);
        let (id, next) = match &stored {
            None if version == 0 => {
                let id = storage::nok::insert_fulfilment(
                    w.conn(),
                    requirement_id,
                    forvaltning,
                    actor.user_id,
                    now,
                )
                .await?;
                (id, 1)
            }
            Some(f) if f.version == version => {
                let id = f.id.unwrap_or_default();
                if !storage::nok::bump_fulfilment(w.conn(), id, version, actor.user_id, now).await?
                {
                    return Err(ServiceError::Conflict(Msg::FulfilmentChanged));
                }
                (id, version + 1)
            }
            _ => return Err(ServiceError::Conflict(Msg::FulfilmentChanged)),
        };
        match change {
            FulfilmentChange::Criteria(met) => {
                let active: BTreeSet<i64> =
                    criteria.iter().filter(|c| c.active).map(|c| c.id).collect();
                if !met.is_subset(&active) {
                    return Err(ServiceError::field("criteria", Msg::UnknownCriterion));
                }
                let was = before.met_ids();
                for c in met.difference(&was) {
                    storage::nok::tick(w.conn(), id, *c, actor.user_id, now).await?;
                }
                // Only active lines are unticked here: a retired line keeps its history.
                for c in was.difference(met).filter(|c| active.contains(c)) {
                    storage::nok::untick(w.conn(), id, *c).await?;
                }
            }
            FulfilmentChange::Status(input) => {
                let suggested = before.suggestion(&criteria).status;
                let (status, reason) = input.parse(suggested)?;
                storage::nok::set_status(w.conn(), id, status, &reason).await?;
            }
            FulfilmentChange::Details(_) => {
                if let Some(d) = &details {
                    storage::nok::set_details(w.conn(), id, &d.responsible, d.due_on, &d.progress)
                        .await?;
                }
            }
            FulfilmentChange::AddDocument(_) => {
                let d = document.as_deref().unwrap_or_default();
                let exists = before
                    .evidence
                    .iter()
                    .any(|e| matches!(&e.kind, EvidenceKind::Document(x) if x == d));
                if exists {
                    return Err(ServiceError::field("document", Msg::EvidenceExists));
                }
                let new = storage::nok::NewEvidence::Document(d);
                storage::nok::insert_evidence(w.conn(), id, &new, "", actor.user_id, now).await?;
            }
            FulfilmentChange::AddExercise(x) => {
                let exercise = storage::exercises::find(w.conn(), *x)
                    .await?
                    .filter(|e| e.status != ExerciseStatus::Cancelled)
                    .ok_or_else(|| ServiceError::field("exercise", Msg::UnknownEvidenceItem))?;
                let exists = before.evidence.iter().any(
                    |e| matches!(e.kind, EvidenceKind::Exercise { id, .. } if id == exercise.id),
                );
                if exists {
                    return Err(ServiceError::field("exercise", Msg::EvidenceExists));
                }
                let new = storage::nok::NewEvidence::Exercise(exercise.id);
                storage::nok::insert_evidence(w.conn(), id, &new, "", actor.user_id, now).await?;
            }
            FulfilmentChange::AddAssessment(a) => {
                let assessment = storage::readiness::find(w.conn(), *a)
                    .await?
                    .ok_or_else(|| ServiceError::field("assessment", Msg::UnknownEvidenceItem))?;
                let exists = before.evidence.iter().any(
                    |e| matches!(e.kind, EvidenceKind::Assessment { id, .. } if id == assessment.id),
                );
                if exists {
                    return Err(ServiceError::field("assessment", Msg::EvidenceExists));
                }
                let new = storage::nok::NewEvidence::Assessment(assessment.id);
                storage::nok::insert_evidence(w.conn(), id, &new, "", actor.user_id, now).await?;
            }
            FulfilmentChange::RemoveEvidence(e) => {
                if !storage::nok::delete_evidence(w.conn(), id, *e).await? {
                    return Err(ServiceError::field("evidence", Msg::UnknownEvidenceItem));
                }
            }
        }
        let mut after =
            storage::nok::find_fulfilment(w.conn(), requirement_id, forvaltning, &conducted)
                .await?
                .ok_or_else(|| {
                    ServiceError::Internal("a fulfilment vanished in its own work".into())
                })?;
        add_linked_exercises(&mut after, &links);
        let (before, after) = (snapshot(&before, &criteria), snapshot(&after, &criteria));
        let state = serde_json::to_value(&after).unwrap_or_default();
        storage::nok::insert_version(
            w.conn(),
            id,
            next,
            change.action(),
            &state,
            actor.user_id,
            now,
        )
        .await?;
        let record = Change {
            action: change.action(),
            entity_type: entity::FULFILMENT,
            entity_id: id.to_string(),
            before: Some(&before),
            after: Some(&after),
        };
        let concerns: Vec<i64> = forvaltning.into_iter().collect();
        w.record(record, &concerns).await?;
        w.commit().await
    }

    /// Replaces the checklist of area `requirement_id` (region-wide planners and administrators).
    /// Lines kept keep their ticks; lines taken out are retired.
    pub async fn save_criteria(
        &self,
        actor: &Actor,
        requirement_id: i64,
        input: &CriteriaInput,
    ) -> ServiceResult<()> {
        if !actor.coordinates() {
            return Err(ServiceError::Forbidden);
        }
        let lines = input.parse()?;
        let mut w = self.writer.begin(actor).await?;
        if storage::catalogue::find_requirement_area(w.conn(), requirement_id)
            .await?
            .is_none()
        {
            return Err(ServiceError::NotFound);
        }
        let text = |list: &[Criterion]| -> Vec<String> {
            list.iter()
                .filter(|c| c.active)
                .map(|c| format!("{}: {}", c.kind.code(), c.text))
                .collect()
        };
        let before = text(&storage::nok::criteria_of(w.conn(), requirement_id).await?);
        storage::nok::replace_criteria(w.conn(), requirement_id, &lines).await?;
        let after = text(&storage::nok::criteria_of(w.conn(), requirement_id).await?);
        let change = Change {
            action: "criteria",
            entity_type: entity::REQUIREMENT_AREA,
            entity_id: requirement_id.to_string(),
            before: Some(&before),
            after: Some(&after),
        };
        w.record(change, &[]).await?;
        w.commit().await
    }

    /// Creates the next version of agreement `previous_id` from the rollover form
    /// (administrators): its areas as mapped, each with the criteria of the areas it continues,
    /// their capability links, and the evidence of their fulfilments carried along the mapping,
    /// marked as carried. The old version is not changed. Returns the new version's id.
    pub async fn rollover(
        &self,
        actor: &Actor,
        previous_id: i64,
        input: &RolloverInput,
    ) -> ServiceResult<i64> {
        if !actor.is_admin() {
            return Err(ServiceError::Forbidden);
        }
        let old = {
            let mut c = self.db.read().await?;
            storage::catalogue::list_agreements(&mut c)
                .await?
                .into_iter()
                .find(|a| a.id == previous_id)
                .ok_or(ServiceError::NotFound)?
        };
        let plan = input.parse(&old)?;
        let conducted = conducted_codes();
        let mut w = self.writer.begin(actor).await?;
        let now = w.now();
        if storage::nok::successor_of(w.conn(), previous_id)
            .await?
            .is_some()
        {
            return Err(ServiceError::Conflict(Msg::AlreadyRolledOver));
        }
        let new_id = storage::catalogue::insert_agreement(w.conn(), &plan.agreement).await?;
        storage::nok::set_previous(w.conn(), new_id, previous_id).await?;
        let old_criteria = storage::nok::criteria_of_agreement(w.conn(), previous_id).await?;
        let old_fulfilments =
            storage::nok::fulfilments_of_agreement(w.conn(), previous_id, &conducted).await?;
        let links = storage::nok::exercise_links(w.conn(), previous_id).await?;
        let carried_label = |r: &RequirementArea| format!("{} · {}", r.code, old.name);
        let mut carried = 0usize;
        for planned in &plan.areas {
            let sources: Vec<&RequirementArea> = planned
                .from
                .iter()
                .filter_map(|id| old.requirements.iter().find(|r| r.id == *id))
                .collect();
            let template = sources.first();
            let per_forvaltning = template.is_some_and(|t| t.per_forvaltning);
            let valid = ValidRequirementArea {
                code: planned.code.clone(),
                title: planned.title.clone(),
                deliverable: template.map(|t| t.deliverable.clone()).unwrap_or_default(),
                cadence: template.map(|t| t.cadence.clone()).unwrap_or_default(),
                recipient: template.map(|t| t.recipient.clone()).unwrap_or_default(),
                source: template.map(|t| t.source.clone()).unwrap_or_default(),
                per_forvaltning,
            };
            let area_id =
                storage::catalogue::insert_requirement_area(w.conn(), new_id, &valid).await?;
            let mut lines: Vec<(crate::domain::nok::CriterionKind, String)> = Vec::new();
            for s in &sources {
                for c in old_criteria
                    .iter()
                    .filter(|c| c.requirement_id == s.id && c.active)
                {
                    if !lines.iter().any(|(k, t)| *k == c.kind && *t == c.text) {
                        lines.push((c.kind, c.text.clone()));
                    }
                }
                storage::nok::insert_mapping(w.conn(), s.id, area_id).await?;
                storage::nok::copy_capability_links(w.conn(), s.id, area_id).await?;
            }
            storage::nok::replace_criteria(w.conn(), area_id, &lines).await?;
            // The evidence of each source's fulfilments, to the fulfilment of the same scope.
            for s in &sources {
                let label = carried_label(s);
                let mut scopes: Vec<Fulfilment> = old_fulfilments
                    .iter()
                    .filter(|f| f.requirement_id == s.id)
                    .cloned()
                    .collect();
                // Exercises that counted automatically are carried too, by scope.
                for l in links.iter().filter(|l| l.requirement_id == s.id) {
                    if !conducted.contains(&l.status.as_str()) {
                        continue;
                    }
                    if s.per_forvaltning {
                        for f in &l.forvaltningar {
                            if !scopes
                                .iter()
                                .any(|x| x.forvaltning.as_ref().map(|v| v.id) == Some(*f))
                            {
                                let mut empty = Fulfilment::empty(s.id, None);
                                empty.forvaltning = Some(ForvaltningRef {
                                    id: *f,
                                    code: String::new(),
                                    name: String::new(),
                                });
                                scopes.push(empty);
                            }
                        }
                    } else if !scopes.iter().any(|x| x.forvaltning.is_none()) {
                        scopes.push(Fulfilment::empty(s.id, None));
                    }
                }
                for mut f in scopes {
                    add_linked_exercises(&mut f, &links);
                    let evidence: Vec<&Evidence> = f
                        .evidence
                        .iter()
                        .filter(|e| e.counts() || e.id.is_some())
                        .collect();
                    if evidence.is_empty() {
                        continue;
                    }
                    // A per-förvaltning source into a region-wide area carries to the region;
                    // a region-wide source into a per-förvaltning area has no förvaltning to go to.
                    let scope = match (per_forvaltning, f.forvaltning.as_ref()) {
                        (true, Some(fv)) => Some(fv.id),
                        (true, None) => continue,
                        (false, _) => None,
                    };
                    let target =
                        match storage::nok::find_fulfilment(w.conn(), area_id, scope, &conducted)
                            .await?
                        {
                            Some(t) => t,
                            None => {
                                let id = storage::nok::insert_fulfilment(
                                    w.conn(),
                                    area_id,
                                    scope,
                                    actor.user_id,
                                    now,
                                )
                                .await?;
                                storage::nok::insert_version(
                                    w.conn(),
                                    id,
                                    1,
                                    "carry",
                                    &serde_json::json!({ "carried_from": label }),
                                    actor.user_id,
                                    now,
                                )
                                .await?;
                                let mut t = Fulfilment::empty(area_id, None);
                                t.id = Some(id);
                                t
                            }
                        };
                    let target_id = target.id.unwrap_or_default();
                    for e in evidence {
                        let new = match &e.kind {
                            EvidenceKind::Exercise { id, .. } => {
                                let already = target.evidence.iter().any(|t| matches!(t.kind, EvidenceKind::Exercise { id: x, .. } if x == *id));
                                if already {
                                    continue;
                                }
                                storage::nok::NewEvidence::Exercise(*id)
                            }
                            EvidenceKind::Assessment { id, .. } => {
                                storage::nok::NewEvidence::Assessment(*id)
                            }
                            EvidenceKind::Document(d) => storage::nok::NewEvidence::Document(d),
                        };
                        let from = if e.carried_from.is_empty() {
                            label.clone()
                        } else {
                            e.carried_from.clone()
                        };
                        storage::nok::insert_evidence(
                            w.conn(),
                            target_id,
                            &new,
                            &from,
                            actor.user_id,
                            now,
                        )
                        .await?;
                        carried += 1;
                    }
                }
            }
        }
        let after = serde_json::json!({
            "agreement": plan.agreement,
            "previous_id": previous_id,
            "areas": plan.areas,
            "carried_evidence": carried,
        });
        let change = Change {
            action: "rollover",
            entity_type: entity::AGREEMENT,
            entity_id: new_id.to_string(),
            before: None::<&()>,
            after: Some(&after),
        };
        w.record(change, &[]).await?;
        w.commit().await?;
        Ok(new_id)
    }
}

/// Builds the status of agreement `id` on a connection.
async fn load_status(c: &mut Conn, id: i64) -> ServiceResult<AgreementStatus> {
    let all = storage::catalogue::list_agreements(c).await?;
    let agreement = all
        .iter()
        .find(|a| a.id == id)
        .cloned()
        .ok_or(ServiceError::NotFound)?;
    let previous = agreement
        .previous_id
        .and_then(|p| all.iter().find(|a| a.id == p).cloned());
    let successor = all.iter().find(|a| a.previous_id == Some(id)).map(|a| a.id);
    let conducted = conducted_codes();
    let criteria = storage::nok::criteria_of_agreement(c, id).await?;
    let stored = storage::nok::fulfilments_of_agreement(c, id, &conducted).await?;
    let links = storage::nok::exercise_links(c, id).await?;
    let mapping = storage::nok::mappings_into(c, id).await?;
    let forvaltningar: Vec<ForvaltningRef> = storage::forvaltningar::list_all(c)
        .await?
        .into_iter()
        .filter(|f| f.active)
        .map(|f| ForvaltningRef {
            id: f.id,
            code: f.code,
            name: f.name,
        })
        .collect();
    let areas = agreement
        .requirements
        .iter()
        .map(|r| {
            let scopes: Vec<Option<ForvaltningRef>> = if r.per_forvaltning {
                forvaltningar.iter().cloned().map(Some).collect()
            } else {
                vec![None]
            };
            let fulfilments = scopes
                .into_iter()
                .map(|scope| {
                    let key = scope.as_ref().map(|f| f.id);
                    let mut f = stored
                        .iter()
                        .find(|s| {
                            s.requirement_id == r.id && s.forvaltning.as_ref().map(|f| f.id) == key
                        })
                        .cloned()
                        .unwrap_or_else(|| Fulfilment::empty(r.id, scope));
                    add_linked_exercises(&mut f, &links);
                    f
                })
                .collect();
            AreaStatus {
                requirement: r.clone(),
                criteria: criteria
                    .iter()
                    .filter(|k| k.requirement_id == r.id)
                    .cloned()
                    .collect(),
                fulfilments,
            }
        })
        .collect();
    Ok(AgreementStatus {
        agreement,
        previous,
        successor,
        areas,
        mapping,
    })
}
