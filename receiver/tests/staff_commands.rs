//! `receiver export`, `purge` and `backup` run as the real binary against a
//! database filled through the HTTP API.

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Output};

use common::*;
use serde_json::{json, Value};

const BOM: &str = "\u{feff}";

fn cycle_fixture(dir: &Path) -> std::path::PathBuf {
    let cycle = full_cycle(
        "fixture-cycle",
        json!({"email": "applicant_email"}),
        json!([
            {"id": "a", "title": "A", "fields": [
                {"id": "first_name", "kind": "text", "label": "First name"},
                {"id": "last_name", "kind": "text", "label": "Last name"},
                {"id": "email", "kind": "email", "label": "Email address"},
                {"id": "member", "kind": "checkbox", "label": "I am a member"},
                {"id": "state", "kind": "select", "label": "State",
                 "options": [{"value": "NM", "label": "New Mexico"}, {"value": "OR", "label": "Oregon"}]},
                {"id": "ways", "kind": "checkboxes", "label": "How can we reach you?",
                 "options": [{"value": "email", "label": "By email"}, {"value": "phone", "label": "By phone"}]},
                {"id": "start", "kind": "date", "label": "Start date"},
                {"id": "notes", "kind": "textarea", "label": "=Notes"}
            ]},
            {"id": "b", "title": "B", "fields": [
                {"id": "years", "kind": "integer", "label": "Years of experience"},
                {"id": "comp_outreach", "kind": "rating", "label": "Outreach and Advocacy"}
            ]}
        ]),
    );
    let path = dir.join("cycle.json");
    std::fs::write(&path, cycle.to_string()).unwrap();
    path
}

fn app(reference: &str, version: u64, answers: Value) -> Value {
    json!({
        "schema_version": 1, "cycle_id": "fixture-cycle",
        "submitted_at": "2026-11-29T23:59:00.000Z",
        "reference": reference, "version": version, "answers": answers
    })
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_receiver"))
        .args(args)
        .output()
        .unwrap()
}

fn stdout_ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).expect("UTF-8 output")
}

async fn filled_database(name: &str) -> (std::path::PathBuf, std::path::PathBuf) {
    let s = start(name).await;
    let dir = s.data.parent().unwrap().to_path_buf();
    let first = app(
        "ref-zoe",
        1,
        json!({"first_name": "Zoe", "last_name": "Old"}),
    );
    let latest = app(
        "ref-zoe",
        2,
        json!({
            "first_name": "Zoë", "last_name": "Ñúñez-O’Brien", "applicant_email": "zoe@example.org",
            "member": true, "state": "NM", "ways": ["email", "phone"], "start": "2026-12-01",
            "notes": "=HYPERLINK(\"http://evil.example\",\"click\")", "years": 12, "comp_outreach": 4
        }),
    );
    let other = app(
        "ref-formula",
        1,
        json!({"first_name": "+1+2", "last_name": "-3+4", "applicant_email": "@SUM(A1:A9)",
               "member": false, "notes": "\tTabbed", "state": "XX", "ways": ["phone"], "comp_outreach": 1}),
    );
    let foreign = json!({
        "schema_version": 1, "cycle_id": "another-cycle", "submitted_at": "x",
        "reference": "ref-other-cycle", "answers": {"first_name": "Not exported"}
    });
    for body in [&first, &latest, &other, &foreign] {
        assert_eq!(s.submit(body).await.status, 201);
    }
    let data = s.stop().await;
    (data, dir)
}

#[tokio::test]
async fn csv_export_parses_back_with_names_intact_and_formulas_defused() {
    let (data, dir) = filled_database("export-csv").await;
    let cycle = cycle_fixture(&dir);
    let out = run(&[
        "export",
        "--cycle",
        cycle.to_str().unwrap(),
        "--format",
        "csv",
        "--data",
        data.to_str().unwrap(),
    ]);
    let text = stdout_ok(&out);
    assert!(text.starts_with(BOM), "UTF-8 byte order mark first");
    assert!(String::from_utf8_lossy(&out.stderr).contains("exported 2 application(s)"));

    let mut reader = csv::Reader::from_reader(&text.as_bytes()[BOM.len()..]);
    let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        headers,
        [
            "Reference",
            "Version",
            "Versions received",
            "Received at (UTC)",
            "First name",
            "Last name",
            "Email address",
            "I am a member",
            "State",
            "How can we reach you?",
            "Start date",
            "'=Notes",
            "Years of experience",
            "Outreach and Advocacy",
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 2, "one row per application of this cycle");
    let zoe = &rows[0];
    assert_eq!(&zoe[0], "ref-zoe");
    assert_eq!(&zoe[1], "2", "the latest version");
    assert_eq!(&zoe[2], "2", "both versions counted");
    assert!(zoe[3].ends_with('Z'));
    assert_eq!(&zoe[4], "Zoë");
    assert_eq!(&zoe[5], "Ñúñez-O’Brien");
    assert_eq!(&zoe[6], "zoe@example.org", "mapped field name read back");
    assert_eq!(&zoe[7], "Yes");
    assert_eq!(&zoe[8], "New Mexico");
    assert_eq!(
        &zoe[9], "By email\nBy phone",
        "as the review page lists them"
    );
    assert_eq!(
        &zoe[10], "1 December 2026",
        "as the review page shows a date"
    );
    assert_eq!(&zoe[11], "'=HYPERLINK(\"http://evil.example\",\"click\")");
    assert_eq!(&zoe[12], "12");
    assert_eq!(&zoe[13], "4 of 5, towards Comfortable");

    let f = &rows[1];
    // The email as the form reads it (its domain part lower-cased), defused.
    assert_eq!((&f[4], &f[5], &f[6]), ("'+1+2", "'-3+4", "'@sum(a1:a9)"));
    assert_eq!(&f[7], "", "an unticked box is not an answer");
    assert_eq!(&f[8], "XX", "an unknown option is shown as sent");
    assert_eq!(&f[9], "By phone");
    assert_eq!(&f[11], "Tabbed", "trimmed as the form reads it");
    assert_eq!(&f[12], "", "unanswered is empty");
    assert_eq!(&f[13], "1 of 5, Uncomfortable");
    // RFC 4180: CRLF line ends, quotes doubled.
    assert!(text.contains("\r\n"));
    assert!(text.contains(r#""'=HYPERLINK(""http://evil.example"",""click"")""#));
}

#[tokio::test]
async fn jsonl_export_since_and_out_file() {
    let (data, dir) = filled_database("export-jsonl").await;
    let cycle = cycle_fixture(&dir);
    let (cycle, data) = (cycle.to_str().unwrap(), data.to_str().unwrap());
    let text = stdout_ok(&run(&[
        "export", "--cycle", cycle, "--format", "jsonl", "--data", data,
    ]));
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["reference"], "ref-zoe");
    assert_eq!(lines[0]["versions"], 2);
    assert_eq!(lines[0]["answers"]["last_name"], "Ñúñez-O’Brien");
    assert_eq!(lines[0]["answers"]["email"], "zoe@example.org");
    assert_eq!(lines[0]["export_version"], 1);
    assert_eq!(lines[0]["answers"]["comp_outreach"], 4);
    assert_eq!(lines[0]["answers"]["ways"], json!(["email", "phone"]));
    assert_eq!(
        lines[0]["answers"]["state"], "NM",
        "typed answers carry values"
    );
    assert_eq!(lines[0]["readable"]["state"], "New Mexico");
    assert_eq!(lines[0]["readable"]["ways"], "By email\nBy phone");
    assert_eq!(
        lines[0]["readable"]["comp_outreach"],
        "4 of 5, towards Comfortable"
    );

    let none = stdout_ok(&run(&[
        "export",
        "--cycle",
        cycle,
        "--format",
        "jsonl",
        "--data",
        data,
        "--since",
        "2999-01-01",
    ]));
    assert_eq!(none, "", "nothing received since then");

    let out_file = dir.join("export.csv");
    let out = run(&[
        "export",
        "--cycle",
        cycle,
        "--format",
        "csv",
        "--data",
        data,
        "--out",
        out_file.to_str().unwrap(),
    ]);
    assert_eq!(stdout_ok(&out), "");
    assert_eq!(
        std::fs::metadata(&out_file).unwrap().permissions().mode() & 0o777,
        0o600
    );
    assert!(std::fs::read_to_string(&out_file).unwrap().contains("Zoë"));
}

#[tokio::test]
async fn bad_export_arguments_say_what_is_wrong() {
    let (data, dir) = filled_database("export-bad").await;
    let data = data.to_str().unwrap();
    let bad_cycle = dir.join("bad.json");
    let mut broken = full_cycle(
        "x",
        json!({}),
        json!([{"id": "a", "title": "A", "fields": [{"id": "a", "kind": "text", "label": ""}]}]),
    );
    broken["submit"]["url"] = json!("ftp://nowhere");
    std::fs::write(&bad_cycle, broken.to_string()).unwrap();
    let out = run(&[
        "export",
        "--cycle",
        bad_cycle.to_str().unwrap(),
        "--format",
        "csv",
        "--data",
        data,
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    // Every problem, each with its place, line and column, as the preview
    // and the editor say it.
    assert!(
        stderr.contains("sections[0].fields[0].label, line ")
            && stderr.contains(": every question needs a label"),
        "{stderr}"
    );
    assert!(
        stderr.contains("submit.url, line ") && stderr.contains(": “ftp://nowhere” must be"),
        "{stderr}"
    );
    let out = run(&[
        "export",
        "--cycle",
        "/nonexistent.json",
        "--format",
        "csv",
        "--data",
        data,
    ]);
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("cannot read the cycle file /nonexistent.json"));
    let out = run(&[
        "export",
        "--cycle",
        "c.json",
        "--format",
        "csv",
        "--since",
        "yesterday",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--since: `yesterday` is not a date"));
}

#[tokio::test]
async fn purge_removes_old_rows_and_backup_copies_while_running() {
    let (data, dir) = filled_database("purge").await;
    let data_s = data.to_str().unwrap();

    // A backup taken while a server has the database open.
    let server = spawn_receiver(&data, &[]);
    let backup = dir.join("backup.db");
    let out = run(&["backup", "--to", backup.to_str().unwrap(), "--data", data_s]);
    stdout_ok(&out);
    assert_eq!(
        std::fs::metadata(&backup).unwrap().permissions().mode() & 0o777,
        0o600
    );
    assert_eq!(read_rows(&backup), read_rows(&data));
    let again = run(&["backup", "--to", backup.to_str().unwrap(), "--data", data_s]);
    assert!(String::from_utf8_lossy(&again.stderr).contains("exists already"));

    // Nothing is older than 2000-01-01; everything is older than 2999-01-01.
    let out = run(&["purge", "--before", "2000-01-01", "--data", data_s]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("deleted 0 stored submission(s)"));
    assert_eq!(read_rows(&data).len(), 4);
    let out = run(&[
        "purge",
        "--before",
        "2999-01-01",
        "--cycle-id",
        "fixture-cycle",
        "--data",
        data_s,
    ]);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("deleted 3 stored submission(s)"),
        "{out:?}"
    );
    let left = read_rows(&data);
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].cycle_id, "another-cycle");
    // The running server keeps working on the purged database.
    assert_eq!(
        submit_to(server.addr, &envelope("after-purge"))
            .await
            .unwrap()
            .status,
        201
    );
    assert_eq!(read_rows(&backup).len(), 4, "the backup is untouched");
}
