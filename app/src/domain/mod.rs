//! Pure domain types and rules of Redo, compiled for both the server and the browser.
//!
//! Must not depend on leptos, sqlx, tokio or any I/O, and never reads the clock: callers pass `now`.

pub mod access;
pub mod audit;
pub mod board;
pub mod brief;
pub mod calendar;
pub mod catalogue;
pub mod conduct;
pub mod coverage;
pub mod evaluation;
pub mod event;
pub mod exercise;
pub mod forvaltning;
pub mod improvement;
pub mod indicator;
pub mod lifecycle;
pub mod message;
pub mod msel;
pub mod nok;
pub mod period;
pub mod readiness;
pub mod redirect;
pub mod sheet;
pub mod text;
pub mod timeline;
pub mod user;
pub mod validation;

pub use access::{Actor, Role};
pub use catalogue::{Agreement, CapabilityArea, RequirementArea};
pub use exercise::{Exercise, ExerciseFormat, ExerciseInput, Objective, ObjectiveInput};
pub use forvaltning::{Forvaltning, ForvaltningKind};
pub use lifecycle::ExerciseStatus;
pub use message::{Label, Msg};
pub use period::MandatePeriod;
pub use validation::{FieldError, FieldErrors};
