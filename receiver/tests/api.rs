//! The receiver's HTTP behaviour over real TCP, against a real SQLite file.

mod common;

use std::os::unix::fs::PermissionsExt;
use std::time::{Duration, Instant};

use common::*;
use serde_json::{json, Value};

#[tokio::test]
async fn health_is_ok() {
    let s = start("health").await;
    let r = s.get("/api/health").await;
    assert_eq!(r.status, 200);
    assert_eq!(r.json(), json!({"ok": true}));
}

#[tokio::test]
async fn json_submission_is_stored_once_with_typed_values_and_its_receipt() {
    let s = start("json").await;
    let mut body = envelope("0b7e4b9a-6f7e-4c55-9a55-1d2f3c4b5a69");
    body["version"] = json!(2);
    let r = s.submit(&body).await;
    assert_eq!(r.status, 201, "{}", r.text());
    let receipt = r.json();
    assert_eq!(receipt["reference"], "0b7e4b9a-6f7e-4c55-9a55-1d2f3c4b5a69");
    assert_eq!(receipt["version"], 2);
    let received_at = receipt["received_at"].as_str().unwrap();
    assert!(
        received_at.ends_with('Z') && received_at.len() == 24,
        "{received_at}"
    );
    assert!(r.header("idempotent-replayed").is_none());

    let rows = s.rows();
    assert_eq!(rows.len(), 1);
    let row = &rows[0];
    assert_eq!(
        row.idempotency_key,
        "0b7e4b9a-6f7e-4c55-9a55-1d2f3c4b5a69.v2"
    );
    assert_eq!(row.reference, "0b7e4b9a-6f7e-4c55-9a55-1d2f3c4b5a69");
    assert_eq!(row.version, 2);
    assert_eq!(row.received_at, received_at);
    assert_eq!(row.encoding, "json");
    assert_eq!(
        row.body_sha256,
        receiver::store::body_sha256(body.to_string().as_bytes())
    );
    assert_eq!(
        row.envelope,
        stored_form(&body),
        "stored envelope equals what was sent, but for the secret"
    );
    let answers = &row.envelope["answers"];
    assert_eq!(answers["years_experience"], json!(12));
    assert_eq!(answers["willing_to_mentor_two"], json!(true));
    assert_eq!(answers["ways"], json!(["email", "phone"]));

    // /__submissions lists the row in the shape the e2e tests read.
    let listed = s.get("/__submissions").await.json();
    assert_eq!(listed[0]["receipt"], row.reference);
    assert_eq!(listed[0]["envelope"], stored_form(&body));
    assert_eq!(listed[0]["encoding"], "json");
    assert_eq!(listed[0]["idempotency_key"], row.idempotency_key);
}

#[tokio::test]
async fn payload_without_version_is_version_one() {
    let s = start("noversion").await;
    let mut body = envelope("old-client");
    body.as_object_mut().unwrap().remove("version");
    let r = s
        .submit_with(&body, &[("Idempotency-Key", "old-client.v1")])
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
    assert_eq!(r.json()["version"], 1);
    assert_eq!(s.rows()[0].version, 1);
}

#[tokio::test]
async fn put_and_charset_are_accepted() {
    let s = start("put").await;
    let r = request(
        s.addr,
        "PUT",
        "/api/submissions",
        &[
            ("Content-Type", "application/json; charset=utf-8"),
            ("Idempotency-Key", "ref-put.v1"),
        ],
        envelope("ref-put").to_string().as_bytes(),
    )
    .await
    .unwrap();
    assert_eq!(r.status, 201, "{}", r.text());
    assert_eq!(s.rows().len(), 1);
}

#[tokio::test]
async fn form_submission_with_repeated_keys_is_stored_as_envelope() {
    let s = start("form").await;
    let body = format!(
        "schema_version=2&cycle_id=fall-2020-mentor&submitted_at=2026-11-29T23%3A59%3A00.000Z\
         &reference=ref-form-1&version=3&version_secret={}&first_name=Zo%C3%AB\
         &email=ada%40example.org&years=12&ways=email&ways=phone",
        secret_for("ref-form-1")
    );
    let r = request(
        s.addr,
        "POST",
        "/api/submissions",
        &[
            (
                "Content-Type",
                "application/x-www-form-urlencoded; charset=UTF-8",
            ),
            ("Idempotency-Key", "ref-form-1.v3"),
        ],
        body.as_bytes(),
    )
    .await
    .unwrap();
    assert_eq!(r.status, 201, "{}", r.text());
    assert_eq!(r.json()["reference"], "ref-form-1");
    assert_eq!(r.json()["version"], 3);
    let rows = s.rows();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].encoding, "form");
    assert_eq!(
        rows[0].envelope,
        json!({
            "schema_version": 2,
            "cycle_id": "fall-2020-mentor",
            "submitted_at": "2026-11-29T23:59:00.000Z",
            "reference": "ref-form-1",
            "version": 3,
            "answers": {"first_name": "Zoë", "email": "ada@example.org", "years": "12",
                        "ways": ["email", "phone"]}
        })
    );
}

#[tokio::test]
async fn a_cross_site_html_form_post_stores_nothing() {
    // What a plain `<form method=post>` on another site can send: urlencoded,
    // no custom headers.
    let s = start("csrf").await;
    let r = request(
        s.addr,
        "POST",
        "/api/submissions",
        &[
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Origin", "https://evil.example"),
        ],
        b"schema_version=1&cycle_id=fall-2020-mentor&submitted_at=now&reference=junk&first_name=x",
    )
    .await
    .unwrap();
    assert_eq!(r.status, 400);
    assert_eq!(
        r.json(),
        json!({"errors": {"_form": "The request has no Idempotency-Key header, so it was not stored."}})
    );
    assert!(r.header("access-control-allow-origin").is_none());
    assert!(s.rows().is_empty());
}

#[tokio::test]
async fn same_key_same_body_replays_the_receipt_and_different_body_is_409() {
    let s = start("idem").await;
    let body = envelope("ref-idem");
    let first = s.submit(&body).await;
    assert_eq!(first.status, 201);
    let second = s.submit(&body).await;
    assert_eq!(second.status, 200);
    assert_eq!(second.header("idempotent-replayed"), Some("true"));
    assert_eq!(first.body, second.body, "the stored receipt, byte for byte");

    let mut changed = body.clone();
    changed["answers"]["first_name"] = json!("Grace");
    let third = s.submit(&changed).await;
    assert_eq!(third.status, 409);
    let msg = third.json()["errors"]["_form"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(msg.contains("different answers"), "{msg}");
    assert_eq!(s.rows().len(), 1);
    assert_eq!(s.rows()[0].envelope["answers"]["first_name"], "Ada");

    // A new version under its own key is a new row.
    changed["version"] = json!(2);
    assert_eq!(s.submit(&changed).await.status, 201);
    assert_eq!(s.rows().len(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn same_key_twenty_times_at_once_is_one_row_and_one_receipt() {
    let s = start("twenty").await;
    let addr = s.addr;
    let body = envelope("ref-twenty");
    let tasks: Vec<_> = (0..20)
        .map(|_| {
            let body = body.clone();
            tokio::spawn(async move { submit_to(addr, &body).await.unwrap() })
        })
        .collect();
    let mut replies = Vec::new();
    for t in tasks {
        replies.push(t.await.unwrap());
    }
    let created = replies.iter().filter(|r| r.status == 201).count();
    let replayed = replies
        .iter()
        .filter(|r| r.status == 200 && r.header("idempotent-replayed") == Some("true"))
        .count();
    assert_eq!(
        (created, replayed),
        (1, 19),
        "statuses: {:?}",
        replies.iter().map(|r| r.status).collect::<Vec<_>>()
    );
    assert!(
        replies.iter().all(|r| r.body == replies[0].body),
        "one receipt in every reply"
    );
    assert_eq!(s.rows().len(), 1);
}

#[tokio::test]
async fn shape_errors_are_400_in_the_forms_shape() {
    let s = start("shape").await;
    let form_msg = |r: &Resp| {
        r.json()["errors"]["_form"]
            .as_str()
            .unwrap_or("")
            .to_string()
    };
    let cases: Vec<(Value, &str)> = vec![
        (json!([]), "The request body must be a JSON object"),
        (
            {
                let mut v = envelope("r");
                v["extra"] = json!(1);
                v
            },
            "The request has an unknown field `extra`",
        ),
        (
            {
                let mut v = envelope("r");
                v["schema_version"] = json!(3);
                v
            },
            "schema_version must be 2 (or 1, from forms before version secrets)",
        ),
        (
            {
                let mut v = envelope("r");
                v["version"] = json!(0);
                v
            },
            "version must be a whole number from 1 to 1000000",
        ),
        (
            {
                let mut v = envelope("r");
                v.as_object_mut().unwrap().remove("cycle_id");
                v
            },
            "cycle_id is required",
        ),
    ];
    for (body, expected) in cases {
        let r = s.submit_with(&body, &[("Idempotency-Key", "k")]).await;
        assert_eq!(r.status, 400, "{body}");
        assert_eq!(form_msg(&r), expected);
    }
    let r = request(
        s.addr,
        "POST",
        "/api/submissions",
        &[
            ("Content-Type", "application/json"),
            ("Idempotency-Key", "k"),
        ],
        b"{not json",
    )
    .await
    .unwrap();
    assert!(form_msg(&r).starts_with("The request body is not valid JSON"));
    let r = s
        .submit_with(&envelope("r"), &[("Idempotency-Key", "has space")])
        .await;
    assert_eq!(r.status, 400);
    assert_eq!(
        form_msg(&r),
        "The Idempotency-Key header must be visible ASCII characters only"
    );
    let long = "k".repeat(201);
    let r = s
        .submit_with(&envelope("r"), &[("Idempotency-Key", &long)])
        .await;
    assert_eq!(
        form_msg(&r),
        "The Idempotency-Key header must be 200 characters or less"
    );
    assert!(s.rows().is_empty());
}

#[tokio::test]
async fn answers_over_the_length_limit_are_named_with_the_limit() {
    let mut c = config(&temp_data_path("long"), true);
    c.max_answer_chars = 20;
    let s = start_with(c).await;
    let mut body = envelope("ref-long");
    body["answers"]["first_name"] = json!("x".repeat(21));
    body["answers"]["ways"] = json!(["fine", "y".repeat(21)]);
    let r = s.submit(&body).await;
    assert_eq!(r.status, 400);
    assert_eq!(
        r.json(),
        json!({"errors": {
            "first_name": "This answer must be 20 characters or less",
            "ways": "This answer must be 20 characters or less"
        }})
    );
    assert!(s.rows().is_empty());
    // Twenty characters (not bytes) are fine.
    body["answers"]["first_name"] = json!("ë".repeat(20));
    body["answers"]["ways"] = json!(["fine"]);
    assert_eq!(s.submit(&body).await.status, 201);
}

#[tokio::test]
async fn other_content_types_are_415() {
    let s = start("ctype").await;
    let r = request(
        s.addr,
        "POST",
        "/api/submissions",
        &[("Content-Type", "text/plain"), ("Idempotency-Key", "k")],
        b"hello",
    )
    .await
    .unwrap();
    assert_eq!(r.status, 415);
    assert!(r.json()["errors"]["_form"]
        .as_str()
        .unwrap()
        .contains("application/json"));
}

#[tokio::test]
async fn oversized_body_is_413_in_the_forms_shape() {
    let s = start("big").await;
    let mut body = envelope("ref-big");
    body["answers"]["essay"] = json!("z".repeat(70 * 1024));
    let r = s.submit(&body).await;
    assert_eq!(r.status, 413);
    assert_eq!(
        r.json()["errors"]["_form"],
        "The application is too large to send: it must be 64 KB or less. Shorten the longest answers."
    );
    assert!(s.rows().is_empty());
}

#[tokio::test]
async fn unknown_paths_and_methods_are_form_shaped() {
    let s = start("paths").await;
    let r = s.get("/api/nothing").await;
    assert_eq!(r.status, 404);
    assert_eq!(
        r.json()["errors"]["_form"],
        "There is nothing at this address."
    );
    let r = s.get("/api/submissions").await;
    assert_eq!(r.status, 405);
    assert!(r.json()["errors"]["_form"].is_string());
}

#[tokio::test]
async fn preflight_allows_the_two_headers_for_allowed_origins_only() {
    let s = start("cors").await;
    let addr = s.addr;
    let preflight = |origin: &'static str| async move {
        let headers = [
            ("Origin", origin),
            ("Access-Control-Request-Method", "POST"),
            (
                "Access-Control-Request-Headers",
                "content-type,idempotency-key",
            ),
        ];
        request(addr, "OPTIONS", "/api/submissions", &headers, b"").await
    };
    let r = preflight(ORIGIN).await.unwrap();
    assert!(r.status == 200 || r.status == 204, "{}", r.status);
    assert_eq!(r.header("access-control-allow-origin"), Some(ORIGIN));
    let allowed = r
        .header("access-control-allow-headers")
        .unwrap()
        .to_ascii_lowercase();
    assert!(
        allowed.contains("content-type") && allowed.contains("idempotency-key"),
        "{allowed}"
    );
    assert!(r
        .header("access-control-allow-methods")
        .unwrap()
        .contains("POST"));
    assert_eq!(r.header("access-control-max-age"), Some("600"));

    let r = preflight("https://evil.example").await.unwrap();
    // Without Allow-Origin the browser refuses the request itself.
    assert!(r.header("access-control-allow-origin").is_none());

    // Actual replies to an allowed origin expose the two headers the app reads.
    let r = s
        .submit_with(
            &envelope("ref-cors"),
            &[("Idempotency-Key", "ref-cors.v1"), ("Origin", ORIGIN)],
        )
        .await;
    assert_eq!(r.status, 201);
    assert_eq!(r.header("access-control-allow-origin"), Some(ORIGIN));
    let exposed = r
        .header("access-control-expose-headers")
        .unwrap()
        .to_ascii_lowercase();
    assert!(exposed.contains("retry-after") && exposed.contains("idempotent-replayed"));
}

#[tokio::test]
async fn wildcard_origin_echoes_request_origin() {
    let mut c = config(&temp_data_path("wild"), true);
    c.allow_origins = vec!["*".into()];
    let s = start_with(c).await;
    let r = request(
        s.addr,
        "OPTIONS",
        "/api/submissions",
        &[
            ("Origin", "https://forms.example.org"),
            ("Access-Control-Request-Method", "POST"),
        ],
        b"",
    )
    .await
    .unwrap();
    assert_eq!(
        r.header("access-control-allow-origin"),
        Some("https://forms.example.org")
    );
}

#[tokio::test]
async fn past_the_rate_limit_is_429_with_retry_after() {
    let mut c = config(&temp_data_path("rate"), true);
    c.rate_burst = 3;
    c.rate_per_minute = 1;
    let s = start_with(c).await;
    for i in 0..3 {
        let r = s.submit(&envelope(&format!("ref-rate-{i}"))).await;
        assert_eq!(r.status, 201, "request {i}: {}", r.text());
    }
    let r = s
        .submit_with(
            &envelope("ref-rate-x"),
            &[("Idempotency-Key", "x"), ("Origin", ORIGIN)],
        )
        .await;
    assert_eq!(r.status, 429);
    let wait: u64 = r.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=60).contains(&wait), "{wait}");
    let msg = r.json()["errors"]["_form"].as_str().unwrap().to_string();
    assert!(
        msg.contains(&format!("Try again in {wait} seconds")),
        "{msg}"
    );
    assert_eq!(
        r.header("access-control-allow-origin"),
        Some(ORIGIN),
        "the app can read it"
    );
    assert_eq!(s.rows().len(), 3);
    // Health checks are not rate limited.
    assert_eq!(s.get("/api/health").await.status, 200);
}

#[tokio::test]
async fn database_files_are_private() {
    let s = start("modes").await;
    assert_eq!(s.submit(&envelope("ref-mode")).await.status, 201);
    let folder = s.data.parent().unwrap();
    assert_eq!(
        std::fs::metadata(folder).unwrap().permissions().mode() & 0o777,
        0o700
    );
    for suffix in ["", "-wal", "-shm"] {
        let path = format!("{}{suffix}", s.data.display());
        let mode = std::fs::metadata(&path)
            .unwrap_or_else(|e| panic!("{path}: {e}"))
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "{path}");
    }
}

#[tokio::test]
async fn a_json_lines_file_is_refused_with_a_clear_message() {
    let data = temp_dir("jsonl").join("submissions.jsonl");
    std::fs::create_dir_all(data.parent().unwrap()).unwrap();
    std::fs::write(&data, "{\"receipt\":\"ALSC-AAAAAA\"}\n").unwrap();
    let Err(e) = receiver::serve(config(&data, true)).await else {
        panic!("a JSON Lines file must not be opened as a database");
    };
    assert!(e.to_string().contains("is not a SQLite database"), "{e}");
}

#[tokio::test]
async fn data_and_keys_survive_a_restart() {
    let s = start("restart").await;
    let body = envelope("ref-restart");
    let first = s.submit(&body).await;
    assert_eq!(first.status, 201);
    let data = s.stop().await;

    let s = start_with(config(&data, true)).await;
    assert_eq!(s.get("/__stats").await.json()["stored"], 1);
    let again = s.submit(&body).await;
    assert_eq!(again.status, 200);
    assert_eq!(again.header("idempotent-replayed"), Some("true"));
    assert_eq!(again.body, first.body);
    assert_eq!(read_rows(&data).len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_submissions_are_each_stored_once() {
    let s = start("concurrent").await;
    let addr = s.addr;
    let tasks: Vec<_> = (0..40)
        .map(|i| {
            tokio::spawn(async move {
                let mut v = envelope(&format!("ref-c{i}"));
                v["answers"]["essay"] = json!("z".repeat(4000));
                submit_to(addr, &v).await.unwrap().status
            })
        })
        .collect();
    for t in tasks {
        assert_eq!(t.await.unwrap(), 201);
    }
    let rows = s.rows();
    assert_eq!(rows.len(), 40);
    let refs: std::collections::HashSet<_> = rows.iter().map(|r| r.reference.clone()).collect();
    assert_eq!(refs.len(), 40);
}

// ---------------------------------------------------------------- test switches

#[tokio::test]
async fn fail_next_with_retry_after_then_success() {
    let s = start("fail").await;
    s.faults(json!({"fail_next": 2, "fail_status": 503, "retry_after": 7}))
        .await;
    let body = envelope("ref-fail");
    let key = key_for(&body);
    let h = [("Idempotency-Key", key.as_str()), ("Origin", ORIGIN)];
    for _ in 0..2 {
        let r = s.submit_with(&body, &h).await;
        assert_eq!(r.status, 503);
        assert_eq!(r.header("retry-after"), Some("7"));
        assert_eq!(r.header("access-control-allow-origin"), Some(ORIGIN));
        assert_eq!(
            r.json()["errors"]["_form"],
            "injected failure (test switch)"
        );
        assert!(s.rows().is_empty());
    }
    let r = s.submit_with(&body, &h).await;
    assert_eq!(r.status, 201);
    assert_eq!(s.rows().len(), 1);

    s.faults(json!({"fail_next": 1, "fail_status": 500, "retry_after": null}))
        .await;
    let r = s.submit(&envelope("ref-fail-2")).await;
    assert_eq!(r.status, 500);
    assert!(r.header("retry-after").is_none());
}

#[tokio::test]
async fn reject_next_replies_422_with_errors() {
    let s = start("reject").await;
    let errors =
        json!({"email": "Enter an email address in the correct format, like name@example.org"});
    s.faults(json!({"reject_next": 1, "reject_errors": errors}))
        .await;
    let r = s.submit(&envelope("ref-reject")).await;
    assert_eq!(r.status, 422);
    assert_eq!(r.json(), json!({"errors": errors}));
    assert!(s.rows().is_empty());
    assert_eq!(s.submit(&envelope("ref-reject")).await.status, 201);
    let r = s
        .post_json("/__faults", &json!({"reject_errors": "nope"}), &[])
        .await;
    assert_eq!(r.status, 400);
}

#[tokio::test]
async fn drop_next_closes_connection_without_response() {
    let s = start("drop").await;
    s.faults(json!({"drop_next": 1})).await;
    let err = submit_to(s.addr, &envelope("ref-drop"))
        .await
        .expect_err("connection must be dropped without an HTTP response");
    assert!(
        matches!(
            err.kind(),
            std::io::ErrorKind::UnexpectedEof
                | std::io::ErrorKind::ConnectionReset
                | std::io::ErrorKind::ConnectionAborted
        ),
        "{err:?}"
    );
    assert!(s.rows().is_empty());
    assert_eq!(s.submit(&envelope("ref-drop")).await.status, 201);
}

#[tokio::test]
async fn fault_order_is_drop_fail_reject_and_delay_applies() {
    let s = start("order").await;
    s.faults(json!({"drop_next": 1, "fail_next": 1, "reject_next": 1}))
        .await;
    let body = envelope("ref-order");
    assert!(submit_to(s.addr, &body).await.is_err());
    assert_eq!(s.submit(&body).await.status, 500);
    assert_eq!(s.submit(&body).await.status, 422);
    assert_eq!(s.submit(&body).await.status, 201);

    s.faults(json!({"delay_ms": 150})).await;
    let t = Instant::now();
    assert_eq!(s.submit(&envelope("ref-delay")).await.status, 201);
    assert!(t.elapsed() >= Duration::from_millis(150));
    let t = Instant::now();
    s.get("/api/health").await;
    assert!(
        t.elapsed() < Duration::from_millis(150),
        "health is not delayed"
    );
}

#[tokio::test]
async fn stats_count_attempts_stored_and_preflights_and_reset_clears() {
    let s = start("stats").await;
    s.faults(json!({"fail_next": 1})).await;
    let body = envelope("ref-s1");
    s.submit(&body).await; // failed
    s.submit(&body).await; // stored
    s.submit(&body).await; // replayed
    s.submit_with(&json!({}), &[("Idempotency-Key", "k")]).await; // 400
    request(
        s.addr,
        "OPTIONS",
        "/api/submissions",
        &[
            ("Origin", ORIGIN),
            ("Access-Control-Request-Method", "POST"),
        ],
        b"",
    )
    .await
    .unwrap();
    assert_eq!(
        s.get("/__stats").await.json(),
        json!({"attempts": 4, "stored": 1, "preflights": 1})
    );

    s.faults(json!({"reject_next": 5})).await;
    assert_eq!(s.post_json("/__reset", &json!({}), &[]).await.status, 200);
    assert_eq!(
        s.get("/__stats").await.json(),
        json!({"attempts": 0, "stored": 0, "preflights": 0})
    );
    assert!(s.rows().is_empty());
    assert_eq!(s.get("/__submissions").await.json(), json!([]));
    let r = s.submit(&body).await;
    assert_eq!(r.status, 201, "faults and keys were forgotten");
}

#[tokio::test]
async fn bad_fault_settings_are_rejected() {
    let s = start("badfaults").await;
    for bad in [
        json!({"fail_nxt": 1}),
        json!({"fail_status": 200}),
        json!({"drop_next": -1}),
    ] {
        let r = s.post_json("/__faults", &bad, &[]).await;
        assert_eq!(r.status, 400, "{bad}");
        assert!(r.json()["errors"]["_form"].is_string());
    }
}

#[tokio::test]
async fn test_switches_are_404_when_not_turned_on() {
    let s = start_with(config(&temp_data_path("noswitch"), false)).await;
    assert_eq!(s.get("/__stats").await.status, 404);
    assert_eq!(s.get("/__submissions").await.status, 404);
    assert_eq!(
        s.post_json("/__faults", &json!({"fail_next": 1}), &[])
            .await
            .status,
        404
    );
    assert_eq!(s.post_json("/__reset", &json!({}), &[]).await.status, 404);
    assert_eq!(s.submit(&envelope("ref-ns")).await.status, 201);
}

#[test]
fn binary_prints_listening_line_and_refuses_bad_flags() {
    let data = temp_data_path("binary");
    let bin = spawn_receiver(&data, &["--test-switches"]);
    assert!(bin.addr.port() > 0);
    drop(bin);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_receiver"))
        .args(["--rate-burst", "0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(
            "invalid value '0' for '--rate-burst <N>': must be a whole number greater than 0"
        ),
        "{err}"
    );
}

// ---------------------------------------------------------------- limits

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn past_the_concurrency_limit_is_503_at_once() {
    let mut c = config(&temp_data_path("conc"), true);
    c.concurrency = 1;
    let s = start_with(c).await;
    // The delay switch runs inside the handler, so it holds the one slot.
    s.faults(json!({"delay_ms": 600})).await;
    let addr = s.addr;
    let slow = tokio::spawn(async move { submit_to(addr, &envelope("ref-slot")).await.unwrap() });
    // `attempts` counts inside the limit: once it is 1 the slot is taken.
    while s.get("/__stats").await.json()["attempts"] != 1 {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let t = Instant::now();
    let r = s.submit(&envelope("ref-shed")).await;
    assert_eq!(r.status, 503);
    assert!(
        t.elapsed() < Duration::from_millis(300),
        "turned away at once, not queued"
    );
    assert_eq!(r.header("retry-after"), Some("5"));
    assert_eq!(
        r.json()["errors"]["_form"],
        "The application service is busy. Try again in a few seconds."
    );
    assert_eq!(slow.await.unwrap().status, 201);
}

#[tokio::test]
async fn a_request_past_the_whole_request_timeout_is_503_with_retry_after() {
    let mut c = config(&temp_data_path("reqtimeout"), true);
    c.request_timeout = Duration::from_millis(300);
    let s = start_with(c).await;
    s.faults(json!({"delay_ms": 1000})).await;
    let t = Instant::now();
    let r = s.submit(&envelope("ref-timeout")).await;
    assert_eq!(r.status, 503);
    assert!(
        t.elapsed() < Duration::from_millis(900),
        "{:?}",
        t.elapsed()
    );
    assert!(r.header("retry-after").is_some());
    assert!(r.json()["errors"]["_form"]
        .as_str()
        .unwrap()
        .contains("took too long"));
}

#[tokio::test]
async fn past_the_connection_limit_new_connections_wait() {
    let mut c = config(&temp_data_path("conns"), true);
    c.max_connections = 1;
    c.body_timeout = Duration::from_millis(500);
    let s = start_with(c).await;
    // One connection that never finishes its headers holds the only slot
    // until the header timeout closes it.
    let mut hog = tokio::net::TcpStream::connect(s.addr).await.unwrap();
    {
        use tokio::io::AsyncWriteExt;
        hog.write_all(b"POST /api/submissions HTTP/1.1\r\nHost: x\r\n")
            .await
            .unwrap();
    }
    tokio::time::sleep(Duration::from_millis(50)).await;
    let t = Instant::now();
    let r = s.submit(&envelope("ref-wait")).await;
    assert_eq!(r.status, 201);
    let waited = t.elapsed();
    assert!(
        waited >= Duration::from_millis(300),
        "served after {waited:?}: the limit did not hold"
    );
}

#[tokio::test]
async fn behind_a_proxy_the_rate_limit_is_per_forwarded_client() {
    for trust in [true, false] {
        let mut c = config(&temp_data_path("xff"), true);
        c.rate_burst = 1;
        c.rate_per_minute = 1;
        c.trust_forwarded = trust;
        let s = start_with(c).await;
        let a = envelope("ref-xff-a");
        let b = envelope("ref-xff-b");
        let (ka, kb) = (key_for(&a), key_for(&b));
        let first = s
            .submit_with(
                &a,
                &[("Idempotency-Key", &ka), ("X-Forwarded-For", "203.0.113.1")],
            )
            .await;
        assert_eq!(first.status, 201);
        let second = s
            .submit_with(
                &b,
                &[("Idempotency-Key", &kb), ("X-Forwarded-For", "203.0.113.2")],
            )
            .await;
        let expected = if trust { 201 } else { 429 };
        assert_eq!(second.status, expected, "trust_forwarded = {trust}");
    }
}

#[tokio::test]
async fn a_database_from_a_newer_receiver_is_refused() {
    let data = temp_data_path("newer");
    std::fs::create_dir_all(data.parent().unwrap()).unwrap();
    {
        let conn = rusqlite::Connection::open(&data).unwrap();
        conn.execute_batch("PRAGMA user_version = 99;").unwrap();
    }
    let Err(e) = receiver::serve(config(&data, true)).await else {
        panic!("a newer schema must not be used");
    };
    assert!(
        e.to_string()
            .contains("schema version 99, newer than this receiver"),
        "{e}"
    );
}

#[tokio::test]
async fn with_the_cycle_file_messages_name_the_question() {
    let data = temp_data_path("labels");
    let dir = data.parent().unwrap().to_path_buf();
    std::fs::create_dir_all(&dir).unwrap();
    let cycle = dir.join("cycle.json");
    std::fs::write(
        &cycle,
        full_cycle(
            "fall-2020-mentor",
            json!({"institution": "org"}),
            json!([{"id": "about", "title": "About", "fields": [
                {"id": "institution", "kind": "text", "label": "Library or institution"},
                {"id": "gender", "kind": "text", "label": "How do you describe your gender?"}]}]),
        )
        .to_string(),
    )
    .unwrap();
    let mut c = config(&data, true);
    c.max_answer_chars = 10;
    c.cycles = vec![cycle];
    let s = start_with(c).await;
    let mut body = envelope("ref-labels");
    body["answers"] = json!({"org": "x".repeat(11), "gender": "y".repeat(11)});
    let r = s.submit(&body).await;
    assert_eq!(r.status, 400);
    assert_eq!(
        r.json(),
        json!({"errors": {
            "org": "Library or institution must be 10 characters or less",
            "gender": "The answer to “How do you describe your gender?” must be 10 characters or less"
        }})
    );

    let mut c = config(&temp_data_path("badcycle"), true);
    c.cycles = vec![dir.join("missing.json")];
    let Err(e) = receiver::serve(c).await else {
        panic!("a missing cycle file must stop the start");
    };
    assert!(e.to_string().contains("cannot read the cycle file"), "{e}");
}
