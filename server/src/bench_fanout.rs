//! `server bench-fanout` (hidden, for `make bench`): how fast the live log reaches its viewers.
//!
//! Against a running server with the demo region: signs in the exercise lead (who writes) and
//! the observer (whose session the viewers share), starts play of the demo's live exercise if
//! it is not running, opens `viewers` event streams, and writes entries at `rate` per second.
//! Every entry's text carries its number; the time from just before its POST is sent to its
//! arrival at each viewer is measured on this process's monotonic clock. Then: lost = expected −
//! received, duplicates counted, the server's resident memory with every viewer connected, and
//! the rate entries can be written at (four writers, as fast as they go).
//!
//! HTTP/1.1 is spoken by hand over plain TCP (keep-alive, chunked or sized bodies), so the
//! client costs little and measures the server, not a client library.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

pub struct Options {
    pub addr: std::net::SocketAddr,
    pub password: String,
    pub exercise: i64,
    pub viewers: usize,
    pub rate: u32,
    pub seconds: u32,
    pub pid: Option<u32>,
}

/// One HTTP/1.1 connection, kept alive between requests.
struct Conn {
    stream: TcpStream,
    buf: Vec<u8>,
    host: String,
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

impl Conn {
    async fn open(addr: std::net::SocketAddr) -> Result<Self, String> {
        let stream = TcpStream::connect(addr).await.map_err(|e| e.to_string())?;
        let _ = stream.set_nodelay(true);
        Ok(Self {
            stream,
            buf: Vec::new(),
            host: addr.to_string(),
        })
    }

    async fn fill(&mut self) -> Result<(), String> {
        let mut chunk = [0u8; 16 * 1024];
        let n = self
            .stream
            .read(&mut chunk)
            .await
            .map_err(|e| e.to_string())?;
        if n == 0 {
            return Err("connection closed".into());
        }
        self.buf.extend_from_slice(&chunk[..n]);
        Ok(())
    }

    /// Reads a response's head: status and headers (lower-cased names).
    async fn head(&mut self) -> Result<(u16, HashMap<String, String>), String> {
        loop {
            if let Some(end) = find(&self.buf, b"\r\n\r\n") {
                let text = String::from_utf8_lossy(&self.buf[..end]).into_owned();
                self.buf.drain(..end + 4);
                let mut lines = text.split("\r\n");
                let status = lines
                    .next()
                    .and_then(|l| l.split(' ').nth(1))
                    .and_then(|s| s.parse().ok())
                    .ok_or("bad status line")?;
                // Repeated headers (Set-Cookie) are kept, one per line.
                let mut headers: HashMap<String, String> = HashMap::new();
                for (k, v) in lines.filter_map(|l| l.split_once(':')) {
                    let entry = headers.entry(k.trim().to_lowercase()).or_default();
                    if !entry.is_empty() {
                        entry.push('\n');
                    }
                    entry.push_str(v.trim());
                }
                return Ok((status, headers));
            }
            self.fill().await?;
        }
    }

    /// The next piece of a chunked body (empty at its end).
    async fn chunk(&mut self) -> Result<Vec<u8>, String> {
        loop {
            if let Some(end) = find(&self.buf, b"\r\n") {
                let size_text = String::from_utf8_lossy(&self.buf[..end]).into_owned();
                let size =
                    usize::from_str_radix(size_text.split(';').next().unwrap_or("").trim(), 16)
                        .map_err(|_| format!("bad chunk size {size_text:?}"))?;
                while self.buf.len() < end + 2 + size + 2 {
                    self.fill().await?;
                }
                let data = self.buf[end + 2..end + 2 + size].to_vec();
                self.buf.drain(..end + 2 + size + 2);
                return Ok(data);
            }
            self.fill().await?;
        }
    }

    async fn body(&mut self, headers: &HashMap<String, String>) -> Result<Vec<u8>, String> {
        if let Some(len) = headers
            .get("content-length")
            .and_then(|l| l.parse::<usize>().ok())
        {
            while self.buf.len() < len {
                self.fill().await?;
            }
            return Ok(self.buf.drain(..len).collect());
        }
        if headers
            .get("transfer-encoding")
            .is_some_and(|t| t.contains("chunked"))
        {
            let mut body = Vec::new();
            loop {
                let c = self.chunk().await?;
                if c.is_empty() {
                    return Ok(body);
                }
                body.extend_from_slice(&c);
            }
        }
        Ok(Vec::new())
    }

    /// A form POST; the status, headers and body of the answer.
    async fn post(
        &mut self,
        path: &str,
        form: &str,
        cookie: Option<&str>,
    ) -> Result<(u16, HashMap<String, String>, String), String> {
        let cookie = cookie
            .map(|c| format!("Cookie: {c}\r\n"))
            .unwrap_or_default();
        let req = format!(
            "POST {path} HTTP/1.1\r\nHost: {}\r\nAccept: application/json\r\n\
             Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n{cookie}\r\n{form}",
            self.host,
            form.len()
        );
        self.stream
            .write_all(req.as_bytes())
            .await
            .map_err(|e| e.to_string())?;
        let (status, headers) = self.head().await?;
        let body = self.body(&headers).await?;
        Ok((status, headers, String::from_utf8_lossy(&body).into_owned()))
    }
}

async fn login(addr: std::net::SocketAddr, user: &str, password: &str) -> Result<String, String> {
    let mut c = Conn::open(addr).await?;
    let (status, headers, body) = c
        .post(
            "/api/auth/login",
            &format!("username={user}&password={}", urlencoding::encode(password)),
            None,
        )
        .await?;
    if status != 200 {
        return Err(format!("login {user}: {status} {body}"));
    }
    headers
        .get("set-cookie")
        .and_then(|v| {
            v.lines()
                .map(|c| c.split(';').next().unwrap_or(""))
                .find(|c| c.contains("redo_session="))
        })
        .map(str::to_string)
        .ok_or_else(|| format!("login {user}: no session cookie"))
}

/// What each viewer received: entry number → arrival times.
type Arrivals = Arc<Mutex<Vec<(usize, Instant)>>>;

/// Opens one event stream and records the bench entries it receives until `stop`.
async fn viewer(
    addr: std::net::SocketAddr,
    path: String,
    cookie: String,
    arrivals: Arrivals,
    connected: Arc<tokio::sync::Semaphore>,
) -> Result<(), String> {
    let mut c = Conn::open(addr).await?;
    let req = format!(
        "GET {path} HTTP/1.1\r\nHost: {}\r\nAccept: text/event-stream\r\nCookie: {cookie}\r\n\r\n",
        c.host
    );
    c.stream
        .write_all(req.as_bytes())
        .await
        .map_err(|e| e.to_string())?;
    let (status, headers) = c.head().await?;
    if status != 200 {
        return Err(format!("stream: {status}"));
    }
    connected.add_permits(1);
    let chunked = headers
        .get("transfer-encoding")
        .is_some_and(|t| t.contains("chunked"));
    let mut text = String::new();
    loop {
        let data = if chunked {
            c.chunk().await?
        } else {
            c.fill().await?;
            std::mem::take(&mut c.buf)
        };
        if data.is_empty() {
            return Ok(());
        }
        let now = Instant::now();
        text.push_str(&String::from_utf8_lossy(&data));
        while let Some(end) = text.find("\n\n") {
            let frame: String = text.drain(..end + 2).collect();
            let Some(json) = frame.lines().find_map(|l| l.strip_prefix("data: ")) else {
                continue;
            };
            let number = serde_json::from_str::<serde_json::Value>(json)
                .ok()
                .and_then(|v| v.get("text").and_then(|t| t.as_str()).map(str::to_string))
                .and_then(|t| {
                    t.strip_prefix("bench ")
                        .and_then(|n| n.parse::<usize>().ok())
                });
            if let Some(n) = number {
                arrivals
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .push((n, now));
            }
        }
    }
}

fn rss_mb(pid: u32) -> Option<f64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let kb: f64 = status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()?;
    Some(kb / 1024.0)
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

/// The result of one fan-out run.
struct Run {
    p50: f64,
    p99: f64,
    lost: usize,
    duplicates: usize,
    rss_mb: Option<f64>,
}

async fn last_seq(addr: std::net::SocketAddr, exercise: i64, cookie: &str) -> Result<i64, String> {
    let mut c = Conn::open(addr).await?;
    let (status, _, body) = c
        .post("/api/live/get", &format!("id={exercise}"), Some(cookie))
        .await?;
    if status != 200 {
        return Err(format!("live view: {status} {body}"));
    }
    serde_json::from_str::<serde_json::Value>(&body)
        .ok()
        .and_then(|v| v.get("last_seq").and_then(serde_json::Value::as_i64))
        .ok_or_else(|| "no last_seq".into())
}

async fn fan_out(
    o: &Options,
    viewers: usize,
    first: usize,
    writer: &str,
    watcher: &str,
) -> Result<Run, String> {
    let after = last_seq(o.addr, o.exercise, writer).await?;
    let path = format!("/api/live/{}/handelser?efter={after}", o.exercise);
    let connected = Arc::new(tokio::sync::Semaphore::new(0));
    let mut all = Vec::new();
    let mut tasks = Vec::new();
    for _ in 0..viewers {
        let arrivals: Arrivals = Arc::default();
        all.push(arrivals.clone());
        tasks.push(tokio::spawn(viewer(
            o.addr,
            path.clone(),
            watcher.to_string(),
            arrivals,
            connected.clone(),
        )));
    }
    let wait = tokio::time::timeout(
        Duration::from_secs(60),
        connected.acquire_many(viewers as u32),
    )
    .await
    .map_err(|_| "the viewers did not all connect within 60 s".to_string())?
    .map_err(|e| e.to_string())?;
    wait.forget();
    let rss = o.pid.and_then(rss_mb);
    let total = (o.rate * o.seconds) as usize;
    let mut sent = vec![None; total];
    let mut c = Conn::open(o.addr).await?;
    let period = Duration::from_secs_f64(1.0 / f64::from(o.rate));
    let start = Instant::now();
    for (k, slot) in sent.iter_mut().enumerate() {
        let due = start + period * k as u32;
        tokio::time::sleep_until(due.into()).await;
        let n = first + k;
        *slot = Some(Instant::now());
        let (status, _, body) = c
            .post(
                "/api/live/log",
                &format!(
                    "id={}&input[kind]=observation&input[text]=bench+{n}&idempotency_key=bench-{n}",
                    o.exercise
                ),
                Some(writer),
            )
            .await?;
        if status != 201 {
            return Err(format!("write {n}: {status} {body}"));
        }
    }
    // Whatever is still on its way.
    let expected = viewers * total;
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let got: usize = all
            .iter()
            .map(|a| a.lock().unwrap_or_else(|p| p.into_inner()).len())
            .sum();
        if got >= expected || Instant::now() > deadline {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    for t in &tasks {
        t.abort();
    }
    let (mut latencies, mut lost, mut duplicates) = (Vec::new(), 0, 0);
    for arrivals in &all {
        let arrivals = arrivals.lock().unwrap_or_else(|p| p.into_inner());
        let mut seen = vec![0usize; total];
        for (n, at) in arrivals.iter() {
            let Some(k) = n.checked_sub(first).filter(|k| *k < total) else {
                continue;
            };
            seen[k] += 1;
            if seen[k] == 1
                && let Some(s) = sent[k]
            {
                latencies.push(at.saturating_duration_since(s).as_secs_f64() * 1000.0);
            }
        }
        lost += seen.iter().filter(|c| **c == 0).count();
        duplicates += seen.iter().map(|c| c.saturating_sub(1)).sum::<usize>();
    }
    latencies.sort_by(f64::total_cmp);
    Ok(Run {
        p50: percentile(&latencies, 0.5),
        p99: percentile(&latencies, 0.99),
        lost,
        duplicates,
        rss_mb: rss,
    })
}

/// Entries written per second by four writers as fast as they go, for `seconds`.
async fn write_rate(o: &Options, writer: &str, first: usize, seconds: f64) -> Result<f64, String> {
    let start = Instant::now();
    let mut tasks = Vec::new();
    for w in 0..4usize {
        let (addr, exercise, writer) = (o.addr, o.exercise, writer.to_string());
        tasks.push(tokio::spawn(async move {
            let mut c = Conn::open(addr).await?;
            let mut n = 0usize;
            while start.elapsed().as_secs_f64() < seconds {
                let k = first + w * 1_000_000 + n;
                let (status, _, body) = c
                    .post(
                        "/api/live/log",
                        &format!(
                            "id={exercise}&input[kind]=observation&input[text]=fart+{k}&idempotency_key=fart-{k}"
                        ),
                        Some(&writer),
                    )
                    .await?;
                if status != 201 {
                    return Err(format!("write: {status} {body}"));
                }
                n += 1;
            }
            Ok::<usize, String>(n)
        }));
    }
    let mut total = 0;
    for t in tasks {
        total += t.await.map_err(|e| e.to_string())??;
    }
    Ok(total as f64 / start.elapsed().as_secs_f64())
}

pub async fn run(o: Options) -> Result<(), String> {
    crate::serve::raise_open_file_limit();
    let writer = login(o.addr, "ovningsledare", &o.password).await?;
    let watcher = login(o.addr, "observator", &o.password).await?;
    // Play must be running for the bench's entries to be play's.
    let mut c = Conn::open(o.addr).await?;
    let (_, _, body) = c
        .post(
            "/api/exercises/get",
            &format!("id={}", o.exercise),
            Some(&writer),
        )
        .await?;
    let view: serde_json::Value = serde_json::from_str(&body).map_err(|e| e.to_string())?;
    let exercise = &view["exercise"];
    if exercise["status"] == "Ready" {
        let (status, _, body) = c
            .post(
                "/api/exercises/transition",
                &format!("id={}&version={}&to=pagar", o.exercise, exercise["version"]),
                Some(&writer),
            )
            .await?;
        if status >= 400 {
            return Err(format!("start: {status} {body}"));
        }
    }
    let total = (o.rate * o.seconds) as usize;
    let small = fan_out(&o, o.viewers.min(100), 0, &writer, &watcher).await?;
    let large = fan_out(&o, o.viewers, total, &writer, &watcher).await?;
    let rate = write_rate(&o, &writer, 10 * total, 3.0).await?;
    println!("fanout_p50_ms_100: {:.2}", small.p50);
    println!("fanout_p99_ms_100: {:.2}", small.p99);
    println!("fanout_p50_ms_{}: {:.2}", o.viewers, large.p50);
    println!("fanout_p99_ms_{}: {:.2}", o.viewers, large.p99);
    println!("fanout_lost: {}", small.lost + large.lost);
    println!("fanout_duplicates: {}", small.duplicates + large.duplicates);
    println!("log_writes_per_s: {rate:.0}");
    if let Some(rss) = large.rss_mb {
        println!("fanout_rss_mb_{}: {rss:.1}", o.viewers);
    }
    Ok(())
}
