//! Versions belong to the applicant who started them (issue 19 item 8), over
//! real HTTP against a real SQLite file: an intruder who knows a reference
//! cannot add, replace or block a version, in either encoding, and nothing
//! an intruder sends reaches the export.

mod common;

use std::path::{Path, PathBuf};

use common::*;
use serde_json::{json, Value};

const CYCLE_ID: &str = "fixture-cycle";

fn cycle_file(dir: &Path) -> PathBuf {
    let path = dir.join("cycle.json");
    std::fs::write(
        &path,
        full_cycle(
            CYCLE_ID,
            json!({}),
            json!([{"id": "a", "title": "A", "fields": [
                {"id": "first_name", "kind": "text", "label": "First name"},
                {"id": "essay", "kind": "textarea", "label": "Why mentor?"}
            ]}]),
        )
        .to_string(),
    )
    .unwrap();
    path
}

/// Version `version` of `reference`, carrying `secret`.
fn version(reference: &str, version: u64, secret: &str, name: &str) -> Value {
    json!({
        "schema_version": 2, "cycle_id": CYCLE_ID,
        "submitted_at": "2026-11-29T23:59:00.000Z",
        "reference": reference, "version": version, "version_secret": secret,
        "answers": {"first_name": name, "essay": format!("{name} wrote this")}
    })
}

fn applicant(reference: &str, n: u64, name: &str) -> Value {
    version(reference, n, &secret_for(reference), name)
}

fn intruder(reference: &str, n: u64) -> Value {
    version(reference, n, &intruder_secret(reference), "Mallory")
}

/// `{"error": …}` as the contract says, and the same sentence where the app
/// reads it.
fn error_of(r: &Resp) -> String {
    let body = r.json();
    let error = body["error"]
        .as_str()
        .unwrap_or_else(|| panic!("no error: {body}"));
    assert_eq!(body["errors"]["_form"], error, "{body}");
    error.to_string()
}

/// The same envelope in the form encoding, metadata first.
fn form_body(v: &Value) -> String {
    let mut pairs = vec![
        (
            "schema_version".to_string(),
            v["schema_version"].to_string(),
        ),
        ("cycle_id".into(), v["cycle_id"].as_str().unwrap().into()),
        (
            "submitted_at".into(),
            v["submitted_at"].as_str().unwrap().into(),
        ),
        ("reference".into(), v["reference"].as_str().unwrap().into()),
        ("version".into(), v["version"].to_string()),
    ];
    if let Some(secret) = v["version_secret"].as_str() {
        pairs.push(("version_secret".into(), secret.into()));
    }
    for (name, answer) in v["answers"].as_object().unwrap() {
        pairs.push((name.clone(), answer.as_str().unwrap().into()));
    }
    serde_urlencoded::to_string(pairs).unwrap()
}

async fn submit_form(s: &TestServer, v: &Value, key: &str) -> Resp {
    request(
        s.addr,
        "POST",
        "/api/submissions",
        &[
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Idempotency-Key", key),
        ],
        form_body(v).as_bytes(),
    )
    .await
    .unwrap()
}

#[tokio::test]
async fn another_key_or_another_secret_with_version_1000000_is_refused() {
    let s = start("v-million").await;
    let r = "5b0c1d9e-8a1f-4c3e-9d55-0e7f2a6b4c31";
    assert_eq!(s.submit(&applicant(r, 1, "Ada")).await.status, 201);

    // The attack of issue 19: another key, the same reference, a huge version.
    let forged = intruder(r, 1_000_000);
    let resp = s
        .submit_with(&forged, &[("Idempotency-Key", "attacker-key-1")])
        .await;
    assert_eq!(resp.status, 400);
    assert_eq!(
        error_of(&resp),
        format!(
            "The Idempotency-Key header must be `{r}.v1000000` (the body's \
             <reference>.v<version>), so nothing was stored."
        )
    );
    // With the key it should have, it still does not carry the secret.
    let resp = s.submit(&forged).await;
    assert_eq!(resp.status, 403);
    assert!(
        error_of(&resp).starts_with("This application was started in another browser"),
        "{}",
        resp.text()
    );
    // The form encoding is refused alike.
    let resp = submit_form(&s, &forged, &key_for(&forged)).await;
    assert_eq!(resp.status, 403, "{}", resp.text());

    let rows = s.rows();
    assert_eq!(rows.len(), 1, "nothing of the intruder's was stored");
    assert_eq!(rows[0].envelope["answers"]["first_name"], "Ada");
}

#[tokio::test]
async fn an_intruders_v2_and_v3_do_not_block_the_applicants_own() {
    for encoding in ["json", "form"] {
        let s = start(&format!("v-block-{encoding}")).await;
        let r = "0b7e4b9a-6f7e-4c55-9a55-1d2f3c4b5a69";
        let send = |v: Value| {
            let s = &s;
            async move {
                let key = key_for(&v);
                if encoding == "json" {
                    s.submit(&v).await
                } else {
                    submit_form(s, &v, &key).await
                }
            }
        };
        assert_eq!(send(applicant(r, 1, "Ada")).await.status, 201);
        for n in [2, 3] {
            let resp = send(intruder(r, n)).await;
            assert_eq!(
                resp.status,
                403,
                "{encoding} intruder v{n}: {}",
                resp.text()
            );
        }
        // The applicant's later versions are still theirs to send.
        let v2 = send(applicant(r, 2, "Ada Lovelace")).await;
        assert_eq!(v2.status, 201, "{encoding}: {}", v2.text());
        assert_eq!(v2.json()["version"], 2);
        let v3 = send(applicant(r, 3, "Ada King")).await;
        assert_eq!(v3.status, 201, "{encoding}: {}", v3.text());
        // A replay of a stored version: the same reply, byte for byte.
        let again = send(applicant(r, 3, "Ada King")).await;
        assert_eq!(again.status, 200);
        assert_eq!(again.header("idempotent-replayed"), Some("true"));
        assert_eq!(again.body, v3.body);
        let versions: Vec<u64> = s.rows().iter().map(|row| row.version).collect();
        assert_eq!(versions, [1, 2, 3], "{encoding}");
        assert!(s
            .rows()
            .iter()
            .all(|row| row.envelope["answers"]["first_name"] != "Mallory"));
    }
}

#[tokio::test]
async fn keys_must_name_the_bodys_own_version() {
    let s = start("v-keys").await;
    let r = "ref-keys";
    let cases = [
        ("ref-keys.v2", applicant(r, 3, "Ada")),
        ("other-ref.v1", applicant(r, 1, "Ada")),
        ("ref-keys", applicant(r, 1, "Ada")),
        ("ref-keys.v01", applicant(r, 1, "Ada")),
    ];
    for (key, body) in cases {
        let resp = s.submit_with(&body, &[("Idempotency-Key", key)]).await;
        assert_eq!(resp.status, 400, "{key}");
        let expected = key_for(&body);
        assert!(
            error_of(&resp).contains(&format!("must be `{expected}`")),
            "{key}"
        );
    }
    // The form encoding is held to the same rule.
    let resp = submit_form(&s, &applicant(r, 1, "Ada"), "ref-keys.v9").await;
    assert_eq!(resp.status, 400);
    assert!(error_of(&resp).contains("must be `ref-keys.v1`"));
    assert!(s.rows().is_empty());
}

#[tokio::test]
async fn a_missing_or_malformed_secret_is_refused() {
    let s = start("v-secret").await;
    let r = "ref-secret";
    let mut no_secret = applicant(r, 1, "Ada");
    no_secret.as_object_mut().unwrap().remove("version_secret");
    let resp = s.submit(&no_secret).await;
    assert_eq!(resp.status, 400);
    assert!(error_of(&resp).starts_with("version_secret is required"));
    let resp = submit_form(&s, &no_secret, &key_for(&no_secret)).await;
    assert_eq!(resp.status, 400);
    assert!(error_of(&resp).starts_with("version_secret is required"));

    let mut short = applicant(r, 1, "Ada");
    short["version_secret"] = json!("too-short");
    let resp = s.submit(&short).await;
    assert_eq!(resp.status, 400);
    assert!(error_of(&resp).starts_with("version_secret must be 22 characters of base64url"));

    // Once the reference is bound, a later version without a secret is
    // malformed (schema 2) or, as a legacy body, refused.
    assert_eq!(s.submit(&applicant(r, 1, "Ada")).await.status, 201);
    let mut v2 = applicant(r, 2, "Mallory");
    v2.as_object_mut().unwrap().remove("version_secret");
    assert_eq!(s.submit(&v2).await.status, 400);
    assert_eq!(s.rows().len(), 1);
}

#[tokio::test]
async fn a_legacy_v1_body_never_adds_a_version() {
    let s = start("v-legacy").await;
    let r = "ref-legacy";
    assert_eq!(s.submit(&applicant(r, 1, "Ada")).await.status, 201);

    // Version 2 in schema 1: refused before anything is looked up.
    let mut legacy_v2 = legacy_envelope(r);
    legacy_v2["version"] = json!(2);
    let resp = s.submit(&legacy_v2).await;
    assert_eq!(resp.status, 400);
    assert!(error_of(&resp).starts_with("A schema_version 1 body can only be version 1"));
    // Version 1 in schema 1, other answers, under the stored key: the
    // reference is bound, and the body proves nothing.
    let mut legacy_v1 = legacy_envelope(r);
    legacy_v1["answers"] = json!({"first_name": "Mallory"});
    let resp = s.submit(&legacy_v1).await;
    assert_eq!(resp.status, 403);
    assert!(error_of(&resp).starts_with("An application with this reference is stored already"));

    // A legacy first version of a new reference is still taken…
    let old = "ref-old-form";
    assert_eq!(s.submit(&legacy_envelope(old)).await.status, 201);
    // …and its replay too; but nobody can add a version to it, not even
    // with a secret, because none was bound.
    assert_eq!(s.submit(&legacy_envelope(old)).await.status, 200);
    let resp = s.submit(&applicant(old, 2, "Ada")).await;
    assert_eq!(resp.status, 403);
    assert!(error_of(&resp).starts_with("This application was first sent by an older version"));
    let refs: Vec<(String, u64)> = s
        .rows()
        .into_iter()
        .map(|row| (row.reference, row.version))
        .collect();
    assert_eq!(refs, [(r.to_string(), 1), (old.to_string(), 1)]);
}

#[tokio::test]
async fn the_export_shows_only_the_applicants_answers_and_no_secret() {
    let s = start("v-export").await;
    let dir = s.data.parent().unwrap().to_path_buf();
    let cycle = cycle_file(&dir);
    let r = "ref-export";
    let (secret, hash) = (
        secret_for(r),
        receiver::envelope::SecretHash::of_secret(&secret_for(r))
            .unwrap()
            .to_hex(),
    );
    assert_eq!(s.submit(&applicant(r, 1, "Ada")).await.status, 201);
    // Every forgery of this file, in order.
    let mut other_key = intruder(r, 1_000_000);
    assert_eq!(
        s.submit_with(&other_key, &[("Idempotency-Key", "x")])
            .await
            .status,
        400
    );
    assert_eq!(s.submit(&other_key).await.status, 403);
    other_key["version"] = json!(2);
    assert_eq!(s.submit(&other_key).await.status, 403);
    assert_eq!(s.submit(&intruder(r, 3)).await.status, 403);
    let mut no_secret = intruder(r, 4);
    no_secret.as_object_mut().unwrap().remove("version_secret");
    assert_eq!(s.submit(&no_secret).await.status, 400);
    let mut legacy = legacy_envelope(r);
    legacy["cycle_id"] = json!(CYCLE_ID);
    legacy["version"] = json!(5);
    assert_eq!(s.submit(&legacy).await.status, 400);
    // The applicant's own later version.
    assert_eq!(s.submit(&applicant(r, 2, "Ada Lovelace")).await.status, 201);
    let data = s.stop().await;

    let csv = export(&data, &cycle, "csv");
    let mut reader = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 1);
    let row = &rows[0];
    assert_eq!(
        (&row[0], &row[1], &row[2]),
        (r, "2", "2"),
        "version 2 of 2 versions"
    );
    assert_eq!(&row[6], "Ada Lovelace");
    assert_eq!(&row[7], "Ada Lovelace wrote this");
    let jsonl = export(&data, &cycle, "jsonl");
    let line: Value = serde_json::from_str(jsonl.trim()).unwrap();
    assert_eq!(line["versions"], 2);
    assert_eq!(line["answers"]["first_name"], "Ada Lovelace");
    for text in [&csv, &jsonl] {
        assert!(!text.contains("Mallory"), "{text}");
        assert!(!text.contains(&secret) && !text.contains(&hash), "{text}");
    }
    // The database keeps the hash, never the secret itself (read once it is
    // closed, all in the one file).
    closed(&data).await;
    let mut bytes = Vec::new();
    for suffix in ["", "-wal"] {
        let mut path = data.as_os_str().to_owned();
        path.push(suffix);
        bytes.extend(std::fs::read(PathBuf::from(path)).unwrap_or_default());
    }
    let text = String::from_utf8_lossy(&bytes);
    assert!(!text.contains(&secret), "the secret was stored");
    assert!(text.contains(&hash), "its hash is bound to the reference");
}

#[tokio::test]
async fn a_database_of_the_previous_receiver_is_migrated_and_keeps_working() {
    let data = temp_data_path("v-migrate");
    std::fs::create_dir_all(data.parent().unwrap()).unwrap();
    let old_row = legacy_envelope("ref-before-upgrade");
    {
        // The previous receiver's schema (version 1), with one row.
        let conn = rusqlite::Connection::open(&data).unwrap();
        conn.execute_batch(
            "PRAGMA journal_mode = WAL;
             CREATE TABLE submissions (
                 id INTEGER PRIMARY KEY, idempotency_key TEXT NOT NULL UNIQUE,
                 body_sha256 TEXT NOT NULL, reference TEXT NOT NULL, version INTEGER NOT NULL,
                 cycle_id TEXT NOT NULL, submitted_at TEXT NOT NULL, received_at TEXT NOT NULL,
                 encoding TEXT NOT NULL, envelope TEXT NOT NULL);
             CREATE INDEX submissions_by_reference ON submissions (reference, version);
             CREATE INDEX submissions_by_received_at ON submissions (received_at);
             PRAGMA user_version = 1;",
        )
        .unwrap();
        conn.execute(
            "INSERT INTO submissions (idempotency_key, body_sha256, reference, version, cycle_id,
                 submitted_at, received_at, encoding, envelope)
             VALUES ('ref-before-upgrade.v1', ?1, 'ref-before-upgrade', 1, 'fall-2020-mentor',
                 'x', '2026-11-01T00:00:00.000Z', 'json', ?2)",
            [
                receiver::store::body_sha256(old_row.to_string().as_bytes()),
                old_row.to_string(),
            ],
        )
        .unwrap();
    }
    let s = start_with(config(&data, true)).await;
    let rows = s.rows();
    assert_eq!(rows.len(), 1);
    assert!(!rows[0].suspected_automated);
    // Its replay still works; a new version of it cannot be proven.
    assert_eq!(s.submit(&old_row).await.status, 200);
    assert_eq!(
        s.submit(&applicant("ref-before-upgrade", 2, "Ada"))
            .await
            .status,
        403
    );
    // New applications are stored and bound as usual.
    assert_eq!(s.submit(&envelope("ref-after")).await.status, 201);
    let conn = rusqlite::Connection::open(&data).unwrap();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, 2);
    let owners: i64 = conn
        .query_row("SELECT COUNT(*) FROM reference_owners", [], |r| r.get(0))
        .unwrap();
    assert_eq!(owners, 1, "only the new reference has an owner");
}
