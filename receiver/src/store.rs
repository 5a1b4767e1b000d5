//! SQLite storage: the submissions, who owns each application's versions,
//! and the encrypted drafts, written by one dedicated thread.
//!
//! Why a thread of its own: a write that has been handed over completes (or
//! fails and rolls back) even when the HTTP handler that asked for it is
//! dropped because its client went away or a timeout fired. The handler only
//! awaits the answer. One writer also means the idempotency check and the
//! insert never race; the UNIQUE constraint on the key is the backstop for
//! other processes (a `receiver purge` running at the same time).

use std::fs;
use std::io;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use rusqlite::{params, Connection, ErrorCode, OptionalExtension, TransactionBehavior};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use tokio::sync::oneshot;

use crate::envelope::{Envelope, SecretHash};
use crate::timefmt::now_rfc3339;

pub mod drafts;
pub use drafts::{Draft, DraftLookup, StoredDraft};

/// Schema version kept in `PRAGMA user_version`.
const SCHEMA_VERSION: i64 = 2;
/// How many writes may wait for the writer before new ones are turned away (503).
const QUEUE_DEPTH: usize = 1024;

/// Each step brings a database from the version before it to its own; a
/// database is taken through every step it has not had yet, in one
/// transaction, so databases of every earlier receiver keep working.
const MIGRATIONS: [(i64, &str); 2] = [(1, SCHEMA_1), (2, SCHEMA_2)];

const SCHEMA_1: &str = "
CREATE TABLE IF NOT EXISTS submissions (
    id              INTEGER PRIMARY KEY,
    idempotency_key TEXT    NOT NULL UNIQUE,
    body_sha256     TEXT    NOT NULL,
    reference       TEXT    NOT NULL,
    version         INTEGER NOT NULL,
    cycle_id        TEXT    NOT NULL,
    submitted_at    TEXT    NOT NULL,
    received_at     TEXT    NOT NULL,
    encoding        TEXT    NOT NULL,
    envelope        TEXT    NOT NULL
);
CREATE INDEX IF NOT EXISTS submissions_by_reference ON submissions (reference, version);
CREATE INDEX IF NOT EXISTS submissions_by_received_at ON submissions (received_at);
";

/// Version secrets (issue 19 item 8), the honeypot mark (contract 3) and the
/// drafts of "Save and continue later" (issue 23). References stored before
/// this step have no owner row: they can take no later version (see
/// [`Refusal::Unbound`]).
const SCHEMA_2: &str = "
ALTER TABLE submissions ADD COLUMN suspected_automated INTEGER NOT NULL DEFAULT 0;
CREATE TABLE reference_owners (
    reference     TEXT NOT NULL PRIMARY KEY,
    secret_sha256 TEXT NOT NULL,
    bound_at      TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE drafts (
    draft_id   TEXT NOT NULL PRIMARY KEY,
    reference  TEXT NOT NULL,
    nonce      BLOB NOT NULL,
    ciphertext BLOB NOT NULL,
    saved_at   TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX drafts_by_reference ON drafts (reference);
CREATE INDEX drafts_by_expiry ON drafts (expires_at);
CREATE TABLE expired_drafts (
    draft_id   TEXT NOT NULL PRIMARY KEY,
    expired_at TEXT NOT NULL
) WITHOUT ROWID;
";

/// What the client gets back for a stored submission, first time or replay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receipt {
    pub reference: String,
    pub version: u64,
    pub received_at: String,
}

impl Receipt {
    /// The reply body; built the same way every time so replays are byte-identical.
    pub fn to_json(&self) -> Value {
        json!({
            "reference": self.reference,
            "version": self.version,
            "received_at": self.received_at,
        })
    }
}

/// Outcome of [`Store::record`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Recorded {
    /// A new row was committed.
    Stored(Receipt),
    /// The key was stored before with the same body; nothing written.
    Replayed(Receipt),
    /// The key was stored before with a different body; nothing written.
    Conflict,
    /// The body may not write this reference; nothing written.
    Refused(Refusal),
}

/// Why a body may not add a version to the application it names. The first
/// stored version binds the hash of its `version_secret` to the reference;
/// every later write must carry the same secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The reference belongs to another secret.
    WrongSecret,
    /// A legacy body (no secret) for a reference that is stored already.
    NoSecret,
    /// The reference was first stored by a legacy body, which bound no
    /// secret: nobody can prove a later version is theirs.
    Unbound,
}

impl Refusal {
    /// The sentence the client gets (the app shows it as a form-wide message).
    pub fn message(self) -> &'static str {
        match self {
            Refusal::WrongSecret => {
                "This application was started in another browser, and only that browser can \
                 send later versions of it, so nothing was stored. If you started it on another \
                 device, finish it there."
            }
            Refusal::NoSecret => {
                "An application with this reference is stored already, and a later version must \
                 carry the version secret of the browser that sent it, so nothing was stored."
            }
            Refusal::Unbound => {
                "This application was first sent by an older version of the form, which cannot \
                 prove that later versions come from the same person, so nothing was stored. \
                 Send your changes as a new application."
            }
        }
    }
}

/// Why a store operation failed. Every variant means nothing was written.
#[derive(Debug)]
pub enum StoreError {
    /// Too many writes are waiting already.
    Busy,
    /// The writer thread is gone (only at shutdown).
    Closed,
    /// SQLite or the file system failed (full disk, I/O error, locked file).
    Failed(String),
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::Busy => write!(f, "the write queue is full"),
            StoreError::Closed => write!(f, "the writer has stopped"),
            StoreError::Failed(m) => write!(f, "{m}"),
        }
    }
}

/// A submission ready to be written.
#[derive(Debug, Clone)]
pub struct NewSubmission {
    pub idempotency_key: String,
    pub body_sha256: String,
    pub encoding: &'static str,
    pub envelope: Envelope,
}

/// One stored row, as the test switches and the export read it.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub id: i64,
    pub idempotency_key: String,
    pub body_sha256: String,
    pub reference: String,
    pub version: u64,
    pub cycle_id: String,
    pub submitted_at: String,
    pub received_at: String,
    pub encoding: String,
    /// The honeypot field was filled (contract 3): staff decide.
    pub suspected_automated: bool,
    pub envelope: Value,
}

type Reply<T> = oneshot::Sender<Result<T, StoreError>>;

enum Job {
    Record(Box<NewSubmission>, Reply<Recorded>),
    Count(Reply<u64>),
    All(Reply<Vec<Row>>),
    Owners(Reply<Vec<(String, String)>>),
    Clear(Reply<()>),
    Drain(Reply<()>),
    PutDraft(Box<Draft>, Reply<()>),
    GetDraft(String, String, Reply<DraftLookup>),
    DeleteDraft(String, Reply<()>),
    PurgeDrafts(String, String, Reply<usize>),
    AllDrafts(Reply<Vec<Draft>>),
}

/// Handle to the writer thread; cheap to clone.
#[derive(Clone)]
pub struct Store {
    jobs: mpsc::SyncSender<Job>,
    path: PathBuf,
}

/// SHA-256 of the body bytes, lower-case hex.
pub fn body_sha256(body: &[u8]) -> String {
    Sha256::digest(body)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

impl Store {
    /// Opens (creating with mode 0600, and its folder with 0700, if needed)
    /// and migrates the database, then starts the writer thread.
    pub fn open(path: &Path) -> io::Result<Store> {
        let conn = open_connection(path).map_err(|e| io::Error::other(e.to_string()))?;
        let (jobs, queue) = mpsc::sync_channel(QUEUE_DEPTH);
        let thread_path = path.to_path_buf();
        std::thread::Builder::new()
            .name("receiver-writer".into())
            .spawn(move || writer(thread_path, conn, queue))?;
        Ok(Store {
            jobs,
            path: path.to_path_buf(),
        })
    }

    /// Path of the database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    async fn ask<T>(&self, make: impl FnOnce(Reply<T>) -> Job) -> Result<T, StoreError> {
        let (reply, answer) = oneshot::channel();
        match self.jobs.try_send(make(reply)) {
            Ok(()) => {}
            Err(mpsc::TrySendError::Full(_)) => return Err(StoreError::Busy),
            Err(mpsc::TrySendError::Disconnected(_)) => return Err(StoreError::Closed),
        }
        answer.await.unwrap_or(Err(StoreError::Closed))
    }

    /// Stores `submission` unless its key is stored already (see [`Recorded`]).
    /// Once this has been called the write goes ahead even if the returned
    /// future is dropped.
    pub async fn record(&self, submission: NewSubmission) -> Result<Recorded, StoreError> {
        self.ask(|r| Job::Record(Box::new(submission), r)).await
    }

    /// Number of stored rows.
    pub async fn count(&self) -> Result<u64, StoreError> {
        self.ask(Job::Count).await
    }

    /// Every stored row, oldest first.
    pub async fn all(&self) -> Result<Vec<Row>, StoreError> {
        self.ask(Job::All).await
    }

    /// Resolves once every write queued before it is done (used at shutdown).
    pub async fn drain(&self) -> Result<(), StoreError> {
        self.ask(Job::Drain).await
    }

    /// Every reference with the hash bound to it (test switches only).
    pub async fn owners(&self) -> Result<Vec<(String, String)>, StoreError> {
        self.ask(Job::Owners).await
    }

    /// Deletes every row of every table (test switches only).
    pub async fn clear(&self) -> Result<(), StoreError> {
        self.ask(Job::Clear).await
    }

    /// Saves (or replaces) a draft blob.
    pub async fn put_draft(&self, draft: Draft) -> Result<(), StoreError> {
        self.ask(|r| Job::PutDraft(Box::new(draft), r)).await
    }

    /// Looks a draft up at `now` (RFC 3339 UTC); an expired one is deleted
    /// on the spot and answers [`DraftLookup::Expired`].
    pub async fn get_draft(&self, draft_id: &str, now: &str) -> Result<DraftLookup, StoreError> {
        let (id, now) = (draft_id.to_string(), now.to_string());
        self.ask(|r| Job::GetDraft(id, now, r)).await
    }

    /// Deletes a draft (nothing happens when there is none).
    pub async fn delete_draft(&self, draft_id: &str) -> Result<(), StoreError> {
        let id = draft_id.to_string();
        self.ask(|r| Job::DeleteDraft(id, r)).await
    }

    /// Deletes the drafts expired at `now`, and forgets the ids of drafts
    /// that expired before `forget_before`. Returns how many blobs went.
    pub async fn purge_drafts(&self, now: &str, forget_before: &str) -> Result<usize, StoreError> {
        let (now, forget) = (now.to_string(), forget_before.to_string());
        self.ask(|r| Job::PurgeDrafts(now, forget, r)).await
    }

    /// Every stored draft (test switches only).
    pub async fn all_drafts(&self) -> Result<Vec<Draft>, StoreError> {
        self.ask(Job::AllDrafts).await
    }
}

/// Opens the database file for the server or a command: creates it 0600 if
/// missing (SQLite gives the -wal and -shm files the database's mode), tightens
/// an existing one, refuses a file that is not SQLite, and migrates it.
pub fn open_connection(path: &Path) -> Result<Connection, String> {
    // The bundled SQLite reads names starting with `file:` as URIs: the file
    // it opened would not be the one checked and made private here.
    if path
        .to_str()
        .and_then(|p| p.get(..5))
        .is_some_and(|head| head.eq_ignore_ascii_case("file:"))
    {
        return Err(format!(
            "{} looks like a SQLite URI; give the database as a plain file path",
            path.display()
        ));
    }
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(parent)
            .map_err(|e| format!("cannot create the folder {}: {e}", parent.display()))?;
    }
    let file = fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o600)
        .open(path)
        .map_err(|e| format!("cannot open {}: {e}", path.display()))?;
    file.set_permissions(fs::Permissions::from_mode(0o600))
        .map_err(|e| format!("cannot make {} private (mode 0600): {e}", path.display()))?;
    let mut head = [0u8; 16];
    let len = file.metadata().map(|m| m.len()).unwrap_or(0);
    if len > 0 {
        use std::io::Read;
        let mut f = &file;
        if f.read_exact(&mut head).is_err() || &head != b"SQLite format 3\0" {
            return Err(format!(
                "{} is not a SQLite database (the receiver used to write JSON Lines; \
                 give --data a new .db path, e.g. data/submissions.db)",
                path.display()
            ));
        }
    }
    drop(file);
    for suffix in ["-wal", "-shm"] {
        let mut side = path.as_os_str().to_owned();
        side.push(suffix);
        let side = PathBuf::from(side);
        if side.exists() {
            fs::set_permissions(&side, fs::Permissions::from_mode(0o600))
                .map_err(|e| format!("cannot make {} private: {e}", side.display()))?;
        }
    }
    let conn =
        Connection::open(path).map_err(|e| format!("cannot open {}: {e}", path.display()))?;
    conn.busy_timeout(Duration::from_secs(5))
        .map_err(|e| e.to_string())?;
    // WAL: readers (a backup, an export) never block the writer. FULL: every
    // commit is fsynced before the 201 goes out.
    let mode: String = conn
        .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
        .map_err(|e| format!("cannot switch {} to WAL mode: {e}", path.display()))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(format!(
            "{} could not be switched to WAL mode (got {mode})",
            path.display()
        ));
    }
    conn.execute_batch("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;")
        .map_err(|e| e.to_string())?;
    migrate(&conn).map_err(|e| format!("cannot set up {}: {e}", path.display()))?;
    Ok(conn)
}

fn migrate(conn: &Connection) -> rusqlite::Result<()> {
    let current: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if current > SCHEMA_VERSION {
        return Err(rusqlite::Error::InvalidParameterName(format!(
            "the database has schema version {current}, newer than this receiver ({SCHEMA_VERSION})"
        )));
    }
    if current < SCHEMA_VERSION {
        let steps: String = MIGRATIONS
            .iter()
            .filter(|(version, _)| *version > current)
            .map(|(_, sql)| *sql)
            .collect();
        // One transaction: a failed step leaves the database as it was.
        // (`execute_batch` stops at the first error; the guard rolls back.)
        let result = conn.execute_batch(&format!(
            "BEGIN IMMEDIATE; {steps} PRAGMA user_version = {SCHEMA_VERSION}; COMMIT;"
        ));
        if result.is_err() && !conn.is_autocommit() {
            let _ = conn.execute_batch("ROLLBACK");
        }
        result?;
    }
    Ok(())
}

fn writer(path: PathBuf, conn: Connection, queue: mpsc::Receiver<Job>) {
    let mut conn = Some(conn);
    while let Ok(job) = queue.recv() {
        // After an I/O error the connection is dropped and a fresh one opened
        // for the next job, so no state from the failed write is reused.
        if conn.is_none() {
            match open_connection(&path) {
                Ok(c) => conn = Some(c),
                Err(e) => eprintln!("receiver: cannot reopen the database: {e}"),
            }
        }
        let Some(c) = conn.as_mut() else {
            fail(job, "the database cannot be opened".to_string());
            continue;
        };
        let broke = match job {
            Job::Record(sub, reply) => finish(reply, record(c, &sub)),
            Job::Count(reply) => finish(
                reply,
                c.query_row("SELECT COUNT(*) FROM submissions", [], |r| {
                    r.get::<_, i64>(0)
                })
                .map(|n| n as u64),
            ),
            Job::All(reply) => finish(reply, all_rows(c)),
            Job::Owners(reply) => finish(reply, all_owners(c)),
            Job::Clear(reply) => finish(
                reply,
                c.execute_batch(
                    "BEGIN; DELETE FROM submissions; DELETE FROM reference_owners;
                     DELETE FROM drafts; DELETE FROM expired_drafts; COMMIT;",
                ),
            ),
            Job::Drain(reply) => finish(reply, Ok(())),
            Job::PutDraft(draft, reply) => finish(reply, drafts::put(c, &draft)),
            Job::GetDraft(id, now, reply) => finish(reply, drafts::get(c, &id, &now)),
            Job::DeleteDraft(id, reply) => finish(reply, drafts::delete(c, &id)),
            Job::PurgeDrafts(now, forget, reply) => finish(reply, drafts::purge(c, &now, &forget)),
            Job::AllDrafts(reply) => finish(reply, drafts::all(c)),
        };
        if broke {
            conn = None;
        }
    }
}

fn fail(job: Job, message: String) {
    let err = || StoreError::Failed(message.clone());
    match job {
        Job::Record(_, r) => drop(r.send(Err(err()))),
        Job::Count(r) => drop(r.send(Err(err()))),
        Job::All(r) => drop(r.send(Err(err()))),
        Job::Owners(r) => drop(r.send(Err(err()))),
        Job::Clear(r) | Job::Drain(r) | Job::PutDraft(_, r) | Job::DeleteDraft(_, r) => {
            drop(r.send(Err(err())))
        }
        Job::GetDraft(_, _, r) => drop(r.send(Err(err()))),
        Job::PurgeDrafts(_, _, r) => drop(r.send(Err(err()))),
        Job::AllDrafts(r) => drop(r.send(Err(err()))),
    }
}

/// Sends the outcome; true when the error means the connection should be reopened.
fn finish<T>(reply: Reply<T>, result: rusqlite::Result<T>) -> bool {
    match result {
        Ok(v) => {
            let _ = reply.send(Ok(v));
            false
        }
        Err(e) => {
            eprintln!("receiver: database error: {e}");
            let broke = !matches!(
                e.sqlite_error_code(),
                Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked)
            );
            let _ = reply.send(Err(StoreError::Failed(e.to_string())));
            broke
        }
    }
}

fn existing(conn: &Connection, key: &str) -> rusqlite::Result<Option<(String, Receipt)>> {
    conn.query_row(
        "SELECT body_sha256, reference, version, received_at FROM submissions WHERE idempotency_key = ?1",
        [key],
        |r| {
            Ok((
                r.get::<_, String>(0)?,
                Receipt {
                    reference: r.get(1)?,
                    version: r.get::<_, i64>(2)? as u64,
                    received_at: r.get(3)?,
                },
            ))
        },
    )
    .optional()
}

/// Who may write `reference`, decided in the write's own transaction.
/// `Ok(true)` means the body's secret is to be bound now (the first version).
fn may_write(tx: &Connection, env: &Envelope) -> rusqlite::Result<Result<bool, Refusal>> {
    let owner: Option<String> = tx
        .query_row(
            "SELECT secret_sha256 FROM reference_owners WHERE reference = ?1",
            [&env.reference],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(stored) = owner {
        return Ok(match (&env.version_secret, SecretHash::from_hex(&stored)) {
            (Some(sent), Some(stored)) if sent.matches(&stored) => Ok(false),
            (Some(_), _) => Err(Refusal::WrongSecret),
            (None, _) => Err(Refusal::NoSecret),
        });
    }
    let seen: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM submissions WHERE reference = ?1)",
        [&env.reference],
        |r| r.get(0),
    )?;
    Ok(match (seen, &env.version_secret) {
        (true, _) => Err(Refusal::Unbound),
        (false, Some(_)) => Ok(true),
        // A legacy first version (the envelope check allows version 1 only).
        (false, None) => Ok(false),
    })
}

fn record(conn: &mut Connection, sub: &NewSubmission) -> rusqlite::Result<Recorded> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let stored = existing(&tx, &sub.idempotency_key)?;
    // The same bytes again carry the same secret, checked when they were
    // first stored: a replay needs no second check.
    if let Some((hash, receipt)) = &stored {
        if *hash == sub.body_sha256 {
            return Ok(Recorded::Replayed(receipt.clone()));
        }
    }
    let env = &sub.envelope;
    let bind = match may_write(&tx, env)? {
        Ok(bind) => bind,
        Err(refusal) => return Ok(Recorded::Refused(refusal)),
    };
    if stored.is_some() {
        return Ok(Recorded::Conflict);
    }
    if let (true, Some(secret)) = (bind, &env.version_secret) {
        tx.execute(
            "INSERT INTO reference_owners (reference, secret_sha256, bound_at) VALUES (?1, ?2, ?3)",
            params![env.reference, secret.to_hex(), now_rfc3339()],
        )?;
    }
    let receipt = Receipt {
        reference: env.reference.clone(),
        version: env.version,
        received_at: now_rfc3339(),
    };
    let envelope_json = serde_json::to_string(env)
        .map_err(|e| rusqlite::Error::ToSqlConversionFailure(e.into()))?;
    tx.execute(
        "INSERT INTO submissions (idempotency_key, body_sha256, reference, version, cycle_id,
                                  submitted_at, received_at, encoding, envelope,
                                  suspected_automated)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            sub.idempotency_key,
            sub.body_sha256,
            env.reference,
            env.version as i64,
            env.cycle_id,
            env.submitted_at,
            receipt.received_at,
            sub.encoding,
            envelope_json,
            env.suspected_automated(),
        ],
    )?;
    // A confirmed application needs no saved draft any more (issue 23): they
    // go in the same transaction, so a failed store keeps them.
    drafts::delete_for_reference(&tx, &env.reference)?;
    tx.commit()?;
    Ok(Recorded::Stored(receipt))
}

/// Every reference and the secret hash bound to it.
fn all_owners(conn: &Connection) -> rusqlite::Result<Vec<(String, String)>> {
    let mut stmt =
        conn.prepare("SELECT reference, secret_sha256 FROM reference_owners ORDER BY reference")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    rows.collect()
}

/// Every row, oldest first. Also used by the export and the tests.
pub fn all_rows(conn: &Connection) -> rusqlite::Result<Vec<Row>> {
    let mut stmt = conn.prepare(
        "SELECT id, idempotency_key, body_sha256, reference, version, cycle_id, submitted_at,
                received_at, encoding, envelope, suspected_automated
         FROM submissions ORDER BY id",
    )?;
    let rows = stmt.query_map([], |r| {
        let envelope: String = r.get(9)?;
        Ok(Row {
            id: r.get(0)?,
            idempotency_key: r.get(1)?,
            body_sha256: r.get(2)?,
            reference: r.get(3)?,
            version: r.get::<_, i64>(4)? as u64,
            cycle_id: r.get(5)?,
            submitted_at: r.get(6)?,
            received_at: r.get(7)?,
            encoding: r.get(8)?,
            suspected_automated: r.get(10)?,
            envelope: serde_json::from_str(&envelope).unwrap_or(Value::Null),
        })
    })?;
    rows.collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_is_hex_of_the_bytes() {
        assert_eq!(
            body_sha256(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
