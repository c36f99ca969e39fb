//! Server functions: public HTTP endpoints under `/api/`, each a thin call into a service.
//! Shared view models returned to pages live beside them.

pub mod audit;
pub mod auth;
pub mod briefs;
pub mod catalogue;
pub mod conduct;
#[cfg(feature = "ssr")]
pub mod ctx;
mod error;
pub mod evaluation;
pub mod exercises;
pub mod followup;
pub mod improvement;
pub mod nok;
pub mod plan;
pub mod readiness;
pub mod users;

pub use error::AppError;
