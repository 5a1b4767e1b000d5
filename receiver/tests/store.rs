//! The store on its own: a write handed to the writer completes even when
//! the future waiting for it is dropped (a client that gave up, a timeout).

mod common;

use std::future::Future;
use std::pin::Pin;
use std::task::Poll;

use common::*;
use receiver::envelope::{from_json, Rules};
use receiver::store::{body_sha256, NewSubmission, Recorded, Store};

fn submission(reference: &str) -> NewSubmission {
    let body = envelope(reference).to_string();
    NewSubmission {
        idempotency_key: format!("{reference}.v1"),
        body_sha256: body_sha256(body.as_bytes()),
        encoding: "json",
        envelope: from_json(body.as_bytes(), &Rules::with_limit(10_000)).unwrap(),
    }
}

async fn poll_once<F: Future>(fut: Pin<&mut F>) -> Poll<F::Output> {
    let mut fut = Some(fut);
    std::future::poll_fn(|cx| Poll::Ready(fut.take().map(|f| f.poll(cx)).unwrap_or(Poll::Pending)))
        .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_write_completes_when_its_waiter_is_dropped() {
    let data = temp_data_path("store-drop");
    let store = Store::open(&data).unwrap();
    // Hand over 100 writes first (one poll each sends the job), so the
    // writer is certainly still busy when our waiter goes away.
    let mut ahead: Vec<_> = (0..100)
        .map(|i| Box::pin(store.record(submission(&format!("ahead-{i}")))))
        .collect();
    // On a busy machine the writer thread may finish an early one before its
    // poll looks: only that it was handed over matters here, and a future
    // that answered is not polled again.
    let mut answered = Vec::new();
    for fut in &mut ahead {
        answered.push(match poll_once(fut.as_mut()).await {
            Poll::Ready(result) => Some(result),
            Poll::Pending => None,
        });
    }
    let mut ours = Box::pin(store.record(submission("given-up")));
    assert!(poll_once(ours.as_mut()).await.is_pending());
    drop(ours);
    for (fut, early) in ahead.into_iter().zip(answered) {
        let result = match early {
            Some(result) => result,
            None => fut.await,
        };
        assert!(matches!(result, Ok(Recorded::Stored(_))));
    }
    store.drain().await.unwrap();
    let refs: Vec<String> = read_rows(&data).into_iter().map(|r| r.reference).collect();
    assert!(
        refs.contains(&"given-up".to_string()),
        "the given-up write was not completed"
    );
    assert_eq!(refs.len(), 101);
    // Its retry is a replay of what was stored.
    assert!(matches!(
        store.record(submission("given-up")).await,
        Ok(Recorded::Replayed(_))
    ));
}
