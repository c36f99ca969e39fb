#!/usr/bin/env python3
"""Redo benchmarks, printed as `name: value` lines from one run on loopback.

- plan_rps_ratio  requests/s of the SSR exercise list (demo data, signed in) divided by
                  requests/s of a bare axum hello-world served by the same binary in the same run
- plan_p99_ms     99th percentile latency of the exercise list under that load
- write_rps       committed exercise updates per second: 16 concurrent clients, each saving its
                  own exercise at its current version (the full form, as the edit page posts it);
                  every update is checked to have written one audit row and one event
- detail_rps_ratio  requests/s of an exercise's page (/ovningar/3, signed in), which reads the
                  database on every request, divided by the hello-world requests/s
- detail_rps_ratio_pg  the same page with the server on PostgreSQL (`--postgres`, a fresh database
                  on a local cluster), divided by the same hello-world figure. The three are
                  medians of rounds that load the hello-world, the SQLite page and the PostgreSQL
                  page back to back
- detail_pg_of_sqlite  the PostgreSQL page's requests/s divided by the SQLite page's (goal ≥ 0.7)
- write_rps_pg    write_rps with the server on PostgreSQL (the cluster with fsync on, as SQLite's
                  synchronous=FULL: pg_virtualenv turns it off unless told)
- dashboard_rps_ratio  requests/s of the board dashboard (/beredskap, signed in as the board
                  viewer) on a generated region of 50 förvaltningar × 14 capability areas × 20
                  half-years of approved assessments, divided by the hello-world requests/s (medians
                  of rounds, as above; goal ≥ 0.25). Both asked with `Accept-Encoding: gzip,
                  deflate`, as a browser asks; the dashboard comes from the page cache
- dashboard_p99_ms  99th percentile latency of the dashboard under that load (median of the rounds)
- dashboard_p99_ms_with_write  the same over a run in which an assessment is approved halfway: the
                  requests waiting for the one render after the change (model reload, board,
                  charts, page, gzip) show here
- dashboard_rps_ratio_nocache  the same with the page cache switched off (REDO_PAGE_CACHE=0): every
                  request renders the page from the in-memory read model
- dashboard_write_seen  1 when an assessment approved while the dashboard is under load shows in
                  the very next dashboard response (the bench fails otherwise)
- wasm_br_kb      initial wasm + JS of the site, brotli-compressed, in kB
- cold_start_ms   process start to the first 200 from /healthz, on a fresh database
- idle_rss_mb     resident memory of the server once started, signed in and warmed up with one
                  view of each main page, before the load (the RSS after the load goes to stderr)
- login_storm_healthz_p99_ms  p99 of /healthz while 64 clients sign in concurrently with wrong
                  passwords for existing accounts, each from its own source (X-Forwarded-For from
                  a trusted proxy) and below every limit, so every attempt is hashed
- login_storm_hashes  how many of the storm's attempts were checked (answered 422; a refused
                  one is 429); must equal the attempts (printed to stderr)
- login_burst_checked  of 40 parallel wrong passwords for one account from one source, how many
                  were checked; must be 5

Load comes from wrk (Debian package) with the same settings for both targets, so the ratio
compares the servers; everything shares the machine's cores, as it would in a small deployment.
"""

import argparse
import concurrent.futures
from statistics import median
import http.client
import threading
import gzip
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

DEMO_PASSWORD = "bench-demo-password"
ROUNDS = 3


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url, deadline_s=30.0, poll_s=0.002):
    """Polls `url` until it answers 200; returns seconds waited."""
    start = time.perf_counter()
    while time.perf_counter() - start < deadline_s:
        try:
            with urllib.request.urlopen(url, timeout=1) as r:
                if r.status == 200:
                    return time.perf_counter() - start
        except OSError:
            time.sleep(poll_s)
    raise RuntimeError(f"{url} did not answer within {deadline_s} s")


def server_env(data_dir, port, site_root, demo=True):
    env = dict(os.environ)
    env.update(
        REDO_DATA_DIR=data_dir,
        REDO_LISTEN=f"127.0.0.1:{port}",
        LEPTOS_SITE_ROOT=site_root,
        REDO_DEMO="1" if demo else "0",
        REDO_DEMO_PASSWORD=DEMO_PASSWORD,
        REDO_LOG="warn",
        # The storm's clients come through a "proxy" on loopback that names them.
        REDO_TRUSTED_PROXIES="127.0.0.1",
    )
    return env


def start_server(binary, site_root, data_dir, port, args=(), demo=True, database_url=None):
    env = server_env(data_dir, port, site_root, demo)
    if database_url:
        env.update(REDO_DATABASE_URL=database_url, REDO_SESSION_SECRET="bench-session-secret-of-32-characters")
    return subprocess.Popen([binary, *args], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def attempt_login(port, username, password, source):
    """One sign-in from `source` (as forwarded by the trusted proxy); returns the status."""
    body = urllib.parse.urlencode({"username": username, "password": password})
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request(
        "POST",
        "/api/auth/login",
        body,
        {
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": "application/json",
            "X-Forwarded-For": source,
        },
    )
    res = conn.getresponse()
    res.read()
    conn.close()
    return res.status


STORM_CLIENTS = 64
# Per client: its own account, two sources, four attempts from each: below the limits of five
# per source and account, thirty per source and ten per account from untrusted browsers.
STORM_SOURCES, STORM_ATTEMPTS = 2, 4


def add_storm_accounts(binary, env):
    for i in range(STORM_CLIENTS):
        subprocess.run(
            [binary, "user", "add", "--username", f"storm{i:02d}", "--role", "observer"],
            input="storm-account-password\n",
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )


def login_storm(port, seconds):
    """Runs the storm while wrk loads /healthz; returns (healthz p99 ms, checked, attempts)."""
    stop = threading.Event()
    statuses = []
    lock = threading.Lock()

    def client(i):
        for k in range(STORM_SOURCES):
            source = f"10.{50 + k}.{i // 200}.{i % 200 + 1}"
            for _ in range(STORM_ATTEMPTS):
                if stop.is_set():
                    return
                status = attempt_login(port, f"storm{i:02d}", "wrong-password", source)
                with lock:
                    statuses.append(status)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(STORM_CLIENTS)]
    for t in threads:
        t.start()
    time.sleep(0.5)
    _, p99 = load(port, "/healthz", {}, seconds, 4, "ok")
    stop.set()
    for t in threads:
        t.join()
    return p99, statuses.count(422), len(statuses)


def login_burst(port):
    """40 parallel wrong passwords for one account from one source; returns how many were checked."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=40) as pool:
        statuses = list(pool.map(lambda _: attempt_login(port, "admin", "wrong-password", "10.99.0.1"), range(40)))
    return statuses.count(422)


def login(port, username):
    body = urllib.parse.urlencode({"username": username, "password": DEMO_PASSWORD})
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("POST", "/api/auth/login", body, {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"})
    res = conn.getresponse()
    res.read()
    cookie = res.getheader("Set-Cookie")
    if res.status != 200 or not cookie:
        raise RuntimeError(f"login failed: {res.status}")
    return cookie.split(";")[0]


def load(port, path, headers, seconds, connections, expect_text=None):
    """Keep-alive load from wrk; returns (requests per second, p99 latency in ms).

    One request is checked by hand first so a redirect or error page is never measured.
    """
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", path, headers=headers)
    res = conn.getresponse()
    body = res.read()
    if res.getheader("Content-Encoding") == "gzip":
        body = gzip.decompress(body)
    if res.status != 200 or (expect_text and expect_text.encode() not in body):
        raise RuntimeError(f"{path}: status {res.status}, expected text missing")
    cmd = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency"]
    for k, v in headers.items():
        cmd += ["-H", f"{k}: {v}"]
    out = subprocess.run(cmd + [f"http://127.0.0.1:{port}{path}"], check=True, capture_output=True, text=True).stdout
    rps = p99 = None
    for line in out.splitlines():
        parts = line.split()
        if line.startswith("Requests/sec:"):
            rps = float(parts[1])
        elif len(parts) == 2 and parts[0] == "99%":
            p99 = to_ms(parts[1])
        elif "Non-2xx" in line:
            raise RuntimeError(f"{path}: {line.strip()}")
    if rps is None or p99 is None:
        raise RuntimeError(f"could not read wrk output:\n{out}")
    return rps, p99


def exercise_form(name, lead):
    return {
        "input[name]": name,
        "input[format]": "seminar",
        "input[lead]": str(lead),
        "input[starts_at]": "2027-03-09T09:00",
        "input[ends_at]": "2027-03-09T12:00",
        "input[location]": "Regionhuset",
        "input[purpose]": "Bänktest av skrivvägen.",
        "input[objectives][0][text]": "Stabsläget aktiveras inom en timme.",
        "input[objectives][0][capability]": "CA02",
    }


def post_form(conn, path, fields, cookie):
    body = urllib.parse.urlencode(fields)
    conn.request("POST", path, body, {
        "Content-Type": "application/x-www-form-urlencoded",
        "Accept": "application/json",
        "Cookie": cookie,
    })
    res = conn.getresponse()
    return res.status, res.read().decode()


def write_load(port, cookie, count_events, seconds, clients=16):
    """Updates per second of distinct exercises by `clients` concurrent clients; `count_events()`
    gives (audit rows, events) of exercise updates in the server's database."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    ids = []
    for i in range(clients):
        status, body = post_form(conn, "/api/exercises/create", exercise_form(f"Skrivbänk {i}", 1), cookie)
        if status != 201:
            raise RuntimeError(f"create: {status} {body}")
        ids.append(int(body))
    before = count_events()
    stop = time.monotonic() + seconds
    done = [0] * clients
    failures = []

    def client(n):
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        version = 1
        while time.monotonic() < stop:
            fields = exercise_form(f"Skrivbänk {n} v{version}", 1)
            fields.update({"id": str(ids[n]), "version": str(version)})
            status, body = post_form(c, "/api/exercises/update", fields, cookie)
            if status != 200:
                failures.append(f"{status} {body}")
                return
            version += 1
            done[n] += 1

    t0 = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(clients) as pool:
        list(pool.map(client, range(clients)))
    elapsed = time.perf_counter() - t0
    if failures:
        raise RuntimeError(f"update failed: {failures[0]}")
    updates = sum(done)
    after = count_events()
    audited, events = after[0] - before[0], after[1] - before[1]
    if audited != updates or events != updates:
        raise RuntimeError(f"{updates} updates wrote {audited} audit rows and {events} events")
    return updates / elapsed


COUNT_AUDITED = "SELECT COUNT(*) FROM audit_log WHERE entity_type = 'exercise' AND action = 'update'"
COUNT_EVENTS = "SELECT COUNT(*) FROM events WHERE entity_type = 'exercise' AND kind = 'update'"


def sqlite_counter(db_path):
    """(audit rows, events) of exercise updates in the SQLite file."""
    import sqlite3

    def count():
        c = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        try:
            return c.execute(COUNT_AUDITED).fetchone()[0], c.execute(COUNT_EVENTS).fetchone()[0]
        finally:
            c.close()

    return count


def postgres_counter(url):
    """(audit rows, events) of exercise updates in the PostgreSQL database, with psql."""

    def count():
        out = subprocess.run(["psql", url, "-At", "-c", COUNT_AUDITED, "-c", COUNT_EVENTS],
                             check=True, capture_output=True, text=True).stdout.split()
        return int(out[0]), int(out[1])

    return count


def fresh_postgres_database(server_url):
    """A new database on the server of `server_url` (…/postgres); returns its URL."""
    name = f"redo_bench_{os.getpid()}"
    subprocess.run(["psql", server_url, "-q", "-c", f"DROP DATABASE IF EXISTS {name}", "-c", f"CREATE DATABASE {name}"],
                   check=True, capture_output=True)
    return server_url.rsplit("/", 1)[0] + "/" + name


def load_once(port, path, headers):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", path, headers=headers)
    res = conn.getresponse()
    res.read()
    if res.status != 200:
        raise RuntimeError(f"{path}: status {res.status}")


def to_ms(value):
    for unit, factor in (("us", 0.001), ("ms", 1.0), ("s", 1000.0)):
        if value.endswith(unit):
            return float(value[: -len(unit)]) * factor
    raise ValueError(value)


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def brotli_kb(site_root):
    """Initial wasm + JS, brotli-compressed at the highest quality."""
    pkg = os.path.join(site_root, "pkg")
    files = [os.path.join(pkg, f) for f in os.listdir(pkg) if f.endswith((".wasm", ".js"))]
    if not files:
        raise RuntimeError(f"no wasm/js in {pkg}: build first")
    total = 0
    for path in files:
        if shutil.which("brotli"):
            out = subprocess.run(["brotli", "-c", "-q", "11", path], check=True, capture_output=True).stdout
            total += len(out)
        else:
            import brotli  # PyPI `brotli`; used only when the CLI is missing

            with open(path, "rb") as f:
                total += len(brotli.compress(f.read(), quality=11))
    return total / 1000


SCALE_FORVALTNINGAR, SCALE_PERIODS = 50, 20
# The dashboard is measured as a browser asks for it, compressed (Python reads gzip, not brotli);
# the hello-world gets the same header (its 13 bytes are never compressed).
BROWSER = {"Accept-Encoding": "gzip, deflate"}
APPROVED = re.compile(r"(\d+) av (\d+) bedömningar är fastställda")


def approved_count(port, headers):
    """How many cells of the current period the dashboard says are approved, and of how many."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", "/beredskap", headers=headers)
    res = conn.getresponse()
    body = res.read().decode()
    m = APPROVED.search(body)
    if res.status != 200 or not m:
        raise RuntimeError(f"/beredskap: status {res.status}, no approval count")
    return int(m.group(1)), int(m.group(2))


def dashboard(a, tmp):
    """The dashboard figures on a generated large region (see the module documentation)."""
    data = os.path.join(tmp, "scale")
    port = free_port()
    env = server_env(data, port, a.site_root)
    t0 = time.perf_counter()
    subprocess.run([a.server, "seed-demo"], env=env, check=True, capture_output=True)
    seeded = subprocess.run(
        [a.server, "seed-scale", "--forvaltningar", str(SCALE_FORVALTNINGAR), "--periods", str(SCALE_PERIODS)],
        env=env, check=True, capture_output=True, text=True,
    ).stdout.strip()
    print(f"# scale region: {seeded} ({time.perf_counter() - t0:.1f} s)", file=sys.stderr)
    hello_port = free_port()
    hello = start_server(a.server, a.site_root, os.path.join(tmp, "hello2"), hello_port, ["bench-hello"], demo=False)
    servers = [hello]
    try:
        wait_for(f"http://127.0.0.1:{hello_port}/")
        round_s = max(2, a.seconds // 2)

        def measure(server_port, headers):
            rounds = []
            for _ in range(ROUNDS):
                h, _ = load(hello_port, "/", BROWSER, round_s, a.connections, "Hello")
                d, p99 = load(server_port, "/beredskap", headers, round_s, a.connections, "Beredskapsläget")
                rounds.append((h, d, p99))
            return (median(d / h for h, d, _ in rounds), median(d for _, d, _ in rounds),
                    median(h for h, _, _ in rounds), median(p for _, _, p in rounds))

        app = start_server(a.server, a.site_root, data, port, demo=False)
        servers.append(app)
        wait_for(f"http://127.0.0.1:{port}/healthz", deadline_s=60)
        cookie = login(port, "styrelse")
        headers = {"Cookie": cookie, "Accept": "text/html", **BROWSER}
        planner = login(port, "planerare")
        before, cells = approved_count(port, {"Cookie": cookie, "Accept": "text/html"})
        if cells != SCALE_FORVALTNINGAR * 14:
            raise RuntimeError(f"the dashboard shows {cells} cells")
        ratio, rps, hello_rps, p99 = measure(port, headers)
        # A write in the middle of a run must show in the next response.
        result = {}
        loader = threading.Thread(target=lambda: result.update(
            load=load(port, "/beredskap", headers, a.seconds, a.connections, "Beredskapsläget")))
        loader.start()
        time.sleep(a.seconds / 2)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        status, body = post_form(conn, "/api/readiness/step", {"id": "1", "version": "2", "step": "faststall"}, planner)
        if status != 200:
            raise RuntimeError(f"approve: {status} {body}")
        after, _ = approved_count(port, {"Cookie": cookie, "Accept": "text/html"})
        loader.join()
        if after != before + 1:
            raise RuntimeError(f"the approval did not show: {before} then {after} approved")
        _, p99_write = result["load"]
        app.terminate()
        app.wait()
        servers.remove(app)

        env_off = dict(REDO_PAGE_CACHE="0")
        app = subprocess.Popen([a.server], env={**server_env(data, port, a.site_root, False), **env_off},
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        servers.append(app)
        wait_for(f"http://127.0.0.1:{port}/healthz", deadline_s=60)
        headers = {"Cookie": login(port, "styrelse"), "Accept": "text/html", **BROWSER}
        ratio_off, rps_off, hello_off, _ = measure(port, headers)
    finally:
        for server in servers:
            server.terminate()
            server.wait()
    print(f"# dashboard_rps: {rps:.0f} (hello {hello_rps:.0f}), nocache: {rps_off:.0f} (hello {hello_off:.0f}); "
          f"approved H2 cells {before} -> {after} of {cells}", file=sys.stderr)
    return ratio, p99, p99_write, ratio_off


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--server", required=True)
    ap.add_argument("--site-root", required=True)
    ap.add_argument("--seconds", type=int, default=10)
    ap.add_argument("--connections", type=int, default=16)
    ap.add_argument("--postgres", help="a PostgreSQL server URL (…/postgres) for the *_pg figures")
    a = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        # Cold start: a fresh database, migrated and seeded, until the first 200.
        port = free_port()
        t0 = time.perf_counter()
        app = start_server(a.server, a.site_root, os.path.join(tmp, "data"), port)
        try:
            wait_for(f"http://127.0.0.1:{port}/healthz")
            cold_ms = (time.perf_counter() - t0) * 1000

            hello_port = free_port()
            hello = start_server(a.server, a.site_root, os.path.join(tmp, "hello"), hello_port, ["bench-hello"], demo=False)
            pg = pg_url = None
            if a.postgres:
                pg_url = fresh_postgres_database(a.postgres)
                pg_port = free_port()
                pg = start_server(a.server, a.site_root, os.path.join(tmp, "pg"), pg_port, database_url=pg_url)
            try:
                wait_for(f"http://127.0.0.1:{hello_port}/")
                cookie = login(port, "planerare")
                headers = {"Cookie": cookie, "Accept": "text/html"}
                for path in ("/", "/ovningar", "/plan", "/tackning"):
                    load_once(port, path, headers)
                time.sleep(1.0)
                idle = rss_mb(app.pid)
                if pg:
                    wait_for(f"http://127.0.0.1:{pg_port}/healthz", deadline_s=60)
                    pg_cookie = login(pg_port, "planerare")
                    pg_headers = {"Cookie": pg_cookie, "Accept": "text/html"}
                    load_once(pg_port, "/ovningar/3", pg_headers)
                # The machine's speed drifts over a run, so the ratios come from rounds of the
                # hello-world, the page on SQLite and the page on PostgreSQL back to back (the idle
                # servers wait), each figure the median of its rounds.
                round_s = max(2, a.seconds // 2)
                rounds = []
                for _ in range(ROUNDS):
                    h, _ = load(hello_port, "/", {}, round_s, a.connections, "Hello")
                    d, _ = load(port, "/ovningar/3", headers, round_s, a.connections, "Övning Mörker")
                    p = load(pg_port, "/ovningar/3", pg_headers, round_s, a.connections, "Övning Mörker")[0] if pg else None
                    rounds.append((h, d, p))
                hello_rps = median(h for h, _, _ in rounds)
                detail_rps = median(d for _, d, _ in rounds)
                detail_ratio = median(d / h for h, d, _ in rounds)
                plan_rps, plan_p99 = load(port, "/ovningar", headers, a.seconds, a.connections, "Övning Mörker")
                time.sleep(1.0)
                after_load = rss_mb(app.pid)
                write_rps = write_load(port, cookie, sqlite_counter(os.path.join(tmp, "data", "redo.db")), a.seconds)
                burst_checked = login_burst(port)
                detail_rps_pg = detail_ratio_pg = pg_of_sqlite = write_rps_pg = None
                if pg:
                    detail_rps_pg = median(p for _, _, p in rounds)
                    detail_ratio_pg = median(p / h for h, _, p in rounds)
                    pg_of_sqlite = median(p / d for _, d, p in rounds)
                    write_rps_pg = write_load(pg_port, pg_cookie, postgres_counter(pg_url), a.seconds)
            finally:
                for server in (hello, pg):
                    if server:
                        server.terminate()
                        server.wait()
        finally:
            app.terminate()
            app.wait()

        dash_ratio, dash_p99, dash_p99_write, dash_ratio_off = dashboard(a, tmp)

        # The storm gets a server of its own with an account per client.
        storm_dir = os.path.join(tmp, "storm")
        storm_port = free_port()
        add_storm_accounts(a.server, server_env(storm_dir, storm_port, a.site_root))
        storm = start_server(a.server, a.site_root, storm_dir, storm_port)
        try:
            wait_for(f"http://127.0.0.1:{storm_port}/healthz")
            storm_p99, storm_checked, storm_attempts = login_storm(storm_port, min(a.seconds, 6))
        finally:
            storm.terminate()
            storm.wait()

        # Live-log fan-out: a fresh demo server, 100 and then 1,000 viewers of Övning Isvind while
        # entries are written at 20/s, measured by the Rust client (`server bench-fanout`).
        fan_dir = os.path.join(tmp, "fanout")
        fan_port = free_port()
        fan = start_server(a.server, a.site_root, fan_dir, fan_port)
        try:
            wait_for(f"http://127.0.0.1:{fan_port}/healthz")
            out = subprocess.run(
                [a.server, "bench-fanout", "--addr", f"127.0.0.1:{fan_port}", "--pid", str(fan.pid),
                 "--viewers", "1000", "--rate", "20", "--seconds", str(min(a.seconds, 10))],
                env=server_env(fan_dir + "-client", fan_port, a.site_root),
                capture_output=True, text=True, timeout=600,
            )
            if out.returncode != 0:
                raise SystemExit(f"bench-fanout failed: {out.stderr}")
            fanout_lines = [l for l in out.stdout.splitlines() if ": " in l]
        finally:
            fan.terminate()
            fan.wait()

    for line in fanout_lines:
        print(line)
    print(f"plan_rps_ratio: {plan_rps / hello_rps:.3f}")
    print(f"plan_p99_ms: {plan_p99:.2f}")
    print(f"write_rps: {write_rps:.0f}")
    print(f"detail_rps_ratio: {detail_ratio:.3f}")
    if detail_rps_pg is not None:
        print(f"detail_rps_ratio_pg: {detail_ratio_pg:.3f}")
        print(f"detail_pg_of_sqlite: {pg_of_sqlite:.2f}")
        print(f"write_rps_pg: {write_rps_pg:.0f}")
    print(f"dashboard_rps_ratio: {dash_ratio:.3f}")
    print(f"dashboard_p99_ms: {dash_p99:.2f}")
    print(f"dashboard_p99_ms_with_write: {dash_p99_write:.2f}")
    print(f"dashboard_rps_ratio_nocache: {dash_ratio_off:.3f}")
    print("dashboard_write_seen: 1")
    print(f"wasm_br_kb: {brotli_kb(a.site_root):.1f}")
    print(f"cold_start_ms: {cold_ms:.0f}")
    print(f"idle_rss_mb: {idle:.1f}")
    print(f"login_storm_healthz_p99_ms: {storm_p99:.2f}")
    print(f"login_storm_hashes: {storm_checked}")
    print(f"login_burst_checked: {burst_checked}")
    sys.stdout.flush()
    print(f"# login storm: {storm_checked} of {storm_attempts} attempts checked", file=sys.stderr)
    print(f"# rss after the load: {after_load:.1f} MB", file=sys.stderr)
    print(f"# plan_rps: {plan_rps:.0f}, detail_rps: {detail_rps:.0f}, detail_rps_pg: {detail_rps_pg or 0:.0f}, "
          f"hello_rps: {hello_rps:.0f}, connections: {a.connections}, seconds: {a.seconds}", file=sys.stderr)



if __name__ == "__main__":
    main()
