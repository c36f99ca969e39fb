//! The Redo server: configuration, the HTTP listener and router with sessions and request
//! checks, and the command-line subcommands. The application itself lives in the `app` crate.

#![recursion_limit = "256"]

pub mod backup;
pub mod bench_fanout;
pub mod cli;
pub mod client;
pub mod config;
pub mod forms;
pub mod live;
pub mod page_cache;
pub mod router;
pub mod security;
pub mod serve;
pub mod session;

pub use router::{AppState, Web, build_router};
