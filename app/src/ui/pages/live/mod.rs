//! Live conduct: the live view of a running exercise, its staff and its inject list.

mod injects_page;
#[cfg(feature = "hydrate")]
mod live_client;
mod live_island;
mod live_page;
mod log;
mod staff_page;

pub use injects_page::InjectsPage;
pub use live_page::LivePage;
#[cfg(feature = "ssr")]
pub use log::rendered;
pub use staff_page::StaffPage;
