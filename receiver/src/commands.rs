//! The staff commands besides `export`: `purge` and `backup`.

use std::path::Path;

use rusqlite::params;

use crate::config::{BackupArgs, PurgeArgs};
use crate::output::check_target;
use crate::store::open_connection;

fn existing_db(path: &Path) -> Result<rusqlite::Connection, String> {
    if !path.exists() {
        return Err(format!("there is no database at {}", path.display()));
    }
    open_connection(path)
}

/// Deletes the rows received before `--before` (of one cycle with
/// `--cycle-id`). Returns how many rows went. Deleted pages are overwritten
/// (`secure_delete`) and the WAL emptied, so the answers do not linger in the
/// files either.
pub fn purge(args: &PurgeArgs) -> Result<usize, String> {
    let conn = existing_db(&args.data)?;
    conn.execute_batch("PRAGMA secure_delete = ON;")
        .map_err(|e| e.to_string())?;
    let deleted = match &args.cycle_id {
        Some(cycle) => conn.execute(
            "DELETE FROM submissions WHERE received_at < ?1 AND cycle_id = ?2",
            params![args.before, cycle],
        ),
        None => conn.execute(
            "DELETE FROM submissions WHERE received_at < ?1",
            params![args.before],
        ),
    }
    .map_err(|e| format!("cannot purge {}: {e}", args.data.display()))?;
    // A running server may hold the WAL open; then the checkpoint is partial
    // and the next one finishes the job, which is fine.
    let _ = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
    Ok(deleted)
}

/// A consistent copy while the server runs (`VACUUM INTO` reads one
/// snapshot), written to a new file only its owner can read.
///
/// SQLite is given an absolute temporary name in the target's folder (the
/// bundled library reads names starting with `file:` as URIs, and an
/// absolute path never does); the finished copy then takes the final name
/// without replacing anything (see [`crate::output`]).
pub fn backup(args: &BackupArgs) -> Result<(), String> {
    let target = check_target("--to", &args.to, &args.data)?;
    let conn = existing_db(&args.data)?;
    let temp = target.temp_file()?;
    let temp_name = temp
        .path()
        .to_str()
        .ok_or_else(|| format!("{} is not a UTF-8 path", temp.path().display()))?;
    conn.execute("VACUUM INTO ?1", [temp_name])
        .map_err(|e| format!("cannot back up to {}: {e}", args.to.display()))?;
    target.persist(temp)
}
