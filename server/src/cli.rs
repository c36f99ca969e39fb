//! The subcommands: serve, migrate, seed-demo, user add/passwd, and the bench baseline.

use crate::backup;
use crate::config::{Command, Config, UserCommand};
use crate::router::{AppState, Web, build_router};
use crate::security::Hosts;
use crate::serve;
use app::backend::audit::system_actor;
use app::backend::storage::{Db, Engine};
use app::backend::{Services, SessionPolicy, seed};
use app::domain::user::UserInput;
use std::io::{BufRead, IsTerminal};
use std::net::SocketAddr;

/// A failure that ends the process with a message and a non-zero exit code.
pub type CliResult = Result<(), String>;

pub async fn open_db(config: &Config) -> Result<Db, String> {
    open_url(&config.database_url()).await
}

/// The database at `url`, migrated.
async fn open_url(url: &str) -> Result<Db, String> {
    let db = Db::open(url)
        .await
        .map_err(|e| format!("cannot open database {url}: {e}"))?;
    db.migrate()
        .await
        .map_err(|e| format!("cannot migrate database {url}: {e}"))?;
    Ok(db)
}

async fn services(config: &Config) -> Result<Services, String> {
    let db = open_db(config).await?;
    let secret = config.load_or_create_secret()?;
    let policy = SessionPolicy::with_secret(secret).on_site(config.site()?);
    Services::new(db, policy)
        .await
        .map_err(|e| format!("cannot start the services: {e}"))
}

pub async fn run(config: Config, command: Command) -> CliResult {
    match command {
        Command::Serve => serve(config).await,
        Command::Migrate => {
            open_db(&config).await?;
            println!("Databasen är migrerad.");
            Ok(())
        }
        Command::SeedDemo => {
            let svc = services(&config).await?;
            let password = config.demo_password()?;
            let seeded = seed::seed_demo(&svc.writer, &password, chrono::Utc::now())
                .await
                .map_err(|e| e.to_string())?;
            println!(
                "{}",
                if seeded {
                    "Demodata har lagts in."
                } else {
                    "Databasen har redan data; inget lades in."
                }
            );
            Ok(())
        }
        Command::SeedScale {
            forvaltningar,
            periods,
        } => {
            let svc = services(&config).await?;
            let n = seed::seed_scale(&svc.writer, forvaltningar, periods, chrono::Utc::now())
                .await
                .map_err(|e| e.to_string())?;
            println!("{n} bedömningar har lagts in.");
            Ok(())
        }
        Command::User(cmd) => user(config, cmd).await,
        Command::Copy { from, to } => copy(&from, &to).await,
        Command::Backup { to } => {
            if Engine::of_url(&config.database_url()) == Engine::Postgres {
                return Err(POSTGRES_BACKUP.into());
            }
            let db = open_db(&config).await?;
            backup::backup(&db, &to).await?;
            db.close().await;
            println!("Säkerhetskopian är skriven till {}.", to.display());
            Ok(())
        }
        Command::Restore { from } => {
            if Engine::of_url(&config.database_url()) == Engine::Postgres {
                return Err(POSTGRES_BACKUP.into());
            }
            let path = backup::sqlite_path(&config.database_url())?;
            let kept = backup::restore(&path, &from).await?;
            println!(
                "Databasen är återställd från {}. Den tidigare ligger kvar som {}.",
                from.display(),
                kept.display()
            );
            Ok(())
        }
        Command::BenchHello => bench_hello(config.listen).await,
        Command::BenchFanout {
            addr,
            password,
            exercise,
            viewers,
            rate,
            seconds,
            pid,
        } => {
            crate::bench_fanout::run(crate::bench_fanout::Options {
                addr,
                password,
                exercise,
                viewers,
                rate,
                seconds,
                pid,
            })
            .await
        }
    }
}

fn read_password(prompt: &str) -> Result<String, String> {
    if std::io::stdin().is_terminal() {
        rpassword::prompt_password(prompt).map_err(|e| e.to_string())
    } else {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(|e| e.to_string())?;
        Ok(line.trim_end_matches(['\n', '\r']).to_string())
    }
}

async fn user(config: Config, cmd: UserCommand) -> CliResult {
    let svc = services(&config).await?;
    let actor = system_actor();
    match cmd {
        UserCommand::Add {
            username,
            role,
            forvaltningar,
            whole_region,
            display_name,
        } => {
            let all = svc
                .catalogue
                .forvaltningar(&actor)
                .await
                .map_err(|e| e.to_string())?;
            let mut ids = Vec::new();
            for code in &forvaltningar {
                let f = all
                    .iter()
                    .find(|f| f.code.eq_ignore_ascii_case(code))
                    .ok_or(format!("okänd förvaltning: {code}"))?;
                ids.push(f.id);
            }
            let password = read_password("Lösenord: ")?;
            let input = UserInput {
                username,
                display_name: display_name.unwrap_or_default(),
                role,
                forvaltningar: ids,
                password,
                region_wide: whole_region.then(|| "on".to_string()),
            };
            let id = svc.users.create(&actor, &input).await.map_err(describe)?;
            println!("Kontot är skapat (id {id}).");
            Ok(())
        }
        UserCommand::Passwd { username } => {
            let password = read_password("Nytt lösenord: ")?;
            svc.users
                .set_password(&actor, &username, &password)
                .await
                .map_err(describe)?;
            println!("Lösenordet är bytt och användarens sessioner är avslutade.");
            Ok(())
        }
    }
}

/// `server copy`: every table from `from` into the new database `to`, then both dumped and
/// compared. The source is locked against a server starting on it meanwhile (SQLite).
async fn copy(from: &str, to: &str) -> CliResult {
    use app::backend::storage::copy;
    let _lock = match backup::sqlite_path(from) {
        Ok(path) => Some(backup::ServerLock::acquire(&path)?),
        Err(_) => None,
    };
    let (source, target) = (open_url(from).await?, open_url(to).await?);
    let copied = copy::copy(&source, &target)
        .await
        .map_err(|e| format!("kopieringen avbröts, inget är ändrat i {to}: {e}"))?;
    let dumps = (copy::dump(&source).await, copy::dump(&target).await);
    let (Ok(ours), Ok(theirs)) = dumps else {
        return Err("kopian kunde inte kontrolleras: läs om databaserna".into());
    };
    for (table, rows) in &copied.tables {
        println!("{table}: {rows} rader");
    }
    if ours != theirs {
        for (a, b) in ours.iter().zip(&theirs).filter(|(a, b)| a != b) {
            eprintln!("skiljer sig: {a} / {b}");
        }
        return Err("kopian stämmer inte med källan".into());
    }
    println!(
        "Kopian är kontrollerad: alla {} tabeller är lika (kanonisk dump, SHA-256 per tabell).",
        ours.len()
    );
    source.close().await;
    target.close().await;
    Ok(())
}

/// Why `backup` and `restore` refuse PostgreSQL, and what to use instead.
const POSTGRES_BACKUP: &str = "server backup och restore gäller SQLite. Säkerhetskopiera PostgreSQL \
med pg_dump/pg_restore eller med driftleverantörens säkerhetskopior och point-in-time recovery.";

/// Field errors as readable lines for the terminal.
fn describe(e: app::backend::ServiceError) -> String {
    match e {
        app::backend::ServiceError::Invalid(fields) => fields
            .0
            .iter()
            .map(|e| format!("{}: {}", e.field, app::ui::texts::sv::message(&e.message)))
            .collect::<Vec<_>>()
            .join("\n"),
        app::backend::ServiceError::NotFound => "kontot finns inte".into(),
        other => other.to_string(),
    }
}

async fn serve(config: Config) -> CliResult {
    let _lock = match backup::sqlite_path(&config.database_url()) {
        Ok(path) => Some(backup::ServerLock::acquire(&path)?),
        Err(_) => None,
    };
    let svc = services(&config).await?;
    if config.demo {
        let password = config.demo_password()?;
        if seed::seed_demo(&svc.writer, &password, chrono::Utc::now())
            .await
            .map_err(|e| e.to_string())?
        {
            print_demo_accounts(&password, &config);
        }
    }
    let site = config.site()?;
    let hosts = Hosts::for_site(&site, config.public_url.is_some(), config.listen);
    let web = Web {
        hosts,
        trusted_proxies: config.trusted_proxies.clone(),
        ..Web::for_services(&svc, Vec::new())
    };
    web.pages.set_enabled(config.page_cache);
    if config.public_url.is_none() {
        println!(
            "REDO_PUBLIC_URL är inte satt: Redo antar att den nås på {} (vanlig HTTP).",
            site.origin
        );
    }
    if matches!(web.hosts, Hosts::Any) {
        println!("Alla Host-namn besvaras; sätt REDO_PUBLIC_URL för att bara svara på ett.");
    }
    let state = AppState {
        leptos_options: leptos_options(&config),
        services: svc.clone(),
        web: std::sync::Arc::new(web),
    };
    spawn_purge(svc.clone());
    spawn_event_poll(svc);
    serve::raise_open_file_limit();
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", config.listen))?;
    tracing::info!("Redo listens on http://{}", config.listen);
    println!("Redo körs på http://{} ({})", config.listen, site.origin);
    let (streams, _) = tokio::sync::watch::channel(false);
    serve::serve(
        listener,
        build_router(state),
        serve::shutdown_signal(),
        streams,
    )
    .await
    .map_err(|e| e.to_string())
}

/// How often the server looks for events committed by another process.
const EVENT_POLL: std::time::Duration = std::time::Duration::from_secs(1);

/// Publishes, within a second, the events another process committed (the command line's
/// `server user add`, a second server on the same file), so caches hear of every change.
fn spawn_event_poll(svc: Services) {
    let bus = svc.bus.clone();
    tokio::spawn(async move { bus.follow_announcements().await });
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(EVENT_POLL);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            if let Err(e) = svc.bus.poll().await {
                tracing::warn!(error = %e, "could not read new events");
            }
        }
    });
}

/// Leptos' options from our configuration; the output name is fixed at compile time.
pub fn leptos_options(config: &Config) -> leptos::config::LeptosOptions {
    leptos::config::LeptosOptions::builder()
        .output_name(env!("LEPTOS_OUTPUT_NAME"))
        .site_root(config.site_root.as_str())
        .site_pkg_dir("pkg")
        .env(leptos::config::Env::PROD)
        .site_addr(config.listen)
        .build()
}

fn print_demo_accounts(password: &str, config: &Config) {
    println!(
        "Demodata har lagts in. Demokonton (lösenord: {}):",
        if config.demo_password.is_some() {
            "enligt REDO_DEMO_PASSWORD"
        } else {
            password
        }
    );
    for (username, name, role, _) in seed::DEMO_USERS {
        println!("  {username:<15} {} – {name}", role.label());
    }
}

/// Removes expired sessions and old idempotency keys every ten minutes.
fn spawn_purge(svc: Services) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(600));
        loop {
            tick.tick().await;
            if let Err(e) = svc.auth.purge_expired().await {
                tracing::warn!(error = %e, "could not purge expired sessions");
            }
            if let Err(e) = svc.idempotency.purge().await {
                tracing::warn!(error = %e, "could not purge old idempotency keys");
            }
        }
    });
}

async fn bench_hello(addr: SocketAddr) -> CliResult {
    let app = axum::Router::new().route("/", axum::routing::get(|| async { "Hello, world!" }));
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| e.to_string())?;
    axum::serve(listener, app).await.map_err(|e| e.to_string())
}
