//! The exercise pages: list, detail, new and edit.

mod detail_page;
mod form;
mod list_page;

pub use detail_page::{ExerciseDetailPage, id_from_url};
pub use form::{EditExercisePage, NewExercisePage};
pub use list_page::ExerciseListPage;
