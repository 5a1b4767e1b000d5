//! `kill -9` of the real binary in the middle of a few hundred concurrent
//! submissions, a restart on the same database, and clients that retry what
//! they did not see acknowledged: each application is stored exactly once
//! and every row reads back intact.

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use common::*;
use serde_json::{json, Value};

const CLIENTS: usize = 300;

fn body(i: usize) -> Value {
    let mut v = envelope(&format!("crash-{i:04}"));
    v["answers"]["essay"] = json!(format!("Zoë Ñúñez-O’Brien {i} ").repeat(40));
    v
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_9_mid_flood_then_retries_store_each_exactly_once() {
    let data = temp_data_path("crash");
    let first = spawn_receiver(&data, &[]);
    let addr = first.addr;
    let pid = first.child.id() as i32;
    let acked = Arc::new(AtomicUsize::new(0));

    let tasks: Vec<_> = (0..CLIENTS)
        .map(|i| {
            let acked = acked.clone();
            tokio::spawn(async move {
                let ok = matches!(submit_to(addr, &body(i)).await, Ok(r) if r.status == 201);
                if ok {
                    acked.fetch_add(1, Ordering::SeqCst);
                }
                ok
            })
        })
        .collect();
    // Kill once a third has been acknowledged: writes are then in flight.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    while acked.load(Ordering::SeqCst) < CLIENTS / 3 && tokio::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    // SAFETY: kill(2) on the child's own pid, with a valid signal number.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGKILL) }, 0);
    let mut unacked = Vec::new();
    for (i, t) in tasks.into_iter().enumerate() {
        if !t.await.unwrap() {
            unacked.push(i);
        }
    }
    drop(first);
    let before_restart = CLIENTS - unacked.len();
    assert!(
        before_restart >= CLIENTS / 3 && !unacked.is_empty(),
        "the kill must land mid-flood: {before_restart} of {CLIENTS} acknowledged"
    );

    let second = spawn_receiver(&data, &[]);
    let mut replayed = 0;
    for &i in &unacked {
        let r = submit_to(second.addr, &body(i))
            .await
            .expect("retry reaches the restarted receiver");
        match r.status {
            201 => {}
            200 => replayed += 1,
            other => panic!("retry of {i}: {other} {}", r.text()),
        }
    }
    drop(second);

    let rows = read_rows(&data);
    assert_eq!(rows.len(), CLIENTS, "each application exactly once");
    let mut seen = std::collections::HashSet::new();
    for row in &rows {
        let i: usize = row.reference["crash-".len()..].parse().unwrap();
        assert!(seen.insert(i), "{} stored twice", row.reference);
        assert_eq!(
            row.envelope,
            stored_form(&body(i)),
            "row {} reads back as sent (but for its secret)",
            row.reference
        );
        assert_eq!(
            row.body_sha256,
            receiver::store::body_sha256(body(i).to_string().as_bytes())
        );
    }
    let conn = receiver::store::open_connection(&data).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    eprintln!(
        "crash test: {before_restart} acknowledged before kill -9, {} retried ({replayed} were stored already and replayed)",
        unacked.len()
    );
}
