//! The service error: rich, logged on the server, and never sent to clients as it is.

use crate::domain::{FieldErrors, Msg};

#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error("not signed in")]
    Unauthenticated,
    #[error("forbidden")]
    Forbidden,
    #[error("not found")]
    NotFound,
    #[error("invalid input: {0:?}")]
    Invalid(FieldErrors),
    #[error("conflict: {0:?}")]
    Conflict(Msg),
    #[error("too many attempts, retry in {minutes} min")]
    TooManyAttempts { minutes: i64 },
    #[error("account locked for untrusted sources, retry in {minutes} min")]
    AccountLocked { minutes: i64 },
    #[error("storage: {0}")]
    Storage(#[from] super::storage::StorageError),
    #[error("internal: {0}")]
    Internal(String),
}

impl ServiceError {
    /// A single-field validation error.
    pub fn field(field: &str, message: Msg) -> Self {
        let mut e = FieldErrors::new();
        e.add(field, message);
        Self::Invalid(e)
    }
}

impl From<FieldErrors> for ServiceError {
    fn from(e: FieldErrors) -> Self {
        Self::Invalid(e)
    }
}

pub type ServiceResult<T> = Result<T, ServiceError>;
