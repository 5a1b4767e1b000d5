//! Shared helpers for the receiver's integration tests: an in-process server
//! on port 0 and a tiny HTTP/1.1 client over a real TCP connection.

#![allow(dead_code)]

use std::io;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use receiver::Config;
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::task::JoinHandle;

pub const ORIGIN: &str = "http://localhost:8080";

pub struct TestServer {
    pub addr: SocketAddr,
    pub data: PathBuf,
    handle: JoinHandle<()>,
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.handle.abort();
    }
}

/// A fresh, not yet existing data file path (its folder does not exist either).
pub fn temp_data_path(name: &str) -> PathBuf {
    static N: AtomicU32 = AtomicU32::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!(
            "receiver-{name}-{}-{nanos}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ))
        .join("submissions.jsonl")
}

pub fn config(data: &Path, test_switches: bool) -> Config {
    Config {
        host: "127.0.0.1".into(),
        port: 0,
        data: data.to_path_buf(),
        allow_origins: vec![ORIGIN.into()],
        test_switches,
    }
}

pub async fn start_with(config: Config) -> TestServer {
    let data = config.data.clone();
    let (addr, handle) = receiver::serve(config).await.expect("server starts");
    TestServer { addr, data, handle }
}

pub async fn start(name: &str) -> TestServer {
    start_with(config(&temp_data_path(name), true)).await
}

impl TestServer {
    /// Aborts the accept loop (simulating a shutdown) and returns the data path.
    pub fn stop(self) -> PathBuf {
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

    pub async fn submit(&self, body: &Value, headers: &[(&str, &str)]) -> Resp {
        self.post_json("/api/submissions", body, headers).await
    }

    pub async fn faults(&self, faults: Value) -> Resp {
        let r = self.post_json("/__faults", &faults, &[]).await;
        assert_eq!(r.status, 200, "{}", r.text());
        r
    }

    pub fn lines(&self) -> Vec<Value> {
        read_lines(&self.data)
    }
}

pub fn read_lines(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

pub fn envelope(reference: &str) -> Value {
    json!({
        "schema_version": 1,
        "cycle_id": "fall-2020-mentor",
        "submitted_at": "2026-11-29T23:59:00.000Z",
        "reference": reference,
        "answers": {
            "first_name": "Ada",
            "years_experience": 12,
            "willing_to_mentor_two": true,
            "notes": null
        }
    })
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
