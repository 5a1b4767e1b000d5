//! A filled honeypot never fakes success (contract 3): the submission is
//! stored like any other, marked `suspected_automated`, and the export says
//! so, so staff decide. Both encodings, over real HTTP.

mod common;

use common::*;
use serde_json::{json, Value};

fn app(reference: &str, honeypot: Option<&str>) -> Value {
    let mut v = json!({
        "schema_version": 2, "cycle_id": "hp-cycle",
        "submitted_at": "2026-11-29T23:59:00.000Z",
        "reference": reference, "version": 1, "version_secret": secret_for(reference),
        "answers": {"first_name": format!("Name of {reference}")}
    });
    if let Some(text) = honeypot {
        v["honeypot"] = json!(text);
    }
    v
}

#[tokio::test]
async fn a_filled_honeypot_is_stored_marked_and_exported_as_suspected() {
    let s = start("honeypot").await;
    let dir = s.data.parent().unwrap().to_path_buf();
    // JSON: a bot's text, and a person's (blank) field.
    let r = s.submit(&app("ref-bot", Some("=cmd|' /C calc'!A0"))).await;
    assert_eq!(r.status, 201, "stored, not refused: {}", r.text());
    assert_eq!(r.json()["reference"], "ref-bot", "a real receipt");
    assert_eq!(s.submit(&app("ref-person", None)).await.status, 201);
    assert_eq!(s.submit(&app("ref-blank", Some("  "))).await.status, 201);
    // Form encoding: a password manager's fill.
    let body = format!(
        "schema_version=2&cycle_id=hp-cycle&submitted_at=now&reference=ref-autofill&version=1\
         &version_secret={}&honeypot=ada%40example.org&first_name=Ada",
        secret_for("ref-autofill")
    );
    let r = request(
        s.addr,
        "POST",
        "/api/submissions",
        &[
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Idempotency-Key", "ref-autofill.v1"),
        ],
        body.as_bytes(),
    )
    .await
    .unwrap();
    assert_eq!(r.status, 201, "{}", r.text());

    let marks: Vec<(String, bool)> = s
        .rows()
        .into_iter()
        .map(|row| (row.reference, row.suspected_automated))
        .collect();
    assert_eq!(
        marks,
        [
            ("ref-bot".to_string(), true),
            ("ref-person".to_string(), false),
            ("ref-blank".to_string(), false),
            ("ref-autofill".to_string(), true),
        ]
    );
    let listed = s.get("/__submissions").await.json();
    assert_eq!(listed[0]["suspected_automated"], true);
    assert_eq!(listed[3]["envelope"]["honeypot"], "ada@example.org");
    assert!(listed[3]["envelope"]["answers"].get("honeypot").is_none());
    let data = s.stop().await;

    let cycle = dir.join("cycle.json");
    std::fs::write(
        &cycle,
        full_cycle(
            "hp-cycle",
            json!({}),
            json!([{"id": "a", "title": "A", "fields": [
                {"id": "first_name", "kind": "text", "label": "First name"}]}]),
        )
        .to_string(),
    )
    .unwrap();
    let csv = export(&data, &cycle, "csv");
    let mut reader = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(&headers[4], "Suspected automated");
    assert_eq!(&headers[5], "Hidden field text");
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    let cells: Vec<(&str, &str, &str)> = rows
        .iter()
        .map(|r| (r[0].as_str(), r[4].as_str(), r[5].as_str()))
        .collect();
    assert_eq!(
        cells,
        [
            ("ref-bot", "Yes", "'=cmd|' /C calc'!A0"),
            ("ref-person", "No", ""),
            ("ref-blank", "No", "  "),
            ("ref-autofill", "Yes", "ada@example.org"),
        ],
        "the hidden text is shown, defused like any cell"
    );
    let lines: Vec<Value> = export(&data, &cycle, "jsonl")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines[0]["suspected_automated"], true);
    assert_eq!(lines[0]["honeypot"], "=cmd|' /C calc'!A0");
    assert_eq!(lines[1]["suspected_automated"], false);
    assert_eq!(lines[1]["honeypot"], Value::Null);
    assert_eq!(lines[3]["honeypot"], "ada@example.org");
}
