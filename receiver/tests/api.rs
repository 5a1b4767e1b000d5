//! End-to-end tests of the receiver over real TCP.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
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
async fn json_submission_is_stored_once_with_typed_values() {
    let s = start("json").await;
    assert!(!s.data.parent().unwrap().exists() || s.lines().is_empty());
    let r = s.submit(&envelope("ref-json-1"), &[]).await;
    assert_eq!(r.status, 201, "{}", r.text());
    let body = r.json();
    assert_eq!(body["status"], "stored");
    assert_eq!(body["client_reference"], "ref-json-1");
    let receipt = body["reference"].as_str().unwrap().to_string();
    assert!(
        receipt.starts_with("ALSC-") && receipt.len() == 11,
        "{receipt}"
    );
    assert!(r.header("idempotent-replayed").is_none());

    let lines = s.lines();
    assert_eq!(lines.len(), 1);
    let line = &lines[0];
    assert_eq!(line["receipt"], receipt.as_str());
    assert_eq!(line["encoding"], "json");
    assert_eq!(line["idempotency_key"], Value::Null);
    assert!(line["received_at"].as_str().unwrap().ends_with('Z'));
    assert_eq!(line["envelope"], envelope("ref-json-1"));
    let answers = &line["envelope"]["answers"];
    assert_eq!(answers["years_experience"], json!(12));
    assert_eq!(answers["willing_to_mentor_two"], json!(true));
    assert_eq!(answers["notes"], Value::Null);

    // /__submissions returns the same parsed lines.
    let listed = s.get("/__submissions").await;
    assert_eq!(listed.status, 200);
    assert_eq!(listed.json(), Value::Array(lines));
}

#[tokio::test]
async fn put_and_charset_are_accepted() {
    let s = start("put").await;
    let r = request(
        s.addr,
        "PUT",
        "/api/submissions",
        &[("Content-Type", "application/json; charset=utf-8")],
        envelope("ref-put").to_string().as_bytes(),
    )
    .await
    .unwrap();
    assert_eq!(r.status, 201, "{}", r.text());
    assert_eq!(s.lines().len(), 1);
}

#[tokio::test]
async fn form_submission_is_stored_as_envelope() {
    let s = start("form").await;
    let body =
        "schema_version=1&cycle_id=fall-2020-mentor&submitted_at=2026-11-29T23%3A59%3A00.000Z\
                &reference=ref-form-1&first_name=Ada+Lovelace&email=ada%40example.org&years=12";
    let r = request(
        s.addr,
        "POST",
        "/api/submissions",
        &[(
            "Content-Type",
            "application/x-www-form-urlencoded; charset=UTF-8",
        )],
        body.as_bytes(),
    )
    .await
    .unwrap();
    assert_eq!(r.status, 201, "{}", r.text());
    assert_eq!(r.json()["client_reference"], "ref-form-1");
    let lines = s.lines();
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["encoding"], "form");
    assert_eq!(
        lines[0]["envelope"],
        json!({
            "schema_version": 1,
            "cycle_id": "fall-2020-mentor",
            "submitted_at": "2026-11-29T23:59:00.000Z",
            "reference": "ref-form-1",
            "answers": {"first_name": "Ada Lovelace", "email": "ada@example.org", "years": "12"}
        })
    );
}

#[tokio::test]
async fn same_idempotency_key_is_stored_once_and_replayed() {
    let s = start("idem").await;
    let key = [("Idempotency-Key", "key-123")];
    let first = s.submit(&envelope("ref-idem"), &key).await;
    assert_eq!(first.status, 201);
    // Even a different reference with the same key is a replay.
    let second = s.submit(&envelope("ref-idem-other"), &key).await;
    assert_eq!(second.status, 201);
    assert_eq!(second.header("idempotent-replayed"), Some("true"));
    assert_eq!(first.body, second.body);
    let lines = s.lines();
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["idempotency_key"], "key-123");

    // A new key is a new submission, with a different receipt.
    let third = s
        .submit(&envelope("ref-idem-3"), &[("Idempotency-Key", "key-456")])
        .await;
    assert_eq!(third.status, 201);
    assert!(third.header("idempotent-replayed").is_none());
    assert_ne!(third.json()["reference"], first.json()["reference"]);
    assert_eq!(s.lines().len(), 2);
}

#[tokio::test]
async fn without_key_dedupes_by_reference() {
    let s = start("dedupe").await;
    let first = s.submit(&envelope("ref-dup"), &[]).await;
    let second = s.submit(&envelope("ref-dup"), &[]).await;
    assert_eq!(first.status, 201);
    assert_eq!(second.status, 201);
    assert_eq!(second.header("idempotent-replayed"), Some("true"));
    assert_eq!(first.json(), second.json());
    assert_eq!(s.lines().len(), 1);
}

#[tokio::test]
async fn shape_errors_are_400_with_specific_messages() {
    let s = start("shape").await;
    let with = |f: &dyn Fn(&mut Value)| {
        let mut v = envelope("ref-shape");
        f(&mut v);
        v
    };
    let many_answers: serde_json::Map<String, Value> =
        (0..301).map(|i| (format!("q{i}"), json!("x"))).collect();
    let cases: Vec<(Value, &str)> = vec![
        (
            with(&|v| {
                v.as_object_mut().unwrap().remove("schema_version");
            }),
            "schema_version is required",
        ),
        (
            with(&|v| v["schema_version"] = json!(2)),
            "schema_version must be 1",
        ),
        (
            with(&|v| v["cycle_id"] = json!("")),
            "cycle_id must not be empty",
        ),
        (
            with(&|v| v["cycle_id"] = json!("fall 2020/mentor")),
            "cycle_id may contain only letters, digits, `_` and `-`",
        ),
        (
            with(&|v| v["cycle_id"] = json!("c".repeat(101))),
            "cycle_id must be at most 100 characters",
        ),
        (
            with(&|v| v["submitted_at"] = json!("")),
            "submitted_at must not be empty",
        ),
        (
            with(&|v| v["submitted_at"] = json!(5)),
            "submitted_at must be a string",
        ),
        (
            with(&|v| v["reference"] = json!("")),
            "reference must not be empty",
        ),
        (
            with(&|v| v["reference"] = json!("r".repeat(101))),
            "reference must be at most 100 characters",
        ),
        (
            with(&|v| v["answers"] = json!(["a"])),
            "answers must be an object",
        ),
        (
            with(&|v| {
                v.as_object_mut().unwrap().remove("answers");
            }),
            "answers is required",
        ),
        (
            with(&|v| v["answers"] = Value::Object(many_answers.clone())),
            "answers must have at most 300 entries",
        ),
        (
            with(&|v| v["answers"]["list"] = json!(["a", "b"])),
            "answers.list must be a string, number, boolean or null",
        ),
        (
            with(&|v| v["answers"]["obj"] = json!({"a": 1})),
            "answers.obj must be a string, number, boolean or null",
        ),
        (
            with(&|v| v["answers"]["essay"] = json!("e".repeat(10_001))),
            "answers.essay must be at most 10000 characters",
        ),
        (with(&|v| v["extra"] = json!(true)), "unknown field `extra`"),
        (json!([1, 2]), "request body must be a JSON object"),
    ];
    for (body, message) in cases {
        let r = s.submit(&body, &[]).await;
        assert_eq!(r.status, 400, "expected 400 for {message}: {}", r.text());
        assert_eq!(r.json(), json!({"error": message}));
    }

    // Not JSON at all.
    let r = request(
        s.addr,
        "POST",
        "/api/submissions",
        &[("Content-Type", "application/json")],
        b"{not json",
    )
    .await
    .unwrap();
    assert_eq!(r.status, 400);
    assert!(r.json()["error"]
        .as_str()
        .unwrap()
        .starts_with("request body is not valid JSON"));

    // Oversized Idempotency-Key.
    let long_key = "k".repeat(201);
    let r = s
        .submit(&envelope("ref-shape"), &[("Idempotency-Key", &long_key)])
        .await;
    assert_eq!(r.status, 400);
    assert_eq!(
        r.json()["error"],
        "Idempotency-Key must be at most 200 characters"
    );

    // Boundary values are fine.
    let ok = with(&|v| {
        v["cycle_id"] = json!("c".repeat(100));
        v["reference"] = json!("r".repeat(100));
        v["answers"]["essay"] = json!("é".repeat(10_000));
    });
    let r = s.submit(&ok, &[]).await;
    assert_eq!(r.status, 201, "{}", r.text());
    assert_eq!(s.lines().len(), 1, "no invalid submission was stored");
}

#[tokio::test]
async fn form_shape_errors() {
    let s = start("formshape").await;
    let cases = [
        (
            "cycle_id=c&submitted_at=t&reference=r&a=1",
            "schema_version is required",
        ),
        (
            "schema_version=2&cycle_id=c&submitted_at=t&reference=r",
            "schema_version must be 1",
        ),
        (
            "schema_version=1&submitted_at=t&reference=r",
            "cycle_id is required",
        ),
        (
            "schema_version=1&cycle_id=c&submitted_at=t&reference=r&a=1&a=2",
            "duplicate field `a`",
        ),
    ];
    for (body, message) in cases {
        let r = request(
            s.addr,
            "POST",
            "/api/submissions",
            &[("Content-Type", "application/x-www-form-urlencoded")],
            body.as_bytes(),
        )
        .await
        .unwrap();
        assert_eq!(r.status, 400, "{body}");
        assert_eq!(r.json()["error"], message);
    }
    assert!(s.lines().is_empty());
}

#[tokio::test]
async fn other_content_types_are_415() {
    let s = start("415").await;
    for ct in [
        Some("text/plain"),
        Some("multipart/form-data; boundary=x"),
        None,
    ] {
        let headers: Vec<(&str, &str)> = ct.map(|c| ("Content-Type", c)).into_iter().collect();
        let r = request(
            s.addr,
            "POST",
            "/api/submissions",
            &headers,
            envelope("r").to_string().as_bytes(),
        )
        .await
        .unwrap();
        assert_eq!(r.status, 415, "{ct:?}");
        assert!(r.json()["error"].as_str().unwrap().contains("Content-Type"));
    }
}

#[tokio::test]
async fn oversized_body_is_413() {
    let s = start("413").await;
    let mut v = envelope("ref-big");
    v["answers"]["essay"] = json!("x".repeat(70_000));
    let r = s.submit(&v, &[]).await;
    assert_eq!(r.status, 413);
    assert_eq!(
        r.json()["error"],
        "request body must be at most 65536 bytes"
    );
    assert!(s.lines().is_empty());
}

#[tokio::test]
async fn preflight_for_allowed_and_disallowed_origins() {
    let s = start("cors").await;
    let r = request(
        s.addr,
        "OPTIONS",
        "/api/submissions",
        &[
            ("Origin", ORIGIN),
            ("Access-Control-Request-Method", "POST"),
            (
                "Access-Control-Request-Headers",
                "content-type,idempotency-key,x-request-id",
            ),
        ],
        b"",
    )
    .await
    .unwrap();
    assert_eq!(r.status, 204);
    assert_eq!(r.header("access-control-allow-origin"), Some(ORIGIN));
    assert_eq!(
        r.header("access-control-allow-methods"),
        Some("POST, PUT, OPTIONS")
    );
    let allow = r.header("access-control-allow-headers").unwrap();
    for h in ["content-type", "idempotency-key", "x-request-id"] {
        assert!(allow.contains(h), "{allow}");
    }
    assert_eq!(r.header("access-control-max-age"), Some("600"));
    assert_eq!(r.header("vary"), Some("Origin"));

    // Any /api path, even one without a route.
    let r = request(
        s.addr,
        "OPTIONS",
        "/api/anything",
        &[("Origin", ORIGIN), ("Access-Control-Request-Method", "PUT")],
        b"",
    )
    .await
    .unwrap();
    assert_eq!(r.status, 204);

    let r = request(
        s.addr,
        "OPTIONS",
        "/api/submissions",
        &[
            ("Origin", "http://evil.example"),
            ("Access-Control-Request-Method", "POST"),
        ],
        b"",
    )
    .await
    .unwrap();
    assert_eq!(r.status, 403);
    assert!(r.header("access-control-allow-origin").is_none());

    // Actual responses carry CORS headers for allowed origins only.
    let r = s.submit(&envelope("ref-cors"), &[("Origin", ORIGIN)]).await;
    assert_eq!(r.status, 201);
    assert_eq!(r.header("access-control-allow-origin"), Some(ORIGIN));
    assert_eq!(
        r.header("access-control-expose-headers"),
        Some("Retry-After, Idempotent-Replayed")
    );
    assert_eq!(r.header("vary"), Some("Origin"));
    let r = request(
        s.addr,
        "GET",
        "/api/health",
        &[("Origin", "http://evil.example")],
        b"",
    )
    .await
    .unwrap();
    assert_eq!(r.status, 200);
    assert!(r.header("access-control-allow-origin").is_none());
    // Same-origin (no Origin header) just works, without CORS headers.
    let r = s.get("/api/health").await;
    assert_eq!(r.status, 200);
    assert!(r.header("access-control-allow-origin").is_none());

    assert_eq!(s.get("/__stats").await.json()["preflights"], 3);
}

#[tokio::test]
async fn wildcard_origin_echoes_request_origin() {
    let mut c = config(&temp_data_path("wild"), false);
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
    assert_eq!(r.status, 204);
    assert_eq!(
        r.header("access-control-allow-origin"),
        Some("https://forms.example.org")
    );
}

#[tokio::test]
async fn fail_next_with_retry_after_then_success() {
    let s = start("fail").await;
    s.faults(json!({"fail_next": 2, "fail_status": 503, "retry_after": 7}))
        .await;
    let key = [("Idempotency-Key", "fail-key"), ("Origin", ORIGIN)];
    for _ in 0..2 {
        let r = s.submit(&envelope("ref-fail"), &key).await;
        assert_eq!(r.status, 503);
        assert_eq!(r.header("retry-after"), Some("7"));
        assert_eq!(r.header("access-control-allow-origin"), Some(ORIGIN));
        assert!(s.lines().is_empty());
    }
    let r = s.submit(&envelope("ref-fail"), &key).await;
    assert_eq!(r.status, 201);
    assert!(r.header("idempotent-replayed").is_none());
    assert_eq!(s.lines().len(), 1);

    // Default fail status is 500 without Retry-After.
    s.faults(json!({"fail_next": 1, "fail_status": 500, "retry_after": null}))
        .await;
    let r = s.submit(&envelope("ref-fail-2"), &[]).await;
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
    let r = s.submit(&envelope("ref-reject"), &[]).await;
    assert_eq!(r.status, 422);
    assert_eq!(r.json(), json!({"errors": errors}));
    assert!(s.lines().is_empty());
    let r = s.submit(&envelope("ref-reject"), &[]).await;
    assert_eq!(r.status, 201);
}

#[tokio::test]
async fn reject_errors_may_be_a_formspree_style_list_but_not_a_string() {
    let s = start("reject-list").await;
    let errors = json!([{"field": "email", "message": "should be an email"}]);
    s.faults(json!({"reject_next": 1, "reject_errors": errors}))
        .await;
    let r = s.submit(&envelope("ref-reject-list"), &[]).await;
    assert_eq!(r.status, 422);
    assert_eq!(r.json(), json!({"errors": errors}));
    let r = s
        .post_json("/__faults", &json!({"reject_errors": "nope"}), &[])
        .await;
    assert_eq!(r.status, 400);
}

#[tokio::test]
async fn drop_next_closes_connection_without_response() {
    let s = start("drop").await;
    s.faults(json!({"drop_next": 1})).await;
    let err = request(
        s.addr,
        "POST",
        "/api/submissions",
        &[("Content-Type", "application/json")],
        envelope("ref-drop").to_string().as_bytes(),
    )
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
    assert!(s.lines().is_empty());
    // The next one goes through.
    let r = s.submit(&envelope("ref-drop"), &[]).await;
    assert_eq!(r.status, 201);
    assert_eq!(s.lines().len(), 1);
}

#[tokio::test]
async fn fault_order_is_drop_fail_reject() {
    let s = start("order").await;
    s.faults(json!({"drop_next": 1, "fail_next": 1, "reject_next": 1}))
        .await;
    let r = request(
        s.addr,
        "POST",
        "/api/submissions",
        &[("Content-Type", "application/json")],
        envelope("ref-order").to_string().as_bytes(),
    )
    .await;
    assert!(r.is_err());
    assert_eq!(s.submit(&envelope("ref-order"), &[]).await.status, 500);
    assert_eq!(s.submit(&envelope("ref-order"), &[]).await.status, 422);
    assert_eq!(s.submit(&envelope("ref-order"), &[]).await.status, 201);
}

#[tokio::test]
async fn delay_applies_to_submissions() {
    let s = start("delay").await;
    s.faults(json!({"delay_ms": 150})).await;
    let t = Instant::now();
    assert_eq!(s.submit(&envelope("ref-delay"), &[]).await.status, 201);
    assert!(t.elapsed() >= Duration::from_millis(150));
    // Health is not delayed.
    let t = Instant::now();
    s.get("/api/health").await;
    assert!(t.elapsed() < Duration::from_millis(150));
}

#[tokio::test]
async fn stats_count_attempts_stored_and_preflights_and_reset_clears() {
    let s = start("stats").await;
    s.faults(json!({"fail_next": 1})).await;
    s.submit(&envelope("ref-s1"), &[]).await; // failed
    s.submit(&envelope("ref-s1"), &[]).await; // stored
    s.submit(&envelope("ref-s1"), &[]).await; // replayed
    s.submit(&json!({}), &[]).await; // 400
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
    let r = s.post_json("/__reset", &json!({}), &[]).await;
    assert_eq!(r.status, 200);
    assert_eq!(
        s.get("/__stats").await.json(),
        json!({"attempts": 0, "stored": 0, "preflights": 0})
    );
    assert!(s.lines().is_empty());
    assert_eq!(s.get("/__submissions").await.json(), json!([]));
    // Faults were cleared and the reference index forgotten.
    let r = s.submit(&envelope("ref-s1"), &[]).await;
    assert_eq!(r.status, 201);
    assert!(r.header("idempotent-replayed").is_none());
    assert_eq!(s.lines().len(), 1);
}

#[tokio::test]
async fn bad_fault_settings_are_rejected() {
    let s = start("badfaults").await;
    let r = s.post_json("/__faults", &json!({"fail_nxt": 1}), &[]).await;
    assert_eq!(r.status, 400);
    let r = s
        .post_json("/__faults", &json!({"fail_status": 200}), &[])
        .await;
    assert_eq!(r.status, 400);
    let r = s
        .post_json("/__faults", &json!({"drop_next": -1}), &[])
        .await;
    assert_eq!(r.status, 400);
}

#[tokio::test]
async fn test_switches_are_404_when_disabled() {
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
    assert_eq!(s.submit(&envelope("ref-ns"), &[]).await.status, 201);
}

#[tokio::test]
async fn data_survives_restart_and_index_is_rebuilt() {
    let s = start("restart").await;
    let key = [("Idempotency-Key", "restart-key")];
    let first = s.submit(&envelope("ref-restart"), &key).await;
    assert_eq!(first.status, 201);
    let second = s.submit(&envelope("ref-restart-2"), &[]).await;
    assert_eq!(second.status, 201);
    let data = s.stop();

    let s = start_with(config(&data, true)).await;
    assert_eq!(s.get("/__stats").await.json()["stored"], 2);
    let again = s.submit(&envelope("ref-restart"), &key).await;
    assert_eq!(again.status, 201);
    assert_eq!(again.header("idempotent-replayed"), Some("true"));
    assert_eq!(again.body, first.body);
    let again = s.submit(&envelope("ref-restart-2"), &[]).await;
    assert_eq!(again.header("idempotent-replayed"), Some("true"));
    assert_eq!(again.body, second.body);
    let third = s.submit(&envelope("ref-restart-3"), &[]).await;
    assert!(third.header("idempotent-replayed").is_none());
    assert_eq!(read_lines(&data).len(), 3);
}

#[tokio::test]
async fn torn_last_line_does_not_corrupt_next_record() {
    let data = temp_data_path("torn");
    std::fs::create_dir_all(data.parent().unwrap()).unwrap();
    std::fs::write(&data, "{\"receipt\":\"ALSC-AAAAAA\",\"envel").unwrap();
    let s = start_with(config(&data, true)).await;
    assert_eq!(s.submit(&envelope("ref-torn"), &[]).await.status, 201);
    let text = std::fs::read_to_string(&data).unwrap();
    let last = text.lines().last().unwrap();
    let v: Value = serde_json::from_str(last).unwrap();
    assert_eq!(v["envelope"]["reference"], "ref-torn");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_submissions_never_interleave() {
    let s = start("concurrent").await;
    let addr = s.addr;
    let tasks: Vec<_> = (0..24)
        .map(|i| {
            tokio::spawn(async move {
                let mut v = envelope(&format!("ref-c{i}"));
                v["answers"]["essay"] = json!("z".repeat(4000));
                request(
                    addr,
                    "POST",
                    "/api/submissions",
                    &[("Content-Type", "application/json")],
                    v.to_string().as_bytes(),
                )
                .await
                .unwrap()
                .status
            })
        })
        .collect();
    for t in tasks {
        assert_eq!(t.await.unwrap(), 201);
    }
    let lines = s.lines();
    assert_eq!(lines.len(), 24);
    let receipts: std::collections::HashSet<_> = lines
        .iter()
        .map(|l| l["receipt"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(receipts.len(), 24, "receipts are unique");
}

#[test]
fn binary_prints_listening_line() {
    let data = temp_data_path("binary");
    struct KillOnDrop(std::process::Child);
    impl Drop for KillOnDrop {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_receiver"))
        .args(["--port", "0", "--data"])
        .arg(&data)
        .env_remove("RECEIVER_PORT")
        .env_remove("RECEIVER_TEST_SWITCHES")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("binary starts");
    let stdout = child.stdout.take().unwrap();
    let _child = KillOnDrop(child);
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).unwrap();
    {
        let prefix = "receiver listening on http://127.0.0.1:";
        assert!(line.starts_with(prefix), "{line}");
        assert!(
            line.trim_end()
                .ends_with(&format!("(data: {})", data.display())),
            "{line}"
        );
        let port: u16 = line[prefix.len()..]
            .split(' ')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert_ne!(port, 0);
        assert!(data.parent().unwrap().is_dir(), "data folder created");
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let r = rt
            .block_on(request(
                ([127, 0, 0, 1], port).into(),
                "GET",
                "/api/health",
                &[],
                b"",
            ))
            .unwrap();
        assert_eq!(r.status, 200);
        let r = rt
            .block_on(request(
                ([127, 0, 0, 1], port).into(),
                "GET",
                "/__stats",
                &[],
                b"",
            ))
            .unwrap();
        assert_eq!(r.status, 404, "switches are off by default");
    }
}
