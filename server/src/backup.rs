//! `server backup` and `server restore`, and the lock that tells restore a server is running.
//!
//! A backup is a consistent snapshot taken while the server runs and writes go on (SQLite's
//! `VACUUM INTO`), written next to its target and renamed into place, so a half-written file never
//! carries the backup's name. A restore checks the snapshot (`PRAGMA integrity_check`), keeps the
//! current database beside it as `<db>.fore-aterstallning-<time>`, and puts the snapshot in
//! place; it is refused while a server holds the database's lock.

use app::backend::storage::{self, Db};
use std::fs::File;
use std::path::{Path, PathBuf};

/// The SQLite file a `sqlite:` URL names.
pub fn sqlite_path(url: &str) -> Result<PathBuf, String> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .ok_or_else(|| format!("not a SQLite URL: {url}"))?;
    let path = rest.split('?').next().unwrap_or(rest);
    if path.is_empty() || path == ":memory:" {
        return Err("an in-memory database has nothing to back up".into());
    }
    Ok(PathBuf::from(path))
}

fn lock_path(db: &Path) -> PathBuf {
    let mut p = db.as_os_str().to_owned();
    p.push(".lock");
    PathBuf::from(p)
}

/// Held by a running server for as long as it runs (an advisory lock on `<db>.lock`).
pub struct ServerLock(#[allow(dead_code, reason = "held for its lock")] File);

impl ServerLock {
    pub fn acquire(db: &Path) -> Result<Self, String> {
        if let Some(dir) = db.parent().filter(|d| !d.as_os_str().is_empty()) {
            storage::create_private_dir(dir)
                .map_err(|e| format!("kan inte skapa {}: {e}", dir.display()))?;
        }
        let path = lock_path(db);
        let file = open_lock(&path)?;
        match file.try_lock() {
            Ok(()) => Ok(Self(file)),
            Err(_) => Err(format!(
                "en annan server använder redan databasen {} (låset {} är taget)",
                db.display(),
                path.display()
            )),
        }
    }
}

fn open_lock(path: &Path) -> Result<File, String> {
    let mut o = std::fs::OpenOptions::new();
    o.create(true).truncate(false).write(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut o, 0o600);
    o.open(path)
        .map_err(|e| format!("kan inte öppna {}: {e}", path.display()))
}

/// Writes a snapshot of `db` to `to`.
pub async fn backup(db: &Db, to: &Path) -> Result<(), String> {
    if to.exists() {
        return Err(format!(
            "{} finns redan; välj ett nytt filnamn",
            to.display()
        ));
    }
    let mut partial = to.as_os_str().to_owned();
    partial.push(".partial");
    let partial = PathBuf::from(partial);
    let _ = std::fs::remove_file(&partial);
    db.snapshot_into(&partial)
        .await
        .map_err(|e| format!("säkerhetskopieringen misslyckades: {e}"))?;
    File::open(&partial)
        .and_then(|f| f.sync_all())
        .map_err(|e| format!("kan inte skriva {}: {e}", partial.display()))?;
    std::fs::rename(&partial, to).map_err(|e| format!("kan inte skriva {}: {e}", to.display()))
}

/// Puts the snapshot `from` in place of the database at `db`.
pub async fn restore(db: &Path, from: &Path) -> Result<PathBuf, String> {
    let lock = open_lock(&lock_path(db))?;
    if lock.try_lock().is_err() {
        return Err(format!(
            "en server använder databasen {}: stoppa den först (systemctl stop redo)",
            db.display()
        ));
    }
    let check = storage::integrity_check(from)
        .await
        .map_err(|e| format!("{} är ingen läsbar Redo-databas: {e}", from.display()))?;
    if check != "ok" {
        return Err(format!("{} är skadad: {check}", from.display()));
    }
    let mut staged = db.as_os_str().to_owned();
    staged.push(".aterstalls");
    let staged = PathBuf::from(staged);
    std::fs::copy(from, &staged)
        .and_then(|_| File::open(&staged)?.sync_all())
        .map_err(|e| format!("kan inte kopiera {}: {e}", from.display()))?;
    storage::make_private(&staged).map_err(|e| e.to_string())?;
    let kept = with_suffix(
        db,
        &format!(
            ".fore-aterstallning-{}",
            chrono::Utc::now().format("%Y%m%dT%H%M%S")
        ),
    );
    if kept.exists() {
        return Err(format!(
            "{} finns redan; försök igen om en sekund",
            kept.display()
        ));
    }
    // The log files move with the database they belong to, so the kept copy stays whole; if
    // anything fails on the way, what was moved goes back.
    let mut moved = Vec::new();
    for suffix in ["", "-wal", "-shm"] {
        let (from, to) = (with_suffix(db, suffix), with_suffix(&kept, suffix));
        match std::fs::rename(&from, &to) {
            Ok(()) => moved.push((from, to)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => {
                undo(&moved);
                return Err(format!("kan inte flytta {}: {e}", from.display()));
            }
        }
    }
    if let Err(e) = std::fs::rename(&staged, db) {
        undo(&moved);
        return Err(format!("kan inte skriva {}: {e}", db.display()));
    }
    if let Some(dir) = db.parent().filter(|d| !d.as_os_str().is_empty()) {
        let _ = File::open(dir).and_then(|d| d.sync_all());
    }
    drop(lock);
    Ok(kept)
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut p = path.as_os_str().to_owned();
    p.push(suffix);
    PathBuf::from(p)
}

/// Moves files back where they were (best effort: this runs after another failure).
fn undo(moved: &[(PathBuf, PathBuf)]) {
    for (from, to) in moved.iter().rev() {
        let _ = std::fs::rename(to, from);
    }
}
