//! Append-only JSON Lines storage with idempotency indexes.

use std::collections::{HashMap, HashSet};
use std::io;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::Serialize;
use serde_json::Value;
use tokio::io::AsyncWriteExt;

use crate::envelope::Envelope;
use crate::timefmt::now_rfc3339;

/// What the client gets back for a stored submission (first time or replay).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receipt {
    /// Short human-friendly receipt code, e.g. `ALSC-7KQ2MX`.
    pub receipt: String,
    /// The envelope's own `reference` (client-generated UUID).
    pub client_reference: String,
}

/// Result of [`Store::record`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Recorded {
    /// A new line was appended and synced.
    Stored(Receipt),
    /// An earlier line matched the idempotency key (or reference); nothing written.
    Replayed(Receipt),
}

/// One line of the data file.
#[derive(Serialize)]
struct StoredLine<'a> {
    received_at: String,
    receipt: &'a str,
    idempotency_key: Option<&'a str>,
    encoding: &'a str,
    envelope: &'a Envelope,
}

/// The data file plus in-memory indexes. Callers serialise access through a
/// `tokio::sync::Mutex` so concurrent writes never interleave.
pub struct Store {
    path: PathBuf,
    file: tokio::fs::File,
    by_key: HashMap<String, Receipt>,
    by_reference: HashMap<String, Receipt>,
    receipts: HashSet<String>,
    lines: u64,
    counter: u64,
}

impl Store {
    /// Opens (creating if needed, with parent folders) the data file and
    /// rebuilds the idempotency indexes from its lines.
    pub async fn open(path: &Path) -> io::Result<Store> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            tokio::fs::create_dir_all(parent).await?;
        }
        let existing = match tokio::fs::read(path).await {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::NotFound => Vec::new(),
            Err(e) => return Err(e),
        };
        let mut file = tokio::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .await?;
        // A torn last line (crash mid-write) must not swallow the next record.
        if existing.last().is_some_and(|b| *b != b'\n') {
            file.write_all(b"\n").await?;
            file.flush().await?;
            file.sync_data().await?;
        }
        let mut store = Store {
            path: path.to_path_buf(),
            file,
            by_key: HashMap::new(),
            by_reference: HashMap::new(),
            receipts: HashSet::new(),
            lines: 0,
            counter: 0,
        };
        let text = String::from_utf8_lossy(&existing);
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            match serde_json::from_str::<Value>(line) {
                Ok(v) => store.index_line(&v),
                Err(e) => eprintln!(
                    "receiver: skipping unreadable line {} of {}: {e}",
                    n + 1,
                    path.display()
                ),
            }
        }
        Ok(store)
    }

    fn index_line(&mut self, v: &Value) {
        let Some(receipt) = v.get("receipt").and_then(Value::as_str) else {
            return;
        };
        let client_reference = v
            .pointer("/envelope/reference")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        let r = Receipt {
            receipt: receipt.to_string(),
            client_reference: client_reference.clone(),
        };
        if let Some(key) = v.get("idempotency_key").and_then(Value::as_str) {
            self.by_key
                .entry(key.to_string())
                .or_insert_with(|| r.clone());
        }
        if !client_reference.is_empty() {
            self.by_reference
                .entry(client_reference)
                .or_insert_with(|| r.clone());
        }
        self.receipts.insert(r.receipt);
        self.lines += 1;
    }

    /// Path of the data file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Number of stored lines.
    pub fn lines(&self) -> u64 {
        self.lines
    }

    /// Stores `envelope` unless the idempotency key (or, without a key, the
    /// envelope's reference) was seen before. The line is fsynced before this
    /// returns.
    pub async fn record(
        &mut self,
        idempotency_key: Option<&str>,
        encoding: &str,
        envelope: &Envelope,
    ) -> io::Result<Recorded> {
        let earlier = match idempotency_key {
            Some(key) => self.by_key.get(key),
            None => self.by_reference.get(&envelope.reference),
        };
        if let Some(r) = earlier {
            return Ok(Recorded::Replayed(r.clone()));
        }
        let receipt = self.next_receipt();
        let line = StoredLine {
            received_at: now_rfc3339(),
            receipt: &receipt,
            idempotency_key,
            encoding,
            envelope,
        };
        let mut bytes = serde_json::to_vec(&line).map_err(io::Error::other)?;
        bytes.push(b'\n');
        self.file.write_all(&bytes).await?;
        self.file.flush().await?;
        self.file.sync_data().await?;

        let r = Receipt {
            receipt,
            client_reference: envelope.reference.clone(),
        };
        if let Some(key) = idempotency_key {
            self.by_key.insert(key.to_string(), r.clone());
        }
        self.by_reference
            .entry(envelope.reference.clone())
            .or_insert_with(|| r.clone());
        self.receipts.insert(r.receipt.clone());
        self.lines += 1;
        Ok(Recorded::Stored(r))
    }

    /// Empties the data file and forgets every key, reference and receipt.
    pub async fn truncate(&mut self) -> io::Result<()> {
        self.file.flush().await?;
        self.file.set_len(0).await?;
        self.file.sync_data().await?;
        self.by_key.clear();
        self.by_reference.clear();
        self.receipts.clear();
        self.lines = 0;
        Ok(())
    }

    /// All stored lines, parsed, in file order.
    pub async fn read_all(&mut self) -> io::Result<Vec<Value>> {
        self.file.flush().await?;
        let text = tokio::fs::read_to_string(&self.path).await?;
        Ok(text
            .lines()
            .filter(|l| !l.trim().is_empty())
            .filter_map(|l| serde_json::from_str(l).ok())
            .collect())
    }

    /// A fresh `ALSC-XXXXXX` code (6 Crockford base32 characters) derived
    /// from a counter and the clock; unique among stored lines.
    fn next_receipt(&mut self) -> String {
        loop {
            self.counter += 1;
            let nanos = SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map(|d| d.as_nanos() as u64)
                .unwrap_or_default();
            let mixed = splitmix64(nanos ^ self.counter.wrapping_mul(0x9E37_79B9_7F4A_7C15));
            let code = format!("ALSC-{}", crockford30(mixed));
            if !self.receipts.contains(&code) {
                return code;
            }
        }
    }
}

fn splitmix64(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

fn crockford30(x: u64) -> String {
    const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    (0..6)
        .rev()
        .map(|i| ALPHABET[((x >> (i * 5)) & 31) as usize] as char)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn receipt_codes_look_right() {
        let c = crockford30(splitmix64(42));
        assert_eq!(c.len(), 6);
        assert!(c
            .chars()
            .all(|ch| ch.is_ascii_digit() || ch.is_ascii_uppercase()));
    }
}
