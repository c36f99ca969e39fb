//! The Redo server: configuration, the HTTP router with sessions and request checks, and the
//! command-line subcommands. The application itself lives in the `app` crate.

#![recursion_limit = "256"]

pub mod cli;
pub mod config;
pub mod router;
pub mod security;
pub mod session;

pub use router::{AppState, build_router};
