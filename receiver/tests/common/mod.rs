//! Shared helpers for the receiver's integration tests: an in-process server
//! on port 0, the real binary as a child process, a tiny HTTP/1.1 client over
//! real TCP connections, and direct reads of the SQLite file.

#![allow(dead_code)]

use std::io::{self, BufRead, BufReader};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use receiver::store::{all_rows, open_connection, Row};
use receiver::Config;
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

pub const ORIGIN: &str = "http://localhost:8080";

pub struct TestServer {
    pub addr: SocketAddr,
    pub data: PathBuf,
    server: receiver::Server,
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.server.accept.abort();
    }
}

/// A fresh, not yet existing database path (its folder does not exist either).
pub fn temp_data_path(name: &str) -> PathBuf {
    temp_dir(name).join("submissions.db")
}

/// A fresh, not yet existing folder under the target's temp dir.
pub fn temp_dir(name: &str) -> PathBuf {
    static N: AtomicU32 = AtomicU32::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "receiver-{name}-{}-{nanos}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ))
}

/// Test configuration: port 0, one allowed origin, and a rate limit high
/// enough that only the rate-limit test meets it.
pub fn config(data: &Path, test_switches: bool) -> Config {
    Config {
        port: 0,
        data: data.to_path_buf(),
        allow_origins: vec![ORIGIN.into()],
        test_switches,
        rate_burst: 100_000,
        rate_per_minute: 100_000,
        ..Config::default()
    }
}

pub async fn start_with(config: Config) -> TestServer {
    let data = config.data.clone();
    let server = receiver::serve(config).await.expect("server starts");
    TestServer {
        addr: server.addr,
        data,
        server,
    }
}

pub async fn start(name: &str) -> TestServer {
    start_with(config(&temp_data_path(name), true)).await
}

/// The key the app sends: `<reference>.v<version>`.
pub fn key_for(body: &Value) -> String {
    format!(
        "{}.v{}",
        body["reference"].as_str().unwrap_or("none"),
        body["version"].as_u64().unwrap_or(1)
    )
}

impl TestServer {
    /// Stops accepting (simulating a shutdown) once queued writes are done;
    /// returns the data path.
    pub async fn stop(self) -> PathBuf {
        self.server.accept.abort();
        let _ = self.server.store.drain().await;
        self.data.clone()
    }

    pub async fn get(&self, path: &str) -> Resp {
        request(self.addr, "GET", path, &[], b"").await.unwrap()
    }

    pub async fn post_json(&self, path: &str, body: &Value, headers: &[(&str, &str)]) -> Resp {
        let mut h = vec![("Content-Type", "application/json")];
        h.extend_from_slice(headers);
        request(self.addr, "POST", path, &h, body.to_string().as_bytes())
            .await
            .unwrap()
    }

    /// Submits with the app's key for this body.
    pub async fn submit(&self, body: &Value) -> Resp {
        let key = key_for(body);
        self.post_json("/api/submissions", body, &[("Idempotency-Key", &key)])
            .await
    }

    /// Submits with exactly these extra headers (no key added).
    pub async fn submit_with(&self, body: &Value, headers: &[(&str, &str)]) -> Resp {
        self.post_json("/api/submissions", body, headers).await
    }

    pub async fn faults(&self, faults: Value) -> Resp {
        let r = self.post_json("/__faults", &faults, &[]).await;
        assert_eq!(r.status, 200, "{}", r.text());
        r
    }

    pub fn rows(&self) -> Vec<Row> {
        read_rows(&self.data)
    }
}

/// Waits until the stopped in-process server has closed the database (its
/// writer thread ends a moment after the server): SQLite then removes the
/// `-wal` and `-shm` files, and nothing changes in the folder any more.
pub async fn closed(data: &Path) {
    let side = |suffix: &str| {
        let mut p = data.as_os_str().to_owned();
        p.push(suffix);
        std::path::PathBuf::from(p)
    };
    for _ in 0..200 {
        if !side("-wal").exists() && !side("-shm").exists() {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    panic!("{} is still open", data.display());
}

/// Every row of the database file, read with a connection of our own.
pub fn read_rows(path: &Path) -> Vec<Row> {
    if !path.exists() {
        return Vec::new();
    }
    let conn = open_connection(path).expect("database opens");
    all_rows(&conn).expect("rows read back")
}

/// The version secret the applicant's browser made for `reference` (16
/// bytes, base64url without padding): here derived from the reference, so
/// every helper agrees on it.
pub fn secret_for(reference: &str) -> String {
    use base64::Engine as _;
    use sha2::Digest as _;
    let digest = sha2::Sha256::digest(format!("secret of {reference}").as_bytes());
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&digest[..16])
}

/// Another browser's secret for the same reference (an intruder's).
pub fn intruder_secret(reference: &str) -> String {
    secret_for(&format!("intruder {reference}"))
}

/// Version 1 of an application as the form sends it (schema 2, with the
/// applicant's version secret).
pub fn envelope(reference: &str) -> Value {
    json!({
        "schema_version": 2,
        "cycle_id": "fall-2020-mentor",
        "submitted_at": "2026-11-29T23:59:00.000Z",
        "reference": reference,
        "version": 1,
        "version_secret": secret_for(reference),
        "answers": {
            "first_name": "Ada",
            "years_experience": 12,
            "willing_to_mentor_two": true,
            "ways": ["email", "phone"],
            "start_date": "2026-12-01",
            "notes": null
        }
    })
}

/// Version 1 as forms before version secrets sent it (schema 1, no secret).
pub fn legacy_envelope(reference: &str) -> Value {
    let mut v = envelope(reference);
    v["schema_version"] = json!(1);
    v.as_object_mut().unwrap().remove("version_secret");
    v
}

/// `body` as stored: without its version secret.
pub fn stored_form(body: &Value) -> Value {
    let mut v = body.clone();
    v.as_object_mut().unwrap().remove("version_secret");
    v
}

/// The real binary as a child process; killed (SIGKILL) when dropped.
pub struct Binary {
    pub child: Child,
    pub addr: SocketAddr,
    pub stderr: Option<std::process::ChildStderr>,
}

impl Drop for Binary {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `exe` with `args` and waits for its "receiver listening on" line.
pub fn spawn_binary(exe: &str, args: &[&str]) -> Binary {
    let mut child = Command::new(exe)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("receiver binary starts");
    let stdout = child.stdout.take().expect("stdout piped");
    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .expect("startup line");
    let addr = line
        .strip_prefix("receiver listening on http://")
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|a| a.parse().ok())
        .unwrap_or_else(|| panic!("unexpected startup line {line:?}"));
    let stderr = child.stderr.take();
    Binary {
        child,
        addr,
        stderr,
    }
}

/// The stdout of a staff command that must have succeeded.
pub fn stdout_ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).expect("UTF-8 output")
}

/// `receiver export --format <format>` of `data` with `cycle`, to stdout.
pub fn export(data: &Path, cycle: &Path, format: &str) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_receiver"))
        .args(["export", "--format", format, "--cycle"])
        .arg(cycle)
        .arg("--data")
        .arg(data)
        .output()
        .unwrap();
    stdout_ok(&out)
}

/// Starts the test build of the binary on port 0 with a high rate limit.
pub fn spawn_receiver(data: &Path, extra: &[&str]) -> Binary {
    let data = data.to_str().unwrap();
    let mut args = vec![
        "--port",
        "0",
        "--data",
        data,
        "--rate-burst",
        "100000",
        "--rate-per-minute",
        "100000",
    ];
    args.extend_from_slice(extra);
    spawn_binary(env!("CARGO_BIN_EXE_receiver"), &args)
}

pub async fn submit_to(addr: SocketAddr, body: &Value) -> io::Result<Resp> {
    let key = key_for(body);
    request(
        addr,
        "POST",
        "/api/submissions",
        &[
            ("Content-Type", "application/json"),
            ("Idempotency-Key", &key),
        ],
        body.to_string().as_bytes(),
    )
    .await
}

#[derive(Debug)]
pub struct Resp {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Resp {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("body is not JSON ({e}): {}", self.text()))
    }
}

/// Sends one request with `Connection: close` and reads the whole response.
/// A connection closed before any response byte is an `UnexpectedEof` error.
pub async fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> io::Result<Resp> {
    tokio::time::timeout(Duration::from_secs(5), async {
        let mut stream = TcpStream::connect(addr).await?;
        let mut head = format!(
            "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
            body.len()
        );
        for (name, value) in headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str("\r\n");
        stream.write_all(head.as_bytes()).await?;
        stream.write_all(body).await?;
        stream.flush().await?;
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).await?;
        parse_response(&raw)
    })
    .await
    .map_err(|_| io::Error::new(io::ErrorKind::TimedOut, "request timed out"))?
}

fn parse_response(raw: &[u8]) -> io::Result<Resp> {
    if raw.is_empty() {
        return Err(io::Error::new(
            io::ErrorKind::UnexpectedEof,
            "connection closed without a response",
        ));
    }
    let bad = |m: &str| io::Error::new(io::ErrorKind::InvalidData, m.to_string());
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| bad("no end of headers"))?;
    let head = std::str::from_utf8(&raw[..split]).map_err(|_| bad("head not UTF-8"))?;
    let mut lines = head.split("\r\n");
    let status_line = lines.next().ok_or_else(|| bad("no status line"))?;
    let status = status_line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| bad("bad status line"))?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    let chunked = headers
        .iter()
        .any(|(n, v)| n == "transfer-encoding" && v.eq_ignore_ascii_case("chunked"));
    if chunked {
        body = dechunk(&body).ok_or_else(|| bad("bad chunked body"))?;
    }
    Ok(Resp {
        status,
        headers,
        body,
    })
}

fn dechunk(mut data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let eol = data.windows(2).position(|w| w == b"\r\n")?;
        let size_text = std::str::from_utf8(&data[..eol]).ok()?;
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        data = &data[eol + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(data.get(..size)?);
        data = data.get(size + 2..)?;
    }
}

/// A complete, valid cycle file around `sections` (the parts a test cares
/// about), as the receiver reads cycle files through the `cycle` crate.
pub fn full_cycle(id: &str, field_names: Value, sections: Value) -> Value {
    json!({
        "schema_version": 1,
        "id": id,
        "program": "Test Program",
        "title": "Test Application",
        "intro": ["A cycle for the receiver's tests."],
        "deadline": {
            "text": "Applications are due soon.",
            "opens_at": "2026-01-01T00:00:00Z",
            "closes_at": "2030-01-01T00:00:00Z",
            "enforce": false
        },
        "contact": {"lead": "Questions:", "name": "Pat", "role": "Staff", "email": "pat@example.org"},
        "rating_scale": {"min": 1, "max": 5, "low_label": "Uncomfortable", "high_label": "Comfortable"},
        "sections": sections,
        "confirmation": {"title": "Sent", "body": ["Thank you."], "next": "We will write."},
        "submit": {"url": "/api/submissions", "field_names": field_names}
    })
}
