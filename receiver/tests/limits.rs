//! Slow clients: hundreds of stalled uploads are cut off after the body
//! timeout while a real submission is served within a second.

mod common;

use std::time::{Duration, Instant};

use common::*;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const STALLED_BODIES: usize = 250;
const STALLED_HEADERS: usize = 50;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stalled_uploads_are_cut_off_and_real_submissions_still_served() {
    let mut c = config(&temp_data_path("slow"), true);
    c.body_timeout = Duration::from_millis(1000);
    c.request_timeout = Duration::from_millis(3000);
    // Fewer slots than stalled uploads: they must not hold any.
    c.concurrency = 64;
    let s = start_with(c).await;

    let started = Instant::now();
    let mut stalled = Vec::new();
    for i in 0..STALLED_BODIES + STALLED_HEADERS {
        let mut stream = TcpStream::connect(s.addr).await.unwrap();
        let head = if i < STALLED_BODIES {
            // Promise 2000 bytes, send 20, then nothing.
            format!(
                "POST /api/submissions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\
                 Idempotency-Key: stall-{i}\r\nContent-Length: 2000\r\n\r\n{{\"schema_version\":1,"
            )
        } else {
            // Headers that never end.
            "POST /api/submissions HTTP/1.1\r\nHost: x\r\n".to_string()
        };
        stream.write_all(head.as_bytes()).await.unwrap();
        stalled.push(stream);
    }

    let t = Instant::now();
    let r = s.submit(&envelope("real-one")).await;
    let took = t.elapsed();
    assert_eq!(r.status, 201, "{}", r.text());
    assert!(
        took < Duration::from_secs(1),
        "real submission took {took:?}"
    );

    // Every stalled connection is answered (408) or closed by the server.
    let mut timed_out_bodies = 0;
    for (i, mut stream) in stalled.into_iter().enumerate() {
        let mut reply = Vec::new();
        let read =
            tokio::time::timeout(Duration::from_secs(4), stream.read_to_end(&mut reply)).await;
        assert!(
            read.is_ok(),
            "stalled connection {i} still open after {:?}",
            started.elapsed()
        );
        if i < STALLED_BODIES {
            let text = String::from_utf8_lossy(&reply);
            assert!(
                text.starts_with("HTTP/1.1 408"),
                "stalled body {i} got {text:?}"
            );
            assert!(
                text.contains(r#"{"errors":{"_form":"The application took too long to arrive."#)
            );
            timed_out_bodies += 1;
        }
    }
    let all_closed = started.elapsed();
    assert!(
        all_closed < Duration::from_secs(4),
        "cut off after {all_closed:?}"
    );
    assert_eq!(timed_out_bodies, STALLED_BODIES);
    assert_eq!(s.rows().len(), 1, "only the real submission is stored");
    eprintln!("slow clients: real submission in {took:?}; all stalled connections closed after {all_closed:?}");
}
