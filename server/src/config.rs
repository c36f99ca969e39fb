//! Typed configuration from flags and `REDO_*` environment variables, validated at start.

use app::backend::site::Site;
use app::backend::storage::Engine;
use clap::{Args, Parser, Subcommand};
use std::net::{IpAddr, SocketAddr};
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
    /// Where users reach Redo, e.g. `https://redo.region.se`. Decides the Secure cookie flag and
    /// the `__Host-` cookie prefix, HSTS, the allowed `Host` header, the origin state-changing
    /// requests must come from, and whether demo passwords may be used. Defaults to
    /// `http://<listen address>`.
    #[arg(long, env = "REDO_PUBLIC_URL", global = true)]
    pub public_url: Option<String>,
    /// Reverse proxies whose `X-Forwarded-For` header is believed, as addresses or CIDR networks
    /// separated by commas (e.g. `127.0.0.1,::1`). Other peers are the client.
    #[arg(
        long,
        env = "REDO_TRUSTED_PROXIES",
        global = true,
        value_delimiter = ',',
        value_parser = parse_network
    )]
    pub trusted_proxies: Vec<Network>,
    /// Keep rendered board dashboards in memory until a change makes them stale (`0` renders
    /// every request).
    #[arg(
        long,
        env = "REDO_PAGE_CACHE",
        default_value = "1",
        value_parser = clap::builder::BoolishValueParser::new(),
        global = true
    )]
    pub page_cache: bool,
    /// Log format: `text` for people, `json` for log shippers.
    #[arg(long, env = "REDO_LOG_FORMAT", default_value = "text", global = true)]
    pub log_format: LogFormat,
    /// Directory with the compiled site (wasm, JS, CSS), as `make build` or cargo-leptos writes it.
    #[arg(
        long,
        env = "LEPTOS_SITE_ROOT",
        default_value = "target/site",
        global = true
    )]
    pub site_root: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

/// An address or a CIDR network (`10.0.0.0/8`, `fd00::/8`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Network {
    pub addr: IpAddr,
    pub prefix: u8,
}

impl Network {
    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = match ip {
            IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
            v4 => v4,
        };
        match (self.addr, ip) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => {
                let mask = u32::MAX
                    .checked_shl(32 - u32::from(self.prefix))
                    .unwrap_or(0);
                u32::from(net) & mask == u32::from(ip) & mask
            }
            (IpAddr::V6(net), IpAddr::V6(ip)) => {
                let mask = u128::MAX
                    .checked_shl(128 - u32::from(self.prefix))
                    .unwrap_or(0);
                u128::from(net) & mask == u128::from(ip) & mask
            }
            _ => false,
        }
    }
}

/// Parses an address or a CIDR network, as `REDO_TRUSTED_PROXIES` lists them.
pub fn parse_network(s: &str) -> Result<Network, String> {
    let s = s.trim();
    let (addr, prefix) = match s.split_once('/') {
        Some((a, p)) => (a, Some(p)),
        None => (s, None),
    };
    let addr: IpAddr = addr
        .parse()
        .map_err(|_| format!("not an IP address or network: {s:?}"))?;
    let max = if addr.is_ipv4() { 32 } else { 128 };
    let prefix = match prefix {
        Some(p) => p
            .parse::<u8>()
            .ok()
            .filter(|p| *p <= max)
            .ok_or_else(|| format!("bad prefix length in {s:?}"))?,
        None => max,
    };
    Ok(Network { addr, prefix })
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start the web server (the default).
    Serve,
    /// Apply database migrations and exit.
    Migrate,
    /// Seed the demo region and accounts (only into an empty database) and exit.
    SeedDemo,
    /// Write a consistent snapshot of the database to FILE (safe while the server runs).
    Backup {
        #[arg(long = "to")]
        to: PathBuf,
    },
    /// Replace the database with a snapshot (refused while a server uses the database).
    Restore {
        #[arg(long = "from")]
        from: PathBuf,
    },
    /// Copy a region's whole database into a new, empty one on either engine (for example from
    /// SQLite to PostgreSQL) and verify the copy by comparing canonical dumps of both.
    Copy {
        /// The database to copy, e.g. sqlite:data/redo.db (no server may be running on it).
        #[arg(long = "from")]
        from: String,
        /// The new database, e.g. postgres://redo@db.example/redo (migrated, without a region).
        #[arg(long = "to")]
        to: String,
    },
    /// Manage user accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Serve a bare "hello world" with the same runtime, as the baseline for `make bench`.
    #[command(hide = true)]
    BenchHello,
    /// Measure the live log's fan-out against a running demo server at ADDR (for `make bench`).
    #[command(hide = true)]
    BenchFanout {
        /// The server, e.g. 127.0.0.1:3000.
        #[arg(long)]
        addr: std::net::SocketAddr,
        /// The demo accounts' password.
        #[arg(long, env = "REDO_DEMO_PASSWORD")]
        password: String,
        /// The exercise to log in (the demo's Övning Isvind).
        #[arg(long, default_value_t = 16)]
        exercise: i64,
        #[arg(long, default_value_t = 1000)]
        viewers: usize,
        /// Entries written per second.
        #[arg(long, default_value_t = 20)]
        rate: u32,
        /// Seconds of writing per run.
        #[arg(long, default_value_t = 10)]
        seconds: u32,
        /// The server's process id, for its resident memory.
        #[arg(long)]
        pid: Option<u32>,
    },
    /// Grow the demo region to FORVALTNINGAR förvaltningar, each with an approved assessment of
    /// every capability area in each of the last PERIODS half-years (for `make bench`).
    #[command(hide = true)]
    SeedScale {
        #[arg(long, default_value_t = 50)]
        forvaltningar: usize,
        #[arg(long, default_value_t = 20)]
        periods: usize,
    },
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
        /// A planner or exercise lead who plans for the whole region (instead of --forvaltning).
        #[arg(long)]
        whole_region: bool,
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

    /// The public site: `REDO_PUBLIC_URL`, or plain HTTP on the listen address.
    pub fn site(&self) -> Result<Site, String> {
        match &self.public_url {
            Some(url) => Site::parse(url),
            None => Ok(Site::from_listen(self.listen)),
        }
    }

    /// The demo password to use, or a message why there is none. The built-in one is only for a
    /// site on loopback: behind nginx Redo listens on 127.0.0.1, so the listen address alone
    /// says nothing about who can reach it.
    pub fn demo_password(&self) -> Result<String, String> {
        let site = self.site()?;
        match &self.demo_password {
            Some(p) if p.chars().count() >= 10 => Ok(p.clone()),
            Some(_) => Err("REDO_DEMO_PASSWORD must be at least 10 characters".into()),
            None if site.loopback => Ok(DEFAULT_DEMO_PASSWORD.into()),
            None => Err(format!(
                "REDO_DEMO_PASSWORD must be set to seed demo accounts on {} (not loopback)",
                site.origin
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
        let postgres = Engine::of_url(&url) == Engine::Postgres;
        if !postgres && !url.starts_with("sqlite:") {
            return Err(format!(
                "unsupported database URL {url:?}: use sqlite:<path> or postgres://…"
            ));
        }
        // Several instances share one PostgreSQL, and a session made on one must hold on every
        // other: the secret cannot be a file that each instance creates for itself.
        if postgres && self.session_secret.is_none() {
            return Err(
                "REDO_SESSION_SECRET must be set with PostgreSQL (the same value on every instance)"
                    .into(),
            );
        }
        self.site()?;
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
        app::backend::storage::create_private_dir(&self.data_dir)
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
    fn postgres_needs_a_shared_session_secret() {
        let pg = ["--database-url", "postgres://redo@db/redo"];
        let err = config(&pg).validate().unwrap_err();
        assert!(err.contains("REDO_SESSION_SECRET"), "{err}");
        let secret = "s".repeat(32);
        let mut with_secret = pg.to_vec();
        with_secret.extend(["--session-secret", &secret]);
        assert_eq!(config(&with_secret).validate(), Ok(()));
        let err = config(&["--database-url", "mysql://x"])
            .validate()
            .unwrap_err();
        assert!(err.contains("unsupported"), "{err}");
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
    fn behind_a_proxy_on_loopback_the_public_url_decides_about_demo_passwords() {
        let c = config(&[
            "--demo",
            "--listen",
            "127.0.0.1:3000",
            "--public-url",
            "https://redo.region.se",
        ]);
        assert!(c.validate().unwrap_err().contains("REDO_DEMO_PASSWORD"));
        assert!(
            config(&["--public-url", "redo.region.se"])
                .validate()
                .is_err()
        );
    }

    #[test]
    fn trusted_proxies_are_addresses_or_networks() {
        let c = config(&["--trusted-proxies", "127.0.0.1,10.0.0.0/8,fd00::/8"]);
        let [lo, ten, fd] = c.trusted_proxies[..] else {
            panic!("three networks")
        };
        assert!(lo.contains("127.0.0.1".parse().unwrap()));
        assert!(!lo.contains("127.0.0.2".parse().unwrap()));
        assert!(ten.contains("10.200.1.1".parse().unwrap()));
        assert!(ten.contains("::ffff:10.1.1.1".parse().unwrap()));
        assert!(fd.contains("fd12::1".parse().unwrap()));
        assert!(!fd.contains("2001:db8::1".parse().unwrap()));
        let bad = Cli::try_parse_from(["server", "--trusted-proxies", "10.0.0.0/33"]);
        assert!(bad.is_err());
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
