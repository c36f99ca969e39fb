//! Administration: accounts and the audit log (administrators only; the services refuse others).

mod audit_page;
mod users_page;

pub use audit_page::AuditPage;
pub use users_page::UsersPage;
