//! Readiness: capability assessments per förvaltning and area.

pub mod assessment_page;
pub mod board_page;
pub mod grid_page;

pub use assessment_page::{AssessmentPage, NewAssessmentPage};
#[cfg(feature = "ssr")]
pub use board_page::render_board_body;
pub use board_page::{BoardBody, BoardPage};
pub use grid_page::AssessmentGridPage;
