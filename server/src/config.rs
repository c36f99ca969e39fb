//! Typed configuration from flags and `REDO_*` environment variables, validated at start.

use clap::{Args, Parser, Subcommand};
use std::net::SocketAddr;
use std::path::PathBuf;

/// Redo: exercise planning and preparedness follow-up for Swedish regions.
///
/// Every option can also be set with the environment variable shown. Without a subcommand the
/// server starts (`serve`).
#[derive(Debug, Parser)]
#[command(name = "server", version, about, long_about = None)]
pub struct Cli {
    #[command(flatten)]
    pub config: Config,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, Args)]
pub struct Config {
    /// Directory for the SQLite database and the generated session secret.
    #[arg(long, env = "REDO_DATA_DIR", default_value = "data", global = true)]
    pub data_dir: PathBuf,
    /// Database URL; defaults to `sqlite:<data-dir>/redo.db`.
    #[arg(long, env = "REDO_DATABASE_URL", global = true)]
    pub database_url: Option<String>,
    /// Address to listen on.
    #[arg(
        long,
        env = "REDO_LISTEN",
        default_value = "127.0.0.1:3000",
        global = true
    )]
    pub listen: SocketAddr,
    /// Secret used to hash session tokens (at least 32 characters). When unset, a random secret is
    /// created once and kept in `<data-dir>/session-secret`.
    #[arg(
        long,
        env = "REDO_SESSION_SECRET",
        hide_env_values = true,
        global = true
    )]
    pub session_secret: Option<String>,
    /// Seed the demo region and demo accounts when the database is empty.
    #[arg(
        long,
        env = "REDO_DEMO",
        global = true,
        default_value_t = false,
        num_args = 0..=1,
        default_missing_value = "true",
        value_parser = clap::builder::BoolishValueParser::new()
    )]
    pub demo: bool,
    /// Password of the demo accounts. Required when seeding on a non-loopback address; on loopback
    /// it defaults to `redo-demo-2026`.
    #[arg(
        long,
        env = "REDO_DEMO_PASSWORD",
        hide_env_values = true,
        global = true
    )]
    pub demo_password: Option<String>,
    /// Directory with the compiled site (wasm, JS, CSS); as built by cargo-leptos.
    #[arg(
        long,
        env = "LEPTOS_SITE_ROOT",
        default_value = "target/site",
        global = true
    )]
    pub site_root: String,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start the web server (the default).
    Serve,
    /// Apply database migrations and exit.
    Migrate,
    /// Seed the demo region and accounts (only into an empty database) and exit.
    SeedDemo,
    /// Manage user accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Serve a bare "hello world" with the same runtime, as the baseline for `make bench`.
    #[command(hide = true)]
    BenchHello,
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create an account; the password is read from stdin or prompted for.
    Add {
        #[arg(long)]
        username: String,
        /// admin, planner, exercise_lead, evaluator, observer or board_viewer.
        #[arg(long)]
        role: String,
        /// Limit a planner or exercise lead to these förvaltningar (codes, repeatable).
        #[arg(long = "forvaltning")]
        forvaltningar: Vec<String>,
        #[arg(long)]
        display_name: Option<String>,
    },
    /// Set a new password for an account (read from stdin or prompted for).
    Passwd {
        #[arg(long)]
        username: String,
    },
}

pub const DEFAULT_DEMO_PASSWORD: &str = "redo-demo-2026";

impl Config {
    pub fn database_url(&self) -> String {
        self.database_url
            .clone()
            .unwrap_or_else(|| format!("sqlite:{}", self.data_dir.join("redo.db").display()))
    }

    /// The demo password to use, or a message why there is none.
    pub fn demo_password(&self) -> Result<String, String> {
        match &self.demo_password {
            Some(p) if p.chars().count() >= 10 => Ok(p.clone()),
            Some(_) => Err("REDO_DEMO_PASSWORD must be at least 10 characters".into()),
            None if self.listen.ip().is_loopback() => Ok(DEFAULT_DEMO_PASSWORD.into()),
            None => Err(format!(
                "REDO_DEMO_PASSWORD must be set to seed demo accounts when listening on {} (not loopback)",
                self.listen
            )),
        }
    }

    /// Checks what can be checked before touching anything.
    pub fn validate(&self) -> Result<(), String> {
        if let Some(s) = &self.session_secret
            && s.len() < 32
        {
            return Err("REDO_SESSION_SECRET must be at least 32 characters".into());
        }
        let url = self.database_url();
        if !url.starts_with("sqlite:") {
            return Err(format!(
                "unsupported database URL {url:?}: this build supports sqlite: URLs"
            ));
        }
        if self.demo {
            self.demo_password()?;
        }
        Ok(())
    }

    /// The configured secret, or the one kept in the data directory (created on first start).
    pub fn load_or_create_secret(&self) -> Result<Vec<u8>, String> {
        if let Some(s) = &self.session_secret {
            return Ok(s.as_bytes().to_vec());
        }
        let path = self.data_dir.join("session-secret");
        if let Ok(existing) = std::fs::read_to_string(&path) {
            let existing = existing.trim();
            if existing.len() >= 32 {
                return Ok(existing.as_bytes().to_vec());
            }
        }
        std::fs::create_dir_all(&self.data_dir)
            .map_err(|e| format!("cannot create {}: {e}", self.data_dir.display()))?;
        let mut bytes = [0u8; 32];
        rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut bytes);
        let secret = hex::encode(bytes);
        write_private(&path, &secret)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        Ok(secret.into_bytes())
    }
}

fn write_private(path: &std::path::Path, content: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)?.write_all(content.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(args: &[&str]) -> Config {
        let mut all = vec!["server"];
        all.extend_from_slice(args);
        Cli::try_parse_from(all).unwrap().config
    }

    #[test]
    fn a_short_session_secret_is_refused() {
        assert!(config(&["--session-secret", "short"]).validate().is_err());
        assert!(
            config(&["--session-secret", &"x".repeat(32)])
                .validate()
                .is_ok()
        );
    }

    #[test]
    fn demo_seeding_off_loopback_needs_a_password() {
        let c = config(&["--demo", "--listen", "0.0.0.0:3000"]);
        assert!(c.validate().unwrap_err().contains("REDO_DEMO_PASSWORD"));
        let c = config(&["--demo", "--listen", "127.0.0.1:3000"]);
        assert_eq!(c.demo_password().unwrap(), DEFAULT_DEMO_PASSWORD);
    }

    #[test]
    fn the_database_defaults_to_the_data_dir() {
        assert_eq!(
            config(&["--data-dir", "/tmp/x"]).database_url(),
            "sqlite:/tmp/x/redo.db"
        );
        assert!(
            config(&["--database-url", "postgres://x"])
                .validate()
                .is_err()
        );
    }
}
