//! Server functions of the catalogues: read for all, edit for administrators.

use super::AppError;
use crate::domain::catalogue::{
    Agreement, AgreementInput, CapabilityArea, CapabilityAreaInput, RequirementAreaInput,
};
use crate::domain::forvaltning::{Forvaltning, ForvaltningInput};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A catalogue and whether the viewer may edit it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Editable<T> {
    pub items: T,
    pub can_edit: bool,
}

#[server(endpoint = "catalogue/forvaltningar")]
pub async fn list_forvaltningar() -> Result<Editable<Vec<Forvaltning>>, AppError> {
    use super::ctx::{actor, fail, services};
    let (svc, actor) = (services()?, actor()?);
    let items = svc.catalogue.forvaltningar(&actor).await.map_err(fail)?;
    Ok(Editable {
        items,
        can_edit: actor.is_admin(),
    })
}

/// Creates a förvaltning when `id` is empty, otherwise updates it.
#[server(endpoint = "catalogue/forvaltningar/save")]
pub async fn save_forvaltning(id: String, input: ForvaltningInput) -> Result<i64, AppError> {
    use super::ctx::{actor, fail, services};
    let (svc, actor) = (services()?, actor()?);
    let id = parse_optional_id(&id)?;
    svc.catalogue
        .save_forvaltning(&actor, id, &input)
        .await
        .map_err(fail)
}

/// Capability areas, and the agreements whose requirement areas they link to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CapabilityCatalogue {
    pub areas: Vec<CapabilityArea>,
    pub agreements: Vec<Agreement>,
}

#[server(endpoint = "catalogue/capability-areas")]
pub async fn list_capability_areas() -> Result<Editable<CapabilityCatalogue>, AppError> {
    use super::ctx::{actor, fail, services};
    let (svc, actor) = (services()?, actor()?);
    let areas = svc.catalogue.capability_areas(&actor).await.map_err(fail)?;
    let agreements = svc.catalogue.agreements(&actor).await.map_err(fail)?;
    Ok(Editable {
        items: CapabilityCatalogue { areas, agreements },
        can_edit: actor.is_admin(),
    })
}

/// Creates a capability area when `code` is empty, otherwise updates the one with that code.
#[server(endpoint = "catalogue/capability-areas/save")]
pub async fn save_capability_area(
    code: String,
    input: CapabilityAreaInput,
) -> Result<String, AppError> {
    use super::ctx::{actor, fail, services};
    let (svc, actor) = (services()?, actor()?);
    let code = Some(code.trim()).filter(|c| !c.is_empty());
    svc.catalogue
        .save_capability_area(&actor, code, &input)
        .await
        .map_err(fail)
}

#[server(endpoint = "catalogue/agreements")]
pub async fn list_agreements() -> Result<Editable<Vec<Agreement>>, AppError> {
    use super::ctx::{actor, fail, services};
    let (svc, actor) = (services()?, actor()?);
    let items = svc.catalogue.agreements(&actor).await.map_err(fail)?;
    Ok(Editable {
        items,
        can_edit: actor.is_admin(),
    })
}

#[server(endpoint = "catalogue/agreements/save")]
pub async fn save_agreement(id: String, input: AgreementInput) -> Result<i64, AppError> {
    use super::ctx::{actor, fail, services};
    let (svc, actor) = (services()?, actor()?);
    let id = parse_optional_id(&id)?;
    svc.catalogue
        .save_agreement(&actor, id, &input)
        .await
        .map_err(fail)
}

#[server(endpoint = "catalogue/requirement-areas/save")]
pub async fn save_requirement_area(
    agreement_id: i64,
    id: String,
    input: RequirementAreaInput,
) -> Result<i64, AppError> {
    use super::ctx::{actor, fail, services};
    let (svc, actor) = (services()?, actor()?);
    let id = parse_optional_id(&id)?;
    svc.catalogue
        .save_requirement_area(&actor, agreement_id, id, &input)
        .await
        .map_err(fail)
}

/// "" is "new"; anything else must be a number.
#[cfg(feature = "ssr")]
fn parse_optional_id(raw: &str) -> Result<Option<i64>, AppError> {
    match raw.trim() {
        "" => Ok(None),
        s => s.parse().map(Some).map_err(|_| {
            super::ctx::set_status(http::StatusCode::BAD_REQUEST);
            AppError::BadRequest
        }),
    }
}
