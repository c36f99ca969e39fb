//! One module per page, grouped by area.

pub mod admin;
pub mod catalogue;
pub mod evaluation;
pub mod exercises;
pub mod followup;
pub mod home_page;
pub mod improvement;
pub mod live;
pub mod login_page;
pub mod nok;
pub mod plan;
pub mod readiness;
