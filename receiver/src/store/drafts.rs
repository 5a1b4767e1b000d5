//! The `drafts` table: encrypted blobs of "Save and continue later"
//! (issue 23). The receiver never sees the resume code or the key: a row
//! holds exactly what the browser sent (the reference it names, the nonce and
//! the ciphertext) and when it was saved and expires.
//!
//! An expired draft's blob is deleted; its id is kept a while in
//! `expired_drafts` (nothing else) so a late look-up can say "expired"
//! rather than "never saved".

use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};

/// One whole row of the table: a draft to save (checked by the HTTP layer),
/// and what the test switches list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub draft_id: String,
    pub reference: String,
    pub nonce: Vec<u8>,
    pub ciphertext: Vec<u8>,
    /// RFC 3339 UTC, `YYYY-MM-DDTHH:MM:SS.mmmZ` (compares as text).
    pub saved_at: String,
    pub expires_at: String,
}

/// A stored draft as a look-up returns it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredDraft {
    pub nonce: Vec<u8>,
    pub ciphertext: Vec<u8>,
    pub saved_at: String,
    pub expires_at: String,
}

/// Outcome of a look-up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DraftLookup {
    Found(StoredDraft),
    /// It existed and has expired (its blob is gone).
    Expired,
    /// Never saved, deleted, or expired so long ago that it is forgotten.
    Missing,
}

pub(super) fn put(conn: &mut Connection, d: &Draft) -> rusqlite::Result<()> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    tx.execute(
        "INSERT INTO drafts (draft_id, reference, nonce, ciphertext, saved_at, expires_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (draft_id) DO UPDATE SET
             reference = excluded.reference, nonce = excluded.nonce,
             ciphertext = excluded.ciphertext, saved_at = excluded.saved_at,
             expires_at = excluded.expires_at",
        params![
            d.draft_id,
            d.reference,
            d.nonce,
            d.ciphertext,
            d.saved_at,
            d.expires_at
        ],
    )?;
    tx.execute(
        "DELETE FROM expired_drafts WHERE draft_id = ?1",
        [&d.draft_id],
    )?;
    tx.commit()
}

pub(super) fn get(
    conn: &mut Connection,
    draft_id: &str,
    now: &str,
) -> rusqlite::Result<DraftLookup> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let found = tx
        .query_row(
            "SELECT nonce, ciphertext, saved_at, expires_at FROM drafts WHERE draft_id = ?1",
            [draft_id],
            |r| {
                Ok(StoredDraft {
                    nonce: r.get(0)?,
                    ciphertext: r.get(1)?,
                    saved_at: r.get(2)?,
                    expires_at: r.get(3)?,
                })
            },
        )
        .optional()?;
    let lookup = match found {
        Some(d) if d.expires_at.as_str() > now => DraftLookup::Found(d),
        Some(d) => {
            // Expired: the blob goes now rather than at the next sweep.
            expire(&tx, draft_id, &d.expires_at)?;
            DraftLookup::Expired
        }
        None => {
            let expired: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM expired_drafts WHERE draft_id = ?1)",
                [draft_id],
                |r| r.get(0),
            )?;
            if expired {
                DraftLookup::Expired
            } else {
                DraftLookup::Missing
            }
        }
    };
    tx.commit()?;
    Ok(lookup)
}

fn expire(tx: &Connection, draft_id: &str, expired_at: &str) -> rusqlite::Result<()> {
    tx.execute("DELETE FROM drafts WHERE draft_id = ?1", [draft_id])?;
    tx.execute(
        "INSERT OR REPLACE INTO expired_drafts (draft_id, expired_at) VALUES (?1, ?2)",
        [draft_id, expired_at],
    )?;
    Ok(())
}

pub(super) fn delete(conn: &mut Connection, draft_id: &str) -> rusqlite::Result<()> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    tx.execute("DELETE FROM drafts WHERE draft_id = ?1", [draft_id])?;
    tx.execute("DELETE FROM expired_drafts WHERE draft_id = ?1", [draft_id])?;
    tx.commit()
}

/// Part of storing a submission: its reference's drafts are no longer needed.
pub(super) fn delete_for_reference(tx: &Connection, reference: &str) -> rusqlite::Result<usize> {
    tx.execute("DELETE FROM drafts WHERE reference = ?1", [reference])
}

pub(super) fn purge(
    conn: &mut Connection,
    now: &str,
    forget_before: &str,
) -> rusqlite::Result<usize> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    tx.execute(
        "INSERT OR REPLACE INTO expired_drafts (draft_id, expired_at)
         SELECT draft_id, expires_at FROM drafts WHERE expires_at <= ?1",
        [now],
    )?;
    let purged = tx.execute("DELETE FROM drafts WHERE expires_at <= ?1", [now])?;
    tx.execute(
        "DELETE FROM expired_drafts WHERE expired_at < ?1",
        [forget_before],
    )?;
    tx.commit()?;
    Ok(purged)
}

pub(super) fn all(conn: &Connection) -> rusqlite::Result<Vec<Draft>> {
    let mut stmt = conn.prepare(
        "SELECT draft_id, reference, nonce, ciphertext, saved_at, expires_at
         FROM drafts ORDER BY saved_at, draft_id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(Draft {
            draft_id: r.get(0)?,
            reference: r.get(1)?,
            nonce: r.get(2)?,
            ciphertext: r.get(3)?,
            saved_at: r.get(4)?,
            expires_at: r.get(5)?,
        })
    })?;
    rows.collect()
}
