//! A full disk: the database on a small tmpfs that the test fills. Every
//! acknowledged submission reads back, a write that fails answers 503 with
//! Retry-After and leaves nothing behind, and writes succeed again once
//! space returns. Needs root (to mount); otherwise it says why and skips.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;
use serde_json::{json, Value};

struct Mounted(PathBuf);

impl Drop for Mounted {
    fn drop(&mut self) {
        // The server's writer thread closes the database a moment after the
        // server is dropped; until then the mount is busy.
        for _ in 0..50 {
            let done = Command::new("umount")
                .arg(&self.0)
                .stderr(std::process::Stdio::null())
                .status()
                .is_ok_and(|s| s.success());
            if done {
                let _ = std::fs::remove_dir(&self.0);
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        eprintln!("could not unmount {}", self.0.display());
    }
}

fn mount_small_tmpfs(dir: &Path) -> Result<Mounted, String> {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        return Err("not running as root, so no tmpfs can be mounted".into());
    }
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    let out = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=1m,mode=0700", "tmpfs"])
        .arg(dir)
        .output()
        .map_err(|e| format!("cannot run mount: {e}"))?;
    if !out.status.success() {
        let _ = std::fs::remove_dir(dir);
        return Err(format!(
            "mount -t tmpfs failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    Ok(Mounted(dir.to_path_buf()))
}

/// Writes until the file system is full; returns the filler's size.
fn fill(path: &Path) -> u64 {
    let mut f = std::fs::File::create(path).unwrap();
    let chunk = vec![0u8; 16 * 1024];
    let mut written = 0u64;
    while let Ok(n) = f.write(&chunk) {
        if n == 0 {
            break;
        }
        written += n as u64;
    }
    let _ = f.sync_all();
    written
}

fn body(i: usize) -> Value {
    let mut v = envelope(&format!("disk-{i:03}"));
    v["answers"]["essay"] = json!(format!("Zoë {i} ").repeat(1000));
    v
}

#[tokio::test]
async fn full_disk_fails_cleanly_with_503_and_recovers() {
    let dir = temp_dir("tmpfs");
    let _mount = match mount_small_tmpfs(&dir) {
        Ok(m) => m,
        Err(reason) => {
            eprintln!("SKIPPED full-disk test: {reason}");
            return;
        }
    };
    let data = dir.join("submissions.db");
    let s = start_with(config(&data, true)).await;
    assert_eq!(s.submit(&body(0)).await.status, 201);
    let mut acked = vec![0];

    // Fill the disk, then give back a little so a few writes fit.
    let filler = dir.join("filler");
    let size = fill(&filler);
    let f = std::fs::OpenOptions::new()
        .write(true)
        .open(&filler)
        .unwrap();
    f.set_len(size.saturating_sub(96 * 1024)).unwrap();
    drop(f);

    let mut failed = None;
    for i in 1..200 {
        let r = s.submit(&body(i)).await;
        match r.status {
            201 => acked.push(i),
            503 => {
                assert!(r.header("retry-after").is_some(), "503 without Retry-After");
                let msg = r.json()["errors"]["_form"].as_str().unwrap().to_string();
                assert!(msg.contains("could not be stored"), "{msg}");
                failed = Some(i);
                break;
            }
            other => panic!("submission {i}: {other} {}", r.text()),
        }
    }
    let failed = failed.expect("the disk never filled up");
    assert!(acked.len() >= 2, "some writes should have fit: {acked:?}");
    // Still full: still a clean 503, and a replay of an acknowledged one still works.
    assert_eq!(s.submit(&body(failed)).await.status, 503);
    assert_eq!(s.submit(&body(acked[1])).await.status, 200);

    std::fs::remove_file(&filler).unwrap();
    let r = s.submit(&body(failed)).await;
    assert_eq!(r.status, 201, "after space returns: {}", r.text());
    acked.push(failed);
    let r = s.submit(&body(500)).await;
    assert_eq!(r.status, 201);
    acked.push(500);

    let data = s.stop().await;
    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    let rows = read_rows(&data);
    let refs: Vec<String> = rows.iter().map(|r| r.reference.clone()).collect();
    let expected: Vec<String> = acked.iter().map(|i| format!("disk-{i:03}")).collect();
    assert_eq!(
        refs, expected,
        "exactly the acknowledged submissions, in order"
    );
    for (row, i) in rows.iter().zip(&acked) {
        assert_eq!(row.envelope, stored_form(&body(*i)));
    }
    let conn = receiver::store::open_connection(&data).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    eprintln!("full disk: {} acknowledged while the disk filled; submission {failed} got 503 and was stored after space returned", acked.len() - 3);
}
