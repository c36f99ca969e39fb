//! Catalogues: förvaltningar, capability areas, agreements and requirement areas.
//! Everyone signed in reads them; only administrators change them.

use super::audit::{self, Change};
use super::cache::Cached;
use super::error::ServiceResult;
use super::storage::{self, Conn, Db, is_unique_violation};
use super::{Clock, ServiceError, allow_read};
use crate::domain::Actor;
use crate::domain::access::Data;
use crate::domain::catalogue::{
    Agreement, AgreementInput, CapabilityArea, CapabilityAreaInput, RequirementArea,
    RequirementAreaInput,
};
use crate::domain::forvaltning::{Forvaltning, ForvaltningInput};

#[derive(Clone)]
pub struct CatalogueService {
    db: Db,
    clock: Clock,
    forvaltningar: Cached<Vec<Forvaltning>>,
    capability_areas: Cached<Vec<CapabilityArea>>,
    agreements: Cached<Vec<Agreement>>,
}

fn admin_only(actor: &Actor) -> ServiceResult<()> {
    if actor.is_admin() {
        Ok(())
    } else {
        Err(ServiceError::Forbidden)
    }
}

/// Turns a UNIQUE violation on `field` into a field message; passes other errors on.
fn unique_as_field(e: sqlx::Error, field: &str, message: &str) -> ServiceError {
    if is_unique_violation(&e) {
        ServiceError::field(field, message)
    } else {
        e.into()
    }
}

impl CatalogueService {
    pub fn new(db: Db, clock: Clock) -> Self {
        Self {
            db,
            clock,
            forvaltningar: Cached::default(),
            capability_areas: Cached::default(),
            agreements: Cached::default(),
        }
    }

    /// `cache`'s list, read with `load` on a reader connection when it is not kept.
    async fn read_cached<T: Clone>(
        &self,
        cache: &Cached<Vec<T>>,
        load: impl AsyncFnOnce(&mut Conn) -> Result<Vec<T>, sqlx::Error>,
    ) -> ServiceResult<Vec<T>> {
        let list = cache
            .get_or_load(|| async {
                let mut c = self.db.read().await?;
                Ok::<_, ServiceError>(load(&mut c).await?)
            })
            .await?;
        Ok(list.as_ref().clone())
    }

    pub async fn forvaltningar(&self, actor: &Actor) -> ServiceResult<Vec<Forvaltning>> {
        allow_read(actor, Data::Catalogue, &[])?;
        self.read_cached(&self.forvaltningar, storage::forvaltningar::list_all)
            .await
    }

    /// Creates (`id` = None) or updates a förvaltning.
    pub async fn save_forvaltning(
        &self,
        actor: &Actor,
        id: Option<i64>,
        input: &ForvaltningInput,
    ) -> ServiceResult<i64> {
        admin_only(actor)?;
        let valid = input.parse()?;
        let now = (self.clock)();
        let mut tx = self.db.begin().await?;
        let before = match id {
            Some(id) => Some(
                storage::forvaltningar::find(&mut tx, id)
                    .await?
                    .ok_or(ServiceError::NotFound)?,
            ),
            None => None,
        };
        const TAKEN: &str = "Koden används redan av en annan förvaltning.";
        let id = match id {
            Some(id) => {
                storage::forvaltningar::update(&mut tx, id, &valid)
                    .await
                    .map_err(|e| unique_as_field(e, "code", TAKEN))?;
                id
            }
            None => storage::forvaltningar::insert(&mut tx, &valid)
                .await
                .map_err(|e| unique_as_field(e, "code", TAKEN))?,
        };
        let after = storage::forvaltningar::find(&mut tx, id).await?;
        let action = if before.is_some() { "update" } else { "create" };
        let change = Change {
            action,
            entity_type: "forvaltning",
            entity_id: id.to_string(),
            before: before.as_ref(),
            after: after.as_ref(),
        };
        audit::record_change(&mut tx, actor, now, change).await?;
        tx.commit().await?;
        self.forvaltningar.clear();
        Ok(id)
    }

    pub async fn capability_areas(&self, actor: &Actor) -> ServiceResult<Vec<CapabilityArea>> {
        allow_read(actor, Data::Catalogue, &[])?;
        self.read_cached(
            &self.capability_areas,
            storage::catalogue::list_capability_areas,
        )
        .await
    }

    /// Creates (`code` = None) or updates the capability area with `code`.
    pub async fn save_capability_area(
        &self,
        actor: &Actor,
        code: Option<&str>,
        input: &CapabilityAreaInput,
    ) -> ServiceResult<String> {
        admin_only(actor)?;
        let valid = input.parse()?;
        let now = (self.clock)();
        let mut tx = self.db.begin().await?;
        let before = match code {
            Some(code) => Some(
                storage::catalogue::find_capability_area(&mut tx, code)
                    .await?
                    .ok_or(ServiceError::NotFound)?,
            ),
            None => None,
        };
        const TAKEN: &str = "Det finns redan ett förmågeområde med den koden.";
        match code {
            Some(code) => storage::catalogue::update_capability_area(&mut tx, code, &valid).await,
            None => storage::catalogue::insert_capability_area(&mut tx, &valid)
                .await
                .map(|_| true),
        }
        .map_err(|e| unique_as_field(e, "code", TAKEN))?;
        let action = if before.is_some() { "update" } else { "create" };
        let change = Change {
            action,
            entity_type: "capability_area",
            entity_id: valid.code.clone(),
            before: before.as_ref(),
            after: Some(&valid),
        };
        audit::record_change(&mut tx, actor, now, change).await?;
        tx.commit().await?;
        self.capability_areas.clear();
        Ok(valid.code)
    }

    pub async fn agreements(&self, actor: &Actor) -> ServiceResult<Vec<Agreement>> {
        allow_read(actor, Data::Catalogue, &[])?;
        self.read_cached(&self.agreements, storage::catalogue::list_agreements)
            .await
    }

    pub async fn requirement_areas(&self, actor: &Actor) -> ServiceResult<Vec<RequirementArea>> {
        allow_read(actor, Data::Catalogue, &[])?;
        Ok(storage::catalogue::list_requirement_areas(&mut *self.db.read().await?).await?)
    }

    /// Creates (`id` = None) or updates an agreement.
    pub async fn save_agreement(
        &self,
        actor: &Actor,
        id: Option<i64>,
        input: &AgreementInput,
    ) -> ServiceResult<i64> {
        admin_only(actor)?;
        let valid = input.parse()?;
        let now = (self.clock)();
        let mut tx = self.db.begin().await?;
        let before = match id {
            Some(id) => Some(
                storage::catalogue::find_agreement(&mut tx, id)
                    .await?
                    .ok_or(ServiceError::NotFound)?,
            ),
            None => None,
        };
        let id = match id {
            Some(id) => {
                storage::catalogue::update_agreement(&mut tx, id, &valid).await?;
                id
            }
            None => storage::catalogue::insert_agreement(&mut tx, &valid).await?,
        };
        let action = if before.is_some() { "update" } else { "create" };
        let change = Change {
            action,
            entity_type: "agreement",
            entity_id: id.to_string(),
            before: before.as_ref(),
            after: Some(&valid),
        };
        audit::record_change(&mut tx, actor, now, change).await?;
        tx.commit().await?;
        self.agreements.clear();
        Ok(id)
    }

    /// Creates a requirement area under `agreement_id` (`id` = None) or updates one.
    pub async fn save_requirement_area(
        &self,
        actor: &Actor,
        agreement_id: i64,
        id: Option<i64>,
        input: &RequirementAreaInput,
    ) -> ServiceResult<i64> {
        admin_only(actor)?;
        let valid = input.parse()?;
        let now = (self.clock)();
        let mut tx = self.db.begin().await?;
        if !storage::catalogue::agreement_exists(&mut tx, agreement_id).await? {
            return Err(ServiceError::NotFound);
        }
        let before = match id {
            // A requirement area belongs to one agreement: one posted under another is unknown
            // there (the form cannot move it).
            Some(id) => Some(
                storage::catalogue::find_requirement_area(&mut tx, id)
                    .await?
                    .filter(|r| r.agreement_id == agreement_id)
                    .ok_or(ServiceError::NotFound)?,
            ),
            None => None,
        };
        const TAKEN: &str = "Överenskommelsen har redan ett kravområde med den koden.";
        let id = match id {
            Some(id) => {
                storage::catalogue::update_requirement_area(&mut tx, id, &valid)
                    .await
                    .map_err(|e| unique_as_field(e, "code", TAKEN))?;
                id
            }
            None => storage::catalogue::insert_requirement_area(&mut tx, agreement_id, &valid)
                .await
                .map_err(|e| unique_as_field(e, "code", TAKEN))?,
        };
        let after = storage::catalogue::find_requirement_area(&mut tx, id).await?;
        let action = if before.is_some() { "update" } else { "create" };
        let change = Change {
            action,
            entity_type: "requirement_area",
            entity_id: id.to_string(),
            before: before.as_ref(),
            after: after.as_ref(),
        };
        audit::record_change(&mut tx, actor, now, change).await?;
        tx.commit().await?;
        self.agreements.clear();
        Ok(id)
    }
}
