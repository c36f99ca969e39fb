//! Readiness: capability assessments per förvaltning and area.

pub mod assessment_page;
pub mod board_page;
pub mod grid_page;

pub use assessment_page::{AssessmentPage, NewAssessmentPage};
pub use board_page::BoardPage;
pub use grid_page::AssessmentGridPage;
