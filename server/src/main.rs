//! Entry point: parse configuration, validate it, run the chosen subcommand.

use clap::Parser;

/// SSR allocates many small short-lived strings; mimalloc serves them faster than glibc's
/// malloc and returns memory to the system instead of fragmenting it.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use server::cli;
use server::config::{Cli, Command};

#[tokio::main]
async fn main() -> std::process::ExitCode {
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
