//! `/api/drafts/{draft_id}` (issue 23, "Save and continue later") over real
//! HTTP against a real SQLite file: save, read, overwrite, delete, wrong id,
//! expiry (the test switches' clock), size and guessing limits, deletion by
//! a stored submission, CORS, and a database that holds only what was sent.

mod common;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use common::*;
use serde_json::{json, Value};

const DAY_MS: i64 = 86_400_000;

/// A draft id as the browser derives it: 32 bytes, base64url.
fn draft_id(seed: u8) -> String {
    URL_SAFE_NO_PAD.encode([seed; 32])
}

/// What the browser PUTs: opaque bytes it encrypted.
fn blob(reference: &str, ciphertext: &[u8]) -> Value {
    json!({
        "format": 1,
        "reference": reference,
        "nonce": URL_SAFE_NO_PAD.encode([9u8; 12]),
        "ciphertext": URL_SAFE_NO_PAD.encode(ciphertext),
    })
}

async fn put(s: &TestServer, id: &str, body: &Value) -> Resp {
    put_raw(s, id, body.to_string().as_bytes()).await
}

async fn put_raw(s: &TestServer, id: &str, body: &[u8]) -> Resp {
    request(
        s.addr,
        "PUT",
        &format!("/api/drafts/{id}"),
        &[("Content-Type", "application/json"), ("Origin", ORIGIN)],
        body,
    )
    .await
    .unwrap()
}

async fn get(s: &TestServer, id: &str) -> Resp {
    request(
        s.addr,
        "GET",
        &format!("/api/drafts/{id}"),
        &[("Origin", ORIGIN)],
        b"",
    )
    .await
    .unwrap()
}

async fn delete(s: &TestServer, id: &str) -> Resp {
    request(
        s.addr,
        "DELETE",
        &format!("/api/drafts/{id}"),
        &[("Origin", ORIGIN)],
        b"",
    )
    .await
    .unwrap()
}

async fn move_clock(s: &TestServer, advance_ms: i64) {
    let r = s
        .post_json("/__clock", &json!({ "advance_ms": advance_ms }), &[])
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
}

/// Unix milliseconds of a stored `YYYY-MM-DDTHH:MM:SS.mmmZ`.
fn millis(rfc3339: &str) -> i64 {
    let t = time::OffsetDateTime::parse(rfc3339, &time::format_description::well_known::Rfc3339)
        .unwrap_or_else(|e| panic!("{rfc3339}: {e}"));
    (t.unix_timestamp_nanos() / 1_000_000) as i64
}

fn error_token(r: &Resp) -> String {
    let body = r.json();
    assert!(body["message"].is_string(), "a sentence for people: {body}");
    body["error"].as_str().unwrap_or_default().to_string()
}

#[tokio::test]
async fn save_read_overwrite_and_delete() {
    let s = start("drafts-crud").await;
    let id = draft_id(1);
    let first = put(&s, &id, &blob("ref-a", b"first ciphertext bytes")).await;
    assert_eq!(first.status, 200, "{}", first.text());
    assert_eq!(first.header("access-control-allow-origin"), Some(ORIGIN));
    assert_eq!(first.header("cache-control"), Some("no-store"));
    let expires_at = first.json()["expires_at"].as_str().unwrap().to_string();

    let read = get(&s, &id).await;
    assert_eq!(read.status, 200, "{}", read.text());
    assert_eq!(read.header("cache-control"), Some("no-store"));
    let body = read.json();
    assert_eq!(body["format"], 1);
    assert_eq!(body["nonce"], URL_SAFE_NO_PAD.encode([9u8; 12]));
    assert_eq!(
        body["ciphertext"],
        URL_SAFE_NO_PAD.encode(b"first ciphertext bytes")
    );
    assert_eq!(body["expires_at"], expires_at.as_str());
    let saved_at = body["saved_at"].as_str().unwrap();
    assert_eq!(
        millis(&expires_at) - millis(saved_at),
        30 * DAY_MS,
        "30 days after the save by default"
    );
    assert_eq!(
        body.as_object().unwrap().len(),
        5,
        "exactly the contract's keys: {body}"
    );

    move_clock(&s, 1000).await;
    let second = put(&s, &id, &blob("ref-a", b"second, longer ciphertext bytes")).await;
    assert_eq!(second.status, 200);
    let read = get(&s, &id).await.json();
    assert_eq!(
        read["ciphertext"],
        URL_SAFE_NO_PAD.encode(b"second, longer ciphertext bytes")
    );
    assert!(
        millis(read["expires_at"].as_str().unwrap()) > millis(&expires_at),
        "a save moves the expiry on"
    );
    assert_eq!(s.get("/__drafts").await.json().as_array().unwrap().len(), 1);

    let gone = delete(&s, &id).await;
    assert_eq!(gone.status, 204);
    let r = get(&s, &id).await;
    assert_eq!(r.status, 404);
    assert_eq!(error_token(&r), "no_draft");
    // Deleting again, or what never existed, is still 204.
    assert_eq!(delete(&s, &id).await.status, 204);
    assert_eq!(delete(&s, &draft_id(2)).await.status, 204);
}

#[tokio::test]
async fn a_wrong_id_is_404_and_malformed_requests_400() {
    let s = start("drafts-wrong").await;
    assert_eq!(
        put(&s, &draft_id(1), &blob("ref-a", &[1; 20])).await.status,
        200
    );
    let r = get(&s, &draft_id(3)).await;
    assert_eq!(r.status, 404);
    assert_eq!(r.json()["error"], "no_draft");
    assert_eq!(r.header("access-control-allow-origin"), Some(ORIGIN));
    let r = get(&s, "not-an-id").await;
    assert_eq!(r.status, 404);

    let cases: Vec<(Vec<u8>, &str)> = vec![
        (
            b"{not json".to_vec(),
            "The draft is not in the expected shape",
        ),
        (
            json!({"format": 2, "reference": "r", "nonce": URL_SAFE_NO_PAD.encode([0u8; 12]),
                   "ciphertext": URL_SAFE_NO_PAD.encode([0u8; 16])})
            .to_string()
            .into_bytes(),
            "format must be 1",
        ),
        (
            json!({"format": 1, "reference": "r", "nonce": "short",
                   "ciphertext": URL_SAFE_NO_PAD.encode([0u8; 16])})
            .to_string()
            .into_bytes(),
            "nonce must be 12 bytes in base64url",
        ),
        (
            json!({"format": 1, "reference": "r", "nonce": URL_SAFE_NO_PAD.encode([0u8; 12]),
                   "ciphertext": URL_SAFE_NO_PAD.encode([0u8; 16]), "answers": {"name": "Ada"}})
            .to_string()
            .into_bytes(),
            "unknown field `answers`",
        ),
    ];
    for (body, message) in cases {
        let r = put_raw(&s, &draft_id(4), &body).await;
        assert_eq!(r.status, 400, "{message}");
        assert_eq!(error_token(&r), "malformed");
        assert!(
            r.json()["message"].as_str().unwrap().contains(message),
            "{}",
            r.text()
        );
    }
    let r = put(&s, "short-id", &blob("ref-a", &[1; 20])).await;
    assert_eq!(r.status, 400);
    assert!(r.json()["message"]
        .as_str()
        .unwrap()
        .contains("43 characters"));
    let r = request(
        s.addr,
        "POST",
        &format!("/api/drafts/{}", draft_id(1)),
        &[],
        b"{}",
    )
    .await
    .unwrap();
    assert_eq!(r.status, 405);
    assert_eq!(error_token(&r), "method_not_allowed");
    assert_eq!(s.get("/__drafts").await.json().as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn an_expired_draft_is_410_and_its_blob_is_deleted() {
    let s = start("drafts-expired").await;
    let id = draft_id(5);
    assert_eq!(put(&s, &id, &blob("ref-old", &[7; 32])).await.status, 200);
    move_clock(&s, 30 * DAY_MS - 60_000).await;
    assert_eq!(get(&s, &id).await.status, 200, "a minute before the expiry");
    move_clock(&s, 60_000).await;
    let r = get(&s, &id).await;
    assert_eq!(r.status, 410);
    assert_eq!(error_token(&r), "expired");
    assert_eq!(
        s.get("/__drafts").await.json(),
        json!([]),
        "the blob is gone, not just hidden"
    );
    // Still "expired" (not "no draft") on a later look-up.
    assert_eq!(get(&s, &id).await.status, 410);
    // Saving again under the same code starts afresh.
    assert_eq!(put(&s, &id, &blob("ref-old", &[8; 32])).await.status, 200);
    assert_eq!(get(&s, &id).await.status, 200);
}

#[tokio::test]
async fn draft_days_and_an_enforced_cycle_close_set_the_expiry() {
    let data = temp_data_path("drafts-close");
    let dir = data.parent().unwrap().to_path_buf();
    std::fs::create_dir_all(&dir).unwrap();
    let now_ms = time::OffsetDateTime::now_utc().unix_timestamp() * 1000;
    let in_days =
        |days: i64| receiver::timefmt::format_unix_millis(now_ms / 1000 * 1000 + days * DAY_MS);
    let write = |name: &str, id: &str, closes_at: String, enforce: bool| {
        let path = dir.join(name);
        let mut cycle = full_cycle(
            id,
            json!({}),
            json!([{"id": "a", "title": "A", "fields": [{"id": "name", "kind": "text", "label": "Name"}]}]),
        );
        cycle["deadline"] = json!({"text": "t", "opens_at": "2020-01-01T00:00:00Z",
                                   "closes_at": closes_at, "enforce": enforce});
        std::fs::write(&path, cycle.to_string()).unwrap();
        path
    };
    let soon = write("soon.json", "closes-soon", in_days(3), true);
    let info = write("info.json", "dates-only", in_days(3), false);
    let closed = write("closed.json", "closed-cycle", in_days(-1), true);
    let mut c = config(&data, true);
    c.cycles = vec![soon, info, closed];
    c.draft_days = 7;
    let s = start_with(c).await;
    let with_cycle = |cycle: &str| {
        let mut b = blob("ref-c", &[1; 20]);
        b["cycle_id"] = json!(cycle);
        b
    };
    let expiry = |r: &Resp| millis(r.json()["expires_at"].as_str().unwrap());

    let r = put(&s, &draft_id(1), &blob("ref-c", &[1; 20])).await;
    assert!(
        (expiry(&r) - now_ms - 7 * DAY_MS).abs() < 60_000,
        "--draft-days 7"
    );
    let r = put(&s, &draft_id(2), &with_cycle("closes-soon")).await;
    assert_eq!(r.status, 200);
    assert_eq!(
        expiry(&r),
        millis(&in_days(3)),
        "the enforced close is earlier"
    );
    let r = put(&s, &draft_id(3), &with_cycle("dates-only")).await;
    assert!(
        (expiry(&r) - now_ms - 7 * DAY_MS).abs() < 60_000,
        "dates that are information only do not end drafts"
    );
    let r = put(&s, &draft_id(4), &with_cycle("unknown-cycle")).await;
    assert!((expiry(&r) - now_ms - 7 * DAY_MS).abs() < 60_000);
    let r = put(&s, &draft_id(5), &with_cycle("closed-cycle")).await;
    assert_eq!(r.status, 410);
    assert_eq!(error_token(&r), "closed");
    assert_eq!(s.get("/__drafts").await.json().as_array().unwrap().len(), 4);
}

#[tokio::test]
async fn a_draft_over_the_size_limit_is_413() {
    let mut c = config(&temp_data_path("drafts-big"), true);
    c.draft_max_bytes = 4096;
    let s = start_with(c).await;
    let r = put(&s, &draft_id(1), &blob("ref-big", &[3; 3000])).await;
    assert_eq!(r.status, 200, "a draft under the limit");
    let r = put(&s, &draft_id(2), &blob("ref-big", &[3; 4000])).await;
    assert_eq!(r.status, 413);
    assert_eq!(error_token(&r), "too_large");
    assert_eq!(
        r.json()["message"],
        "The saved application is too large: it must be 4 KB or less."
    );
    assert_eq!(r.header("access-control-allow-origin"), Some(ORIGIN));
    assert_eq!(get(&s, &draft_id(2)).await.status, 404);
}

#[tokio::test]
async fn guessing_ids_is_rate_limited_with_retry_after() {
    let mut c = config(&temp_data_path("drafts-guess"), true);
    c.draft_guess_limit = 3;
    let s = start_with(c).await;
    let real = draft_id(200);
    assert_eq!(put(&s, &real, &blob("ref-g", &[1; 20])).await.status, 200);
    // Hits cost nothing.
    for _ in 0..5 {
        assert_eq!(get(&s, &real).await.status, 200);
    }
    for seed in 0..3 {
        assert_eq!(get(&s, &draft_id(seed)).await.status, 404, "miss {seed}");
    }
    let r = get(&s, &draft_id(10)).await;
    assert_eq!(r.status, 429);
    assert_eq!(error_token(&r), "rate_limited");
    let wait: u64 = r.header("retry-after").unwrap().parse().unwrap();
    assert!(
        (590..=600).contains(&wait),
        "until the oldest miss is 10 minutes old: {wait}"
    );
    assert!(r.json()["message"]
        .as_str()
        .unwrap()
        .contains(&format!("Try again in {wait} seconds")));
    assert_eq!(r.header("access-control-allow-origin"), Some(ORIGIN));
    // Now even the real id is refused: a guesser cannot tell hits by status.
    assert_eq!(get(&s, &real).await.status, 429);
    // Saving is not a look-up.
    assert_eq!(
        put(&s, &draft_id(201), &blob("ref-g", &[1; 20]))
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn behind_a_proxy_guessing_is_limited_per_forwarded_client() {
    let mut c = config(&temp_data_path("drafts-guess-xff"), true);
    c.draft_guess_limit = 1;
    c.trust_forwarded = true;
    let s = start_with(c).await;
    let look = |ip: &'static str| {
        let addr = s.addr;
        async move {
            request(
                addr,
                "GET",
                &format!("/api/drafts/{}", draft_id(50)),
                &[("X-Forwarded-For", ip)],
                b"",
            )
            .await
            .unwrap()
            .status
        }
    };
    assert_eq!(look("203.0.113.1").await, 404);
    assert_eq!(look("203.0.113.1").await, 429);
    assert_eq!(
        look("203.0.113.2").await,
        404,
        "another client's own budget"
    );
}

#[tokio::test]
async fn the_draft_endpoint_has_its_own_request_rate_limit() {
    let mut c = config(&temp_data_path("drafts-rate"), true);
    c.rate_burst = 2;
    c.rate_per_minute = 1;
    let s = start_with(c).await;
    for seed in 0..2 {
        assert_eq!(
            put(&s, &draft_id(seed), &blob("ref-r", &[1; 20]))
                .await
                .status,
            200
        );
    }
    let r = put(&s, &draft_id(3), &blob("ref-r", &[1; 20])).await;
    assert_eq!(r.status, 429);
    assert!(r.header("retry-after").is_some());
    assert_eq!(error_token(&r), "rate_limited");
    // Submissions keep their own budget.
    assert_eq!(s.submit(&envelope("ref-after-drafts")).await.status, 201);
}

#[tokio::test]
async fn a_stored_submission_deletes_its_drafts_in_the_same_transaction() {
    let s = start("drafts-submit").await;
    let reference = "0b7e4b9a-6f7e-4c55-9a55-1d2f3c4b5a69";
    for seed in [1, 2] {
        assert_eq!(
            put(&s, &draft_id(seed), &blob(reference, &[1; 20]))
                .await
                .status,
            200
        );
    }
    assert_eq!(
        put(&s, &draft_id(3), &blob("someone-else", &[1; 20]))
            .await
            .status,
        200
    );
    // A refused submission keeps them.
    let mut bad = envelope(reference);
    bad["answers"]["first_name"] = json!("x".repeat(20_000));
    assert_eq!(s.submit(&bad).await.status, 400);
    s.faults(json!({"fail_next": 1, "fail_status": 503})).await;
    assert_eq!(s.submit(&envelope(reference)).await.status, 503);
    assert_eq!(s.get("/__drafts").await.json().as_array().unwrap().len(), 3);

    assert_eq!(s.submit(&envelope(reference)).await.status, 201);
    assert_eq!(get(&s, &draft_id(1)).await.status, 404);
    assert_eq!(get(&s, &draft_id(2)).await.status, 404);
    assert_eq!(
        get(&s, &draft_id(3)).await.status,
        200,
        "another application's draft stays"
    );
}

#[tokio::test]
async fn the_database_holds_exactly_what_was_sent() {
    let s = start("drafts-opaque").await;
    let id = draft_id(77);
    let ciphertext: Vec<u8> = (0..=255u8).cycle().take(600).collect();
    let sent = blob("ref-opaque", &ciphertext);
    assert_eq!(put(&s, &id, &sent).await.status, 200);
    let data = s.stop().await;
    let conn = receiver::store::open_connection(&data).unwrap();
    let columns: Vec<String> = conn
        .prepare("SELECT name FROM pragma_table_info('drafts') ORDER BY cid")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(
        columns,
        [
            "draft_id",
            "reference",
            "nonce",
            "ciphertext",
            "saved_at",
            "expires_at"
        ],
        "no column for anything but the blob and its times"
    );
    let row: (String, String, Vec<u8>, Vec<u8>) = conn
        .query_row(
            "SELECT draft_id, reference, nonce, ciphertext FROM drafts",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    assert_eq!(
        row,
        (id, "ref-opaque".to_string(), vec![9u8; 12], ciphertext)
    );
}

#[tokio::test]
async fn cors_allows_get_put_and_delete_for_allowed_origins() {
    let s = start("drafts-cors").await;
    for method in ["GET", "PUT", "DELETE"] {
        let r = request(
            s.addr,
            "OPTIONS",
            &format!("/api/drafts/{}", draft_id(1)),
            &[
                ("Origin", ORIGIN),
                ("Access-Control-Request-Method", method),
                ("Access-Control-Request-Headers", "content-type"),
            ],
            b"",
        )
        .await
        .unwrap();
        assert!(r.status == 200 || r.status == 204, "{method}: {}", r.status);
        assert_eq!(r.header("access-control-allow-origin"), Some(ORIGIN));
        assert!(
            r.header("access-control-allow-methods")
                .unwrap()
                .contains(method),
            "{method}"
        );
    }
    let r = request(
        s.addr,
        "OPTIONS",
        &format!("/api/drafts/{}", draft_id(1)),
        &[
            ("Origin", "https://evil.example"),
            ("Access-Control-Request-Method", "GET"),
        ],
        b"",
    )
    .await
    .unwrap();
    assert!(r.header("access-control-allow-origin").is_none());
}

#[tokio::test]
async fn the_sweep_deletes_expired_blobs_without_a_look_up() {
    let s = start("drafts-sweep").await;
    assert_eq!(
        put(&s, &draft_id(1), &blob("ref-s", &[1; 20])).await.status,
        200
    );
    move_clock(&s, 10 * DAY_MS).await;
    assert_eq!(
        put(&s, &draft_id(2), &blob("ref-s", &[2; 20])).await.status,
        200
    );
    move_clock(&s, 20 * DAY_MS).await;
    let r = s.post_json("/__sweep", &json!({}), &[]).await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["deleted"], 1);
    let left = s.get("/__drafts").await.json();
    assert_eq!(left.as_array().unwrap().len(), 1);
    assert_eq!(left[0]["draft_id"], draft_id(2));
    assert_eq!(get(&s, &draft_id(1)).await.status, 410);
    // Once it has been expired for longer than --draft-days, it is forgotten.
    move_clock(&s, 31 * DAY_MS).await;
    s.post_json("/__sweep", &json!({}), &[]).await;
    assert_eq!(get(&s, &draft_id(1)).await.status, 404);
}

#[tokio::test]
async fn the_test_clock_exists_only_with_test_switches() {
    let s = start_with(config(&temp_data_path("drafts-noclock"), false)).await;
    let r = s
        .post_json("/__clock", &json!({"advance_ms": 1}), &[])
        .await;
    assert_eq!(r.status, 404);
    assert_eq!(s.post_json("/__sweep", &json!({}), &[]).await.status, 404);
}
