//! Entry point: parse configuration, validate it, run the chosen subcommand.

use clap::Parser;

use server::cli;
use server::config::{Cli, Command, LogFormat};

/// SSR allocates many small short-lived strings; mimalloc serves them faster than glibc's
/// malloc and returns memory to the system instead of fragmenting it.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Redo idles most of the day between bursts (a login hashes with 19 MiB of argon2 memory). By
/// default mimalloc keeps freed memory committed for a second and commits its arenas eagerly, so
/// that memory stays resident. Returning it at once keeps the idle footprint small (`make bench`,
/// `idle_rss_mb`: about 42 MB resident without this, 24 MB with it).
///
/// mimalloc reads these settings from the environment when the process starts, before `main`
/// (setting them later through its API does not reach the arena it has already made), so when
/// they are missing the server starts itself again with them set. An operator's own values win.
#[cfg(unix)]
fn with_allocator_settings() {
    use std::os::unix::process::CommandExt;
    const SETTINGS: [(&str, &str); 2] = [
        ("MIMALLOC_ARENA_EAGER_COMMIT", "0"),
        ("MIMALLOC_PURGE_DELAY", "0"),
    ];
    if SETTINGS.iter().all(|(k, _)| std::env::var_os(k).is_some()) {
        return;
    }
    let Ok(exe) = std::env::current_exe() else {
        return;
    };
    let mut again = std::process::Command::new(exe);
    again.args(std::env::args_os().skip(1));
    for (k, v) in SETTINGS {
        if std::env::var_os(k).is_none() {
            again.env(k, v);
        }
    }
    // `exec` replaces this process and only returns if it could not; then run as we are.
    let error = again.exec();
    eprintln!("Varning: kunde inte starta om med minnesinställningar ({error}); fortsätter.");
}

#[cfg(not(unix))]
fn with_allocator_settings() {}

fn main() -> std::process::ExitCode {
    with_allocator_settings();
    run()
}

#[tokio::main]
async fn run() -> std::process::ExitCode {
    let Cli { config, command } = Cli::parse();
    let filter = tracing_subscriber::EnvFilter::try_from_env("REDO_LOG")
        .unwrap_or_else(|_| "info,sqlx=warn".into());
    let logs = tracing_subscriber::fmt().with_env_filter(filter);
    match config.log_format {
        LogFormat::Json => logs.json().flatten_event(true).init(),
        LogFormat::Text => logs.init(),
    }
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
