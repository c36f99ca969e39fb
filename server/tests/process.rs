//! The real `server` binary as a process: SIGTERM draining, backup and restore while writes go
//! on, the CLI ending sessions of a running server, and file permissions of the data directory.
#![expect(
    clippy::unwrap_used,
    reason = "a failed unwrap in a test is a failed test"
)]

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const PASSWORD: &str = "test-password-123";

struct Server {
    child: Child,
    addr: String,
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn command(data: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_server"));
    c.env("REDO_DATA_DIR", data)
        .env("REDO_DEMO_PASSWORD", PASSWORD)
        .env("REDO_LOG", "warn")
        .env("MIMALLOC_PURGE_DELAY", "0")
        .env("MIMALLOC_ARENA_EAGER_COMMIT", "0")
        .env_remove("REDO_PUBLIC_URL")
        .env_remove("REDO_DATABASE_URL");
    c
}

impl Server {
    async fn start(data: &Path) -> Self {
        Self::start_with(data, |_| {}).await
    }

    /// Starts the server with the demo region; `configure` may add settings.
    async fn start_with(data: &Path, configure: impl FnOnce(&mut Command)) -> Self {
        let addr = format!("127.0.0.1:{}", free_port());
        let mut c = command(data);
        c.env("REDO_LISTEN", &addr)
            .env("REDO_DEMO", "1")
            .stdout(Stdio::null());
        configure(&mut c);
        let child = c.spawn().unwrap();
        let server = Self { child, addr };
        let deadline = Instant::now() + Duration::from_secs(60);
        let mut server = server;
        while Instant::now() < deadline {
            if let Some(status) = server.child.try_wait().unwrap() {
                panic!("the server exited at start: {status:?}");
            }
            if let Ok(r) = server.request("GET", "/healthz", "", None).await
                && r.status == 200
            {
                return server;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("the server did not start");
    }

    async fn request(
        &self,
        method: &str,
        path: &str,
        body: &str,
        cookie: Option<&str>,
    ) -> std::io::Result<Reply> {
        let mut s = TcpStream::connect(&self.addr).await?;
        let cookie = cookie
            .map(|c| format!("Cookie: {c}\r\n"))
            .unwrap_or_default();
        let req = format!(
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nAccept: application/json\r\n{cookie}\
             Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\
             Connection: close\r\n\r\n{body}",
            self.addr,
            body.len()
        );
        s.write_all(req.as_bytes()).await?;
        Ok(read_reply(&mut s).await)
    }

    async fn login(&self, username: &str, password: &str) -> Option<String> {
        let body = format!("username={username}&password={password}");
        let r = self
            .request("POST", "/api/auth/login", &body, None)
            .await
            .ok()?;
        r.head
            .lines()
            .find_map(|l| l.strip_prefix("set-cookie: redo_session="))
            .map(|v| format!("redo_session={}", v.split(';').next().unwrap_or_default()))
    }

    fn signal(&self, signal: &str) {
        let ok = Command::new("kill")
            .args([format!("-{signal}"), self.child.id().to_string()])
            .status()
            .unwrap()
            .success();
        assert!(ok, "kill -{signal}");
    }

    fn wait(mut self) -> std::process::ExitStatus {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(Instant::now() < deadline, "the server did not exit");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Reply {
    status: u16,
    head: String,
    body: String,
}

async fn read_reply(s: &mut TcpStream) -> Reply {
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw).await;
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    Reply {
        status,
        head: head.to_ascii_lowercase(),
        body: body.to_string(),
    }
}

fn exercise_form(name: &str) -> String {
    format!(
        "input[name]={name}&input[format]=seminar&input[lead]=6&input[starts_at]=2027-03-09T09:00\
         &input[ends_at]=2027-03-09T12:00&input[objectives][0][text]=M%C3%A5l&input[objectives][0][capability]=CA12"
    )
}

fn run(data: &Path, args: &[&str], stdin: &str) -> std::process::Output {
    use std::io::Write;
    let mut child = command(data)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

#[cfg(unix)]
fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

#[tokio::test]
async fn sigterm_lets_a_request_in_flight_finish_and_exits_zero() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(&dir.path().join("data")).await;
    // Half a request: the headers and part of the body are sent when the signal comes.
    let body = "username=admin&password=fel-losenord";
    let mut s = TcpStream::connect(&server.addr).await.unwrap();
    let head = format!(
        "POST /api/auth/login HTTP/1.1\r\nHost: {}\r\nAccept: application/json\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n",
        server.addr,
        body.len()
    );
    s.write_all(head.as_bytes()).await.unwrap();
    s.write_all(&body.as_bytes()[..10]).await.unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    server.signal("TERM");
    tokio::time::sleep(Duration::from_millis(300)).await;
    s.write_all(&body.as_bytes()[10..]).await.unwrap();
    let reply = read_reply(&mut s).await;
    assert_eq!(reply.status, 422, "the request in flight was answered");
    let status = server.wait();
    assert!(status.success(), "{status:?}");
}

#[cfg(unix)]
#[tokio::test]
async fn the_data_directory_and_its_files_are_private() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let server = Server::start(&data).await;
    assert_eq!(mode(&data), 0o700);
    for file in ["redo.db", "session-secret"] {
        assert_eq!(mode(&data.join(file)), 0o600, "{file}");
    }
    let backup = dir.path().join("kopia.db");
    let out = run(&data, &["backup", "--to", backup.to_str().unwrap()], "");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(mode(&backup), 0o600);
    drop(server);
}

#[tokio::test]
async fn a_password_changed_with_the_cli_ends_the_running_servers_sessions_within_seconds() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let server = Server::start(&data).await;
    let cookie = server
        .login("planerare", PASSWORD)
        .await
        .expect("signed in");
    let whoami = server
        .request("POST", "/api/auth/whoami", "", Some(&cookie))
        .await
        .unwrap();
    assert!(whoami.body.contains("planerare"), "{}", whoami.body);
    let out = run(
        &data,
        &["user", "passwd", "--username", "planerare"],
        "ett helt nytt lösenord\n",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let changed = Instant::now();
    loop {
        let r = server
            .request("POST", "/api/auth/whoami", "", Some(&cookie))
            .await
            .unwrap();
        if r.body.trim() == "null" {
            break;
        }
        assert!(
            changed.elapsed() < Duration::from_secs(5),
            "still signed in: {}",
            r.body
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert!(
        server.login("planerare", PASSWORD).await.is_none(),
        "the old password is gone"
    );
}

#[tokio::test]
async fn an_account_added_with_the_cli_reaches_the_running_servers_account_list() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let server = Server::start(&data).await;
    let cookie = server.login("admin", PASSWORD).await.expect("signed in");
    let list = server
        .request("POST", "/api/users/list", "", Some(&cookie))
        .await
        .unwrap();
    assert!(
        list.status == 200 && !list.body.contains("nykomling"),
        "{}",
        list.body
    );
    // The list is now held in the server's memory; the CLI writes to the file from outside.
    let out = run(
        &data,
        &[
            "user",
            "add",
            "--username",
            "nykomling",
            "--role",
            "observer",
        ],
        "ett långt lösenord för nykomlingen\n",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let added = Instant::now();
    loop {
        let r = server
            .request("POST", "/api/users/list", "", Some(&cookie))
            .await
            .unwrap();
        if r.body.contains("nykomling") {
            break;
        }
        assert!(
            added.elapsed() < Duration::from_secs(10),
            "not seen: {}",
            r.body
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_during_writes_restores_every_write_acknowledged_before_it() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let server = std::sync::Arc::new(Server::start(&data).await);
    let cookie = server
        .login("planerare", PASSWORD)
        .await
        .expect("signed in");
    let acknowledged = std::sync::Arc::new(std::sync::Mutex::new(Vec::<(Instant, i64)>::new()));
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let writer = {
        let (server, cookie, acknowledged, stop) = (
            server.clone(),
            cookie.clone(),
            acknowledged.clone(),
            stop.clone(),
        );
        tokio::spawn(async move {
            let mut n = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                n += 1;
                let body = exercise_form(&format!("Skrivlast {n}"));
                let r = server
                    .request("POST", "/api/exercises/create", &body, Some(&cookie))
                    .await
                    .unwrap();
                assert_eq!(r.status, 201, "{}", r.body);
                let id: i64 = r.body.trim().parse().unwrap();
                acknowledged.lock().unwrap().push((Instant::now(), id));
            }
        })
    };
    tokio::time::sleep(Duration::from_millis(500)).await;
    let backup = dir.path().join("natt.db");
    let began = Instant::now();
    let out = {
        let (data, backup) = (data.clone(), backup.clone());
        tokio::task::spawn_blocking(move || {
            run(&data, &["backup", "--to", backup.to_str().unwrap()], "")
        })
        .await
        .unwrap()
    };
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    tokio::time::sleep(Duration::from_millis(300)).await;
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    writer.await.unwrap();
    let before: Vec<i64> = acknowledged
        .lock()
        .unwrap()
        .iter()
        .filter(|(at, _)| *at < began)
        .map(|(_, id)| *id)
        .collect();
    let after = acknowledged.lock().unwrap().len() - before.len();
    assert!(
        before.len() >= 3 && after >= 1,
        "writes on both sides: {} / {after}",
        before.len()
    );

    // While the server runs, restore is refused.
    let refused = run(&data, &["restore", "--from", backup.to_str().unwrap()], "");
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("server använder databasen"));
    server.signal("TERM");
    let server = std::sync::Arc::into_inner(server).expect("the writer is done");
    assert!(server.wait().success());

    let restored = run(&data, &["restore", "--from", backup.to_str().unwrap()], "");
    assert!(
        restored.status.success(),
        "{}",
        String::from_utf8_lossy(&restored.stderr)
    );
    let check = app::backend::storage::integrity_check(&data.join("redo.db"))
        .await
        .unwrap();
    assert_eq!(check, "ok");
    let server = Server::start(&data).await;
    let cookie = server
        .login("planerare", PASSWORD)
        .await
        .expect("signed in");
    for id in before {
        let r = server
            .request(
                "POST",
                "/api/exercises/get",
                &format!("id={id}"),
                Some(&cookie),
            )
            .await
            .unwrap();
        assert_eq!(
            r.status, 200,
            "exercise {id} acknowledged before the backup is there"
        );
    }
}

#[tokio::test]
async fn a_silent_connection_is_closed_after_the_header_timeout() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(&dir.path().join("data")).await;
    let mut s = TcpStream::connect(&server.addr).await.unwrap();
    s.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
        .await
        .unwrap();
    let started = Instant::now();
    let mut buf = [0u8; 64];
    let closed = tokio::time::timeout(Duration::from_secs(40), s.read(&mut buf))
        .await
        .expect("closed within the timeout");
    assert!(
        matches!(closed, Ok(0) | Err(_)),
        "no answer to half a request"
    );
    let waited = started.elapsed();
    assert!(
        waited >= Duration::from_secs(15) && waited <= Duration::from_secs(30),
        "{waited:?}"
    );
}

#[cfg(target_os = "linux")]
#[tokio::test]
async fn the_open_file_limit_fits_the_connection_cap() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(&dir.path().join("data")).await;
    let limits = std::fs::read_to_string(format!("/proc/{}/limits", server.child.id())).unwrap();
    let line = limits
        .lines()
        .find(|l| l.starts_with("Max open files"))
        .unwrap();
    let fields: Vec<&str> = line.split_whitespace().collect();
    let (soft, hard) = (fields[3], fields[4]);
    let want = 4096 + 256;
    let parse = |v: &str| {
        if v == "unlimited" {
            u64::MAX
        } else {
            v.parse().unwrap()
        }
    };
    assert!(
        parse(soft) >= want.min(parse(hard)),
        "soft {soft}, hard {hard}"
    );
}

#[tokio::test]
async fn json_request_logs_name_route_status_and_id_but_no_secrets() {
    let dir = tempfile::tempdir().unwrap();
    let mut server = Server::start_with(&dir.path().join("data"), |c| {
        c.env("REDO_LOG", "warn,redo::http=info")
            .env("REDO_LOG_FORMAT", "json")
            .stdout(Stdio::piped());
    })
    .await;
    let stdout = server.child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || std::io::read_to_string(stdout).unwrap());
    let cookie = server.login("planerare", PASSWORD).await.unwrap();
    let page = server
        .request("GET", "/ovningar/3?q=hemlig", "", Some(&cookie))
        .await
        .unwrap();
    assert_eq!(page.status, 200);
    let id = page
        .head
        .lines()
        .find_map(|l| l.strip_prefix("x-request-id: "))
        .unwrap()
        .to_string();
    server.signal("TERM");
    assert!(server.wait().success());
    let logs = reader.join().unwrap();
    let line = logs
        .lines()
        .filter(|l| l.starts_with('{'))
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .find(|v| v["request_id"] == id.as_str())
        .unwrap_or_else(|| panic!("no log line for {id} in {logs}"));
    assert_eq!(line["method"], "GET");
    assert_eq!(line["route"], "/ovningar/{id}");
    assert_eq!(line["status"], 200);
    assert!(line["latency_ms"].as_f64().is_some());
    for secret in ["hemlig", "redo_session", PASSWORD] {
        assert!(!logs.contains(secret), "{secret} in the log");
    }
}

#[tokio::test]
async fn a_trickled_body_is_cut_off_by_the_request_timeout() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(&dir.path().join("data")).await;
    let mut s = TcpStream::connect(&server.addr).await.unwrap();
    let head = format!(
        "POST /api/auth/login HTTP/1.1\r\nHost: {}\r\nAccept: text/html\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nusername=",
        server.addr
    );
    s.write_all(head.as_bytes()).await.unwrap();
    let started = Instant::now();
    let reply = tokio::time::timeout(Duration::from_secs(45), read_reply(&mut s))
        .await
        .expect("answered within the timeout");
    assert_eq!(reply.status, 503);
    assert!(
        started.elapsed() >= Duration::from_secs(25),
        "{:?}",
        started.elapsed()
    );
}

#[path = "common/mod.rs"]
mod common;

/// A page with its per-response script nonce blanked out, to compare two renderings.
fn without_nonce(page: &str) -> String {
    let nonce = page
        .split_once("nonce=\"")
        .and_then(|(_, rest)| rest.split_once('"'))
        .map(|(n, _)| n.to_string());
    match nonce {
        Some(n) if !n.is_empty() => page.replace(&n, "NONCE"),
        _ => page.to_string(),
    }
}

/// The JSON answer of a read endpoint, which must succeed.
async fn read(server: &Server, path: &str, cookie: &str) -> String {
    let body = if path == "/api/exercises/list" {
        "query[q]="
    } else {
        ""
    };
    let r = server
        .request("POST", path, body, Some(cookie))
        .await
        .unwrap();
    assert_eq!(r.status, 200, "{path}: {}", r.body);
    r.body
}

/// Two servers on one PostgreSQL database (with `REDO_TEST_POSTGRES`; `make test-pg`): what is
/// written through one shows in the other, which learns of it from the events table
/// (`NOTIFY redo_events`, and the poll behind it), not by reading past its caches.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_on_one_postgres_see_each_others_changes() {
    if !common::on_postgres() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let url = common::fresh_url(dir.path()).await;
    let secret = "a-session-secret-both-instances-share";
    let configure = |c: &mut Command| {
        c.env("REDO_DATABASE_URL", &url)
            .env("REDO_SESSION_SECRET", secret);
    };
    let a = Server::start_with(&dir.path().join("a"), configure).await;
    let b = Server::start_with(&dir.path().join("b"), configure).await;
    // A session made on one instance holds on the other.
    let planner = a.login("planerare", PASSWORD).await.expect("signed in");
    let admin = b.login("admin", PASSWORD).await.expect("signed in");

    // Both instances now hold the exercise list, the plan and the catalogues in memory.
    for s in [&a, &b] {
        assert!(
            !read(s, "/api/exercises/list", &planner)
                .await
                .contains("Tvåinstansövningen")
        );
        assert!(
            !read(s, "/api/plan/timeline", &planner)
                .await
                .contains("Tvåinstansövningen")
        );
    }
    let form = "input[name]=Tv%C3%A5instans%C3%B6vningen&input[format]=seminar&input[lead]=6\
        &input[starts_at]=2026-12-15T09:00&input[ends_at]=2026-12-15T12:00";
    let created = a
        .request("POST", "/api/exercises/create", form, Some(&planner))
        .await
        .unwrap();
    assert!(
        created.status == 201 || created.status == 200,
        "{}",
        created.body
    );

    // A catalogue change through the other instance: Regionkontoret (id 6, RK, stöd) renamed.
    let forvaltningar = read(&b, "/api/catalogue/forvaltningar", &admin).await;
    assert!(
        forvaltningar.contains(r#""id":6,"code":"RK""#),
        "{forvaltningar}"
    );
    let rename =
        "id=6&input[code]=RK&input[name]=Regionkontoret+Tv%C3%A5&input[kind]=stod&input[active]=on";
    let saved = b
        .request(
            "POST",
            "/api/catalogue/forvaltningar/save",
            rename,
            Some(&admin),
        )
        .await
        .unwrap();
    assert_eq!(saved.status, 200, "{}", saved.body);

    let written = Instant::now();
    loop {
        let on_b_list = read(&b, "/api/exercises/list", &planner).await;
        let on_b_plan = read(&b, "/api/plan/timeline", &planner).await;
        let on_a_form = read(&a, "/api/exercises/form-options", &planner).await;
        if on_b_list.contains("Tvåinstansövningen")
            && on_b_plan.contains("Tvåinstansövningen")
            && on_a_form.contains("Regionkontoret Två")
        {
            break;
        }
        assert!(
            written.elapsed() < Duration::from_secs(10),
            "not seen on the other instance: list {} plan {} form {}",
            on_b_list.contains("Tvåinstansövningen"),
            on_b_plan.contains("Tvåinstansövningen"),
            on_a_form.contains("Regionkontoret Två"),
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    // The live log: a viewer on B receives an entry written through A, and entries written
    // through both at once get gap-free numbers.
    let lead = a.login("ovningsledare", PASSWORD).await.expect("signed in");
    let evaluator = b.login("utvarderare", PASSWORD).await.expect("signed in");
    let observer = b.login("observator", PASSWORD).await.expect("signed in");
    let mut stream = TcpStream::connect(&b.addr).await.unwrap();
    let get = format!(
        "GET /api/live/16/handelser HTTP/1.1\r\nHost: {}\r\nAccept: text/event-stream\r\nCookie: {observer}\r\n\r\n",
        b.addr
    );
    stream.write_all(get.as_bytes()).await.unwrap();
    let mut seen = String::new();
    let mut buf = [0u8; 8192];
    let n = stream.read(&mut buf).await.unwrap();
    seen.push_str(&String::from_utf8_lossy(&buf[..n]));
    assert!(seen.starts_with("HTTP/1.1 200"), "{seen}");
    let posted = a
        .request(
            "POST",
            "/api/live/log",
            "id=16&input[kind]=observation&input[text]=Tv%C3%A5instanspost",
            Some(&lead),
        )
        .await
        .unwrap();
    assert_eq!(posted.status, 201, "{}", posted.body);
    let deadline = Instant::now() + Duration::from_secs(10);
    while !seen.contains("Tvåinstanspost") {
        let left = deadline.saturating_duration_since(Instant::now());
        let n = tokio::time::timeout(left, stream.read(&mut buf))
            .await
            .expect("the entry written on A reached the viewer on B within 10 s")
            .unwrap();
        seen.push_str(&String::from_utf8_lossy(&buf[..n]));
    }
    let bodies: Vec<String> = (0..16)
        .map(|i| format!("id=16&input[kind]=observation&input[text]=Samtidig+{i}"))
        .collect();
    let writes = bodies.iter().enumerate().map(|(i, body)| {
        let (server, cookie) = if i % 2 == 0 {
            (&a, &lead)
        } else {
            (&b, &evaluator)
        };
        server.request("POST", "/api/live/log", body, Some(cookie))
    });
    let writes = futures_util::future::join_all(writes).await;
    let mut numbers = Vec::new();
    for r in writes {
        let r = r.unwrap();
        assert_eq!(r.status, 201, "{}", r.body);
        let v: serde_json::Value = serde_json::from_str(&r.body).unwrap();
        numbers.push(v["seq"].as_i64().unwrap());
    }
    numbers.sort_unstable();
    assert_eq!(
        numbers,
        (2..18).collect::<Vec<i64>>(),
        "gap-free across instances"
    );
}

/// `server copy` from a region's SQLite file to PostgreSQL (with `REDO_TEST_POSTGRES`): the copy
/// verifies itself, a server on PostgreSQL shows the same exercises and plan as the one on SQLite
/// did, and new exercises can be created there.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn server_copy_moves_a_region_from_sqlite_to_postgres() {
    if !common::on_postgres() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let (list, plan, page) = {
        let sqlite = Server::start(&data).await;
        let cookie = sqlite
            .login("planerare", PASSWORD)
            .await
            .expect("signed in");
        let page = sqlite
            .request("GET", "/ovningar/3", "", Some(&cookie))
            .await
            .unwrap();
        (
            read(&sqlite, "/api/exercises/list", &cookie).await,
            read(&sqlite, "/api/plan/timeline", &cookie).await,
            page.body,
        )
    };
    let url = common::fresh_url(dir.path()).await;
    let from = format!("sqlite:{}", data.join("redo.db").display());
    let out = run(&data, &["copy", "--from", &from, "--to", &url], "");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && stdout.contains("kontrollerad"),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pg = Server::start_with(&dir.path().join("pg-data"), |c| {
        c.env("REDO_DATABASE_URL", &url).env(
            "REDO_SESSION_SECRET",
            "a-session-secret-for-the-copied-region",
        );
    })
    .await;
    let cookie = pg.login("planerare", PASSWORD).await.expect("signed in");
    assert_eq!(read(&pg, "/api/exercises/list", &cookie).await, list);
    assert_eq!(read(&pg, "/api/plan/timeline", &cookie).await, plan);
    let copied_page = pg
        .request("GET", "/ovningar/3", "", Some(&cookie))
        .await
        .unwrap();
    assert_eq!(copied_page.status, 200);
    assert_eq!(
        without_nonce(&copied_page.body),
        without_nonce(&page),
        "the exercise page is the same"
    );
    let created = pg
        .request(
            "POST",
            "/api/exercises/create",
            &exercise_form("Efter flytten"),
            Some(&cookie),
        )
        .await
        .unwrap();
    assert!(
        created.status == 201 || created.status == 200,
        "{}",
        created.body
    );
    assert!(
        read(&pg, "/api/exercises/list", &cookie)
            .await
            .contains("Efter flytten")
    );
}
