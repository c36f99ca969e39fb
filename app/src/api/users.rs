//! Server functions of account administration.

use super::AppError;
use crate::domain::forvaltning::Forvaltning;
use crate::domain::user::{User, UserInput};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UsersView {
    pub users: Vec<User>,
    pub forvaltningar: Vec<Forvaltning>,
    pub me: i64,
}

#[server(endpoint = "users/list")]
pub async fn list_users() -> Result<UsersView, AppError> {
    use super::ctx::{actor, fail, services};
    let (svc, actor) = (services()?, actor()?);
    let users = svc.users.list(&actor).await.map_err(fail)?;
    let forvaltningar = svc.catalogue.forvaltningar(&actor).await.map_err(fail)?;
    Ok(UsersView {
        users,
        forvaltningar,
        me: actor.user_id,
    })
}

#[server(endpoint = "users/create")]
pub async fn create_user(input: UserInput) -> Result<i64, AppError> {
    use super::ctx::{actor, fail, services};
    let (svc, actor) = (services()?, actor()?);
    svc.users.create(&actor, &input).await.map_err(fail)
}

#[server(endpoint = "users/update")]
pub async fn update_user(
    id: i64,
    role: String,
    active: Option<String>,
    region_wide: Option<String>,
    #[server(default)] forvaltningar: Vec<i64>,
) -> Result<(), AppError> {
    use super::ctx::{actor, fail, services};
    use crate::backend::users::AccountChange;
    use crate::domain::validation::checked;
    let (svc, actor) = (services()?, actor()?);
    let change = AccountChange {
        role: &role,
        active: checked(active.as_deref()),
        region_wide: checked(region_wide.as_deref()),
        scope: &forvaltningar,
    };
    svc.users.update(&actor, id, &change).await.map_err(fail)
}
