//! Readiness: capability assessments per förvaltning and area.

pub mod assessment_page;
pub mod grid_page;

pub use assessment_page::{AssessmentPage, NewAssessmentPage};
pub use grid_page::AssessmentGridPage;
