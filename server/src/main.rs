//! Entry point: parse configuration, validate it, run the chosen subcommand.

use clap::Parser;

use server::cli;
use server::config::{Cli, Command};

/// SSR allocates many small short-lived strings; mimalloc serves them faster than glibc's
/// malloc and returns memory to the system instead of fragmenting it.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Redo idles most of the day between bursts (a login hashes with 19 MiB of argon2 memory). By
/// default mimalloc keeps freed memory committed for a second and commits its arenas eagerly, so
/// that memory stays resident; returning it at once keeps the idle footprint small (`make bench`,
/// `idle_rss_mb`). Option numbers are those of the mimalloc v3 header that libmimalloc-sys
/// 0.1.49 (pinned in server/Cargo.toml) builds: `mi_option_arena_eager_commit` = 4,
/// `mi_option_purge_delay` = 15.
#[allow(unsafe_code)]
fn return_freed_memory_promptly() {
    const ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    // SAFETY: `mi_option_set` stores an integer in mimalloc's option table; it is safe to call
    // at any time and from any thread, and is called here before the runtime starts its threads.
    unsafe {
        libmimalloc_sys::mi_option_set(ARENA_EAGER_COMMIT, 0);
        libmimalloc_sys::mi_option_set(PURGE_DELAY, 0);
    }
}

fn main() -> std::process::ExitCode {
    return_freed_memory_promptly();
    match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime.block_on(run()),
        Err(e) => {
            eprintln!("Fel: kunde inte starta: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("REDO_LOG")
                .unwrap_or_else(|_| "info,sqlx=warn".into()),
        )
        .init();
    let Cli { config, command } = Cli::parse();
    if let Err(message) = config.validate() {
        eprintln!("Fel i konfigurationen: {message}");
        return std::process::ExitCode::from(2);
    }
    match cli::run(config, command.unwrap_or(Command::Serve)).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("Fel: {message}");
            std::process::ExitCode::FAILURE
        }
    }
}
