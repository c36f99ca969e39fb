//! Administration: accounts, the audit log and the assessment settings (administrators only; the services refuse others).

mod audit_page;
mod readiness_page;
mod users_page;

pub use audit_page::AuditPage;
pub use readiness_page::ReadinessSettingsPage;
pub use users_page::UsersPage;
