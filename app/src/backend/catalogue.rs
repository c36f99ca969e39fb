//! Catalogues: förvaltningar, capability areas, agreements and requirement areas.
//! Everyone signed in reads them; only administrators change them.

use super::audit::Change;
use super::cache::Cached;
use super::error::ServiceResult;
use super::storage::{self, Conn, Db, StorageError, StoreResult};
use super::work::Writer;
use super::{ServiceError, allow_read};
use crate::domain::Actor;
use crate::domain::Msg;
use crate::domain::access::Data;
use crate::domain::catalogue::{
    Agreement, AgreementInput, CapabilityArea, CapabilityAreaInput, RequirementArea,
    RequirementAreaInput,
};
use crate::domain::event::{Event, entity};
use crate::domain::forvaltning::{Forvaltning, ForvaltningInput};

#[derive(Clone)]
pub struct CatalogueService {
    db: Db,
    writer: Writer,
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
fn unique_as_field(e: StorageError, field: &str, message: Msg) -> ServiceError {
    match e {
        StorageError::Unique(_) => ServiceError::field(field, message),
        e => e.into(),
    }
}

impl CatalogueService {
    pub fn new(db: Db, writer: Writer) -> Self {
        Self {
            db,
            writer,
            forvaltningar: Cached::default(),
            capability_areas: Cached::default(),
            agreements: Cached::default(),
        }
    }

    /// Forgets the lists an event may have changed (requirement areas live in the agreements).
    pub fn on_event(&self, event: &Event) {
        match event.entity_type.as_str() {
            entity::FORVALTNING => self.forvaltningar.clear(),
            entity::CAPABILITY_AREA => self.capability_areas.clear(),
            entity::AGREEMENT | entity::REQUIREMENT_AREA => {
                self.agreements.clear();
                // Capability areas show the codes and titles of their requirement areas.
                self.capability_areas.clear();
            }
            _ => {}
        }
    }

    /// `cache`'s list, read with `load` on a reader connection when it is not kept.
    async fn read_cached<T: Clone>(
        &self,
        cache: &Cached<Vec<T>>,
        load: impl AsyncFnOnce(&mut Conn) -> StoreResult<Vec<T>>,
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
        let mut w = self.writer.begin(actor).await?;
        let before = match id {
            Some(id) => Some(
                storage::forvaltningar::find(w.conn(), id)
                    .await?
                    .ok_or(ServiceError::NotFound)?,
            ),
            None => None,
        };
        const TAKEN: Msg = Msg::ForvaltningCodeTaken;
        let id = match id {
            Some(id) => {
                storage::forvaltningar::update(w.conn(), id, &valid)
                    .await
                    .map_err(|e| unique_as_field(e, "code", TAKEN))?;
                id
            }
            None => storage::forvaltningar::insert(w.conn(), &valid)
                .await
                .map_err(|e| unique_as_field(e, "code", TAKEN))?,
        };
        let after = storage::forvaltningar::find(w.conn(), id).await?;
        let action = if before.is_some() { "update" } else { "create" };
        let change = Change {
            action,
            entity_type: entity::FORVALTNING,
            entity_id: id.to_string(),
            before: before.as_ref(),
            after: after.as_ref(),
        };
        w.record(change, &[id]).await?;
        w.commit().await?;
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
        let mut w = self.writer.begin(actor).await?;
        let before = match code {
            Some(code) => Some(
                storage::catalogue::find_capability_area(w.conn(), code)
                    .await?
                    .ok_or(ServiceError::NotFound)?,
            ),
            None => None,
        };
        const TAKEN: Msg = Msg::CapabilityCodeTaken;
        match code {
            Some(code) => storage::catalogue::update_capability_area(w.conn(), code, &valid).await,
            None => storage::catalogue::insert_capability_area(w.conn(), &valid)
                .await
                .map(|_| true),
        }
        .map_err(|e| match e {
            StorageError::ForeignKey => {
                ServiceError::field("requirements", Msg::UnknownRequirements)
            }
            e => unique_as_field(e, "code", TAKEN),
        })?;
        let after = storage::catalogue::find_capability_area(w.conn(), &valid.code).await?;
        let action = if before.is_some() { "update" } else { "create" };
        let change = Change {
            action,
            entity_type: entity::CAPABILITY_AREA,
            entity_id: valid.code.clone(),
            before: before.as_ref(),
            after: after.as_ref(),
        };
        w.record(change, &[]).await?;
        w.commit().await?;
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
        let mut w = self.writer.begin(actor).await?;
        let before = match id {
            Some(id) => Some(
                storage::catalogue::find_agreement(w.conn(), id)
                    .await?
                    .ok_or(ServiceError::NotFound)?,
            ),
            None => None,
        };
        let id = match id {
            Some(id) => {
                storage::catalogue::update_agreement(w.conn(), id, &valid).await?;
                id
            }
            None => storage::catalogue::insert_agreement(w.conn(), &valid).await?,
        };
        let action = if before.is_some() { "update" } else { "create" };
        let change = Change {
            action,
            entity_type: entity::AGREEMENT,
            entity_id: id.to_string(),
            before: before.as_ref(),
            after: Some(&valid),
        };
        w.record(change, &[]).await?;
        w.commit().await?;
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
        let mut w = self.writer.begin(actor).await?;
        if !storage::catalogue::agreement_exists(w.conn(), agreement_id).await? {
            return Err(ServiceError::NotFound);
        }
        let before = match id {
            // A requirement area belongs to one agreement: one posted under another is unknown
            // there (the form cannot move it).
            Some(id) => Some(
                storage::catalogue::find_requirement_area(w.conn(), id)
                    .await?
                    .filter(|r| r.agreement_id == agreement_id)
                    .ok_or(ServiceError::NotFound)?,
            ),
            None => None,
        };
        const TAKEN: Msg = Msg::RequirementCodeTaken;
        let id = match id {
            Some(id) => {
                storage::catalogue::update_requirement_area(w.conn(), id, &valid)
                    .await
                    .map_err(|e| unique_as_field(e, "code", TAKEN))?;
                id
            }
            None => storage::catalogue::insert_requirement_area(w.conn(), agreement_id, &valid)
                .await
                .map_err(|e| unique_as_field(e, "code", TAKEN))?,
        };
        let after = storage::catalogue::find_requirement_area(w.conn(), id).await?;
        let action = if before.is_some() { "update" } else { "create" };
        let change = Change {
            action,
            entity_type: entity::REQUIREMENT_AREA,
            entity_id: id.to_string(),
            before: before.as_ref(),
            after: after.as_ref(),
        };
        w.record(change, &[]).await?;
        w.commit().await?;
        Ok(id)
    }
}
