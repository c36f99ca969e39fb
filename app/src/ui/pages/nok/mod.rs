//! NÖK follow-up pages: an agreement version's requirement areas with their status, one area
//! with its checklist, evidence and history, and the rollover into the next version.

mod overview_page;
mod requirement_page;
mod rollover_page;

pub use overview_page::{DueDate, FulfilmentBadge, NokPage};
pub use requirement_page::RequirementPage;
pub use rollover_page::RolloverPage;
