//! `receiver export`, `purge` and `backup` run as the real binary against a
//! database filled through the HTTP API.

mod common;

use std::os::unix::fs::{FileTypeExt, PermissionsExt};
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
        "schema_version": 2, "cycle_id": "fixture-cycle",
        "submitted_at": "2026-11-29T23:59:00.000Z",
        "reference": reference, "version": version,
        "version_secret": secret_for(reference), "answers": answers
    })
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_receiver"))
        .args(args)
        .output()
        .unwrap()
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
            "Suspected automated",
            "Hidden field text",
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
    assert_eq!((&zoe[4], &zoe[5]), ("No", ""), "no honeypot filled");
    assert_eq!(&zoe[6], "Zoë");
    assert_eq!(&zoe[7], "Ñúñez-O’Brien");
    assert_eq!(&zoe[8], "zoe@example.org", "mapped field name read back");
    assert_eq!(&zoe[9], "Yes");
    assert_eq!(&zoe[10], "New Mexico");
    assert_eq!(
        &zoe[11], "By email\nBy phone",
        "as the review page lists them"
    );
    assert_eq!(
        &zoe[12], "1 December 2026",
        "as the review page shows a date"
    );
    assert_eq!(&zoe[13], "'=HYPERLINK(\"http://evil.example\",\"click\")");
    assert_eq!(&zoe[14], "12");
    assert_eq!(&zoe[15], "4 of 5, towards Comfortable");

    let f = &rows[1];
    // The email as the form reads it (its domain part lower-cased), defused.
    assert_eq!((&f[6], &f[7], &f[8]), ("'+1+2", "'-3+4", "'@sum(a1:a9)"));
    assert_eq!(&f[9], "", "an unticked box is not an answer");
    assert_eq!(&f[10], "XX", "an unknown option is shown as sent");
    assert_eq!(&f[11], "By phone");
    assert_eq!(&f[13], "Tabbed", "trimmed as the form reads it");
    assert_eq!(&f[14], "", "unanswered is empty");
    assert_eq!(&f[15], "1 of 5, Uncomfortable");
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
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(
            "invalid value 'yesterday' for '--since <YYYY-MM-DD>': `yesterday` is not a date"
        ),
        "{err}"
    );
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

// ------------------------------------------------- outputs never destroy data

/// Every file in `dir` with its bytes (a folder or device counts by kind).
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut all: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let name = e.file_name().to_string_lossy().into_owned();
            let meta = std::fs::symlink_metadata(e.path()).unwrap();
            let bytes = if meta.is_file() {
                std::fs::read(e.path()).unwrap()
            } else {
                format!("{:?}", meta.file_type()).into_bytes()
            };
            (name, bytes)
        })
        .collect();
    all.sort();
    all
}

/// Runs the binary in `dir` under `umask 000`, so a file it made with the
/// default mode would be world-readable.
fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new("sh")
        .arg("-c")
        .arg("umask 000; exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_receiver"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

fn refused(out: &Output, fragment: &str) {
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains(fragment), "expected {fragment:?} in {err}");
    assert!(
        out.stdout.is_empty(),
        "nothing exported to stdout on a refusal"
    );
}

#[tokio::test]
async fn export_out_refuses_every_existing_path_and_uris() {
    let (data, dir) = filled_database("export-out-safe").await;
    closed(&data).await;
    let cycle = cycle_fixture(&dir);
    std::fs::write(dir.join("existing.csv"), "precious, not to be replaced\n").unwrap();
    std::fs::create_dir(dir.join("a-folder")).unwrap();
    std::os::unix::fs::symlink(dir.join("missing-target"), dir.join("dangling-link")).unwrap();
    let data_s = data.to_str().unwrap();
    let cycle_s = cycle.to_str().unwrap();

    // No server: the database has no -wal or -shm now, and those names are
    // refused all the same.
    let cases: Vec<(String, &str)> = vec![
        (data_s.to_string(), "is the database itself"),
        ("submissions.db".into(), "is the database itself"),
        (
            "./../".to_string() + &dir_name(&dir) + "/submissions.db",
            "is the database itself",
        ),
        (format!("{data_s}-wal"), "is the database's -wal file"),
        ("submissions.db-shm".into(), "is the database's -shm file"),
        ("existing.csv".into(), "exists already (a file)"),
        ("a-folder".into(), "exists already (a folder)"),
        ("a-folder/".into(), "is a folder name"),
        ("dangling-link".into(), "exists already (a symbolic link)"),
        (
            "/dev/null".into(),
            "exists already (a device or special file)",
        ),
        ("file:x".into(), "looks like a URI"),
        ("file:export.csv".into(), "looks like a URI"),
        (
            "no-such-folder/x.csv".into(),
            "its folder no-such-folder cannot be used",
        ),
    ];
    for (target, fragment) in cases {
        let before = snapshot(&dir);
        let out = run_in(
            &dir,
            &[
                "export", "--cycle", cycle_s, "--format", "csv", "--data", data_s, "--out", &target,
            ],
        );
        refused(&out, fragment);
        assert_eq!(snapshot(&dir), before, "{target}: the folder is untouched");
    }
    assert!(std::fs::symlink_metadata("/dev/null")
        .unwrap()
        .file_type()
        .is_char_device());

    // With a server running, -wal and -shm exist: refused too, untouched.
    let server = spawn_receiver(&data, &[]);
    submit_to(server.addr, &envelope("while-running"))
        .await
        .unwrap();
    for target in [format!("{data_s}-wal"), format!("{data_s}-shm")] {
        assert!(Path::new(&target).exists());
        let before = std::fs::read(&target).unwrap();
        let out = run_in(
            &dir,
            &[
                "export", "--cycle", cycle_s, "--format", "csv", "--data", data_s, "--out", &target,
            ],
        );
        refused(&out, "file");
        assert_eq!(std::fs::read(&target).unwrap(), before, "{target}");
    }
    drop(server);

    // The success path: a new 0600 file, even under umask 000, and no
    // temporary file left behind.
    let before: Vec<String> = snapshot(&dir).into_iter().map(|(n, _)| n).collect();
    let out = run_in(
        &dir,
        &[
            "export", "--cycle", cycle_s, "--format", "csv", "--data", data_s, "--out", "new.csv",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let file = dir.join("new.csv");
    assert_eq!(
        std::fs::metadata(&file).unwrap().permissions().mode() & 0o777,
        0o600
    );
    assert!(std::fs::read_to_string(&file).unwrap().contains("Zoë"));
    let mut after: Vec<String> = snapshot(&dir).into_iter().map(|(n, _)| n).collect();
    after.retain(|n| n != "new.csv" && !n.starts_with("submissions.db"));
    let mut expected = before;
    expected.retain(|n| !n.starts_with("submissions.db"));
    assert_eq!(after, expected, "no temporary file is left");
}

fn dir_name(dir: &Path) -> String {
    dir.file_name().unwrap().to_string_lossy().into_owned()
}

#[tokio::test]
async fn backup_to_refuses_uris_devices_and_existing_paths() {
    let (data, dir) = filled_database("backup-safe").await;
    closed(&data).await;
    let data_s = data.to_str().unwrap();
    std::fs::write(dir.join("old-backup.db"), "yesterday's backup").unwrap();
    let cases = [
        ("file:x.db", "looks like a URI"),
        ("FILE:x.db", "looks like a URI"),
        ("/dev/null", "exists already (a device or special file)"),
        ("old-backup.db", "exists already (a file)"),
        ("submissions.db", "is the database itself"),
        ("submissions.db-wal", "is the database's -wal file"),
    ];
    for (target, fragment) in cases {
        let before = snapshot(&dir);
        let out = run_in(&dir, &["backup", "--data", data_s, "--to", target]);
        refused(&out, fragment);
        assert_eq!(
            snapshot(&dir),
            before,
            "{target}: nothing created or changed"
        );
    }
    assert!(!dir.join("x.db").exists() && !dir.join("file:x.db").exists());

    // The success path while a server runs: 0600 under umask 000, a copy
    // of every row, and no temporary file left.
    let server = spawn_receiver(&data, &[]);
    let out = run_in(&dir, &["backup", "--data", data_s, "--to", "today.db"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    drop(server);
    let copy = dir.join("today.db");
    assert_eq!(
        std::fs::metadata(&copy).unwrap().permissions().mode() & 0o777,
        0o600
    );
    assert_eq!(read_rows(&copy), read_rows(&data));
    let leftovers: Vec<String> = snapshot(&dir)
        .into_iter()
        .map(|(n, _)| n)
        .filter(|n| n.starts_with(".receiver-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[tokio::test]
async fn env_fallbacks_reach_every_command() {
    let (data, dir) = filled_database("env").await;
    let cycle = cycle_fixture(&dir);
    // RECEIVER_DATA is the default --data of export (and the others).
    let out = Command::new(env!("CARGO_BIN_EXE_receiver"))
        .args(["export", "--format", "jsonl", "--cycle"])
        .arg(&cycle)
        .env("RECEIVER_DATA", &data)
        .output()
        .unwrap();
    assert_eq!(stdout_ok(&out).lines().count(), 2);
    // The server takes RECEIVER_PORT, RECEIVER_DATA and RECEIVER_ALLOW_ORIGINS;
    // an empty one counts as unset.
    let mut child = Command::new(env!("CARGO_BIN_EXE_receiver"))
        .env("RECEIVER_PORT", "0")
        .env("RECEIVER_DATA", &data)
        .env("RECEIVER_ALLOW_ORIGINS", "http://a.test, http://b.test")
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufRead::read_line(
        &mut std::io::BufReader::new(child.stdout.take().unwrap()),
        &mut line,
    )
    .unwrap();
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        line.starts_with("receiver listening on http://127.0.0.1:")
            && !line.contains(":3001 ")
            && line.contains(data.to_str().unwrap()),
        "{line}"
    );
    let out = Command::new(env!("CARGO_BIN_EXE_receiver"))
        .args(["backup", "--to"])
        .arg(dir.join("env-backup.db"))
        .env("RECEIVER_DATA", &data)
        .env("RECEIVER_PORT", "")
        .output()
        .unwrap();
    stdout_ok(&out);
    assert_eq!(read_rows(&dir.join("env-backup.db")).len(), 4);
    // A bad value is named with its variable.
    let out = Command::new(env!("CARGO_BIN_EXE_receiver"))
        .env("RECEIVER_PORT", "http")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("invalid value 'http' for '--port <N>'"),
        "{err}"
    );
}

#[test]
fn help_and_bad_flags_on_the_binary() {
    let out = run(&["--help"]);
    let help = stdout_ok(&out);
    for needle in [
        "Usage: receiver",
        "export",
        "purge",
        "backup",
        "--port <N>",
        "--draft-days",
    ] {
        assert!(help.contains(needle), "{needle}: {help}");
    }
    let out = run(&["export", "--help"]);
    assert!(stdout_ok(&out).contains("--out <FILE>"));
    let out = run(&["purge", "--befor", "2021-01-01"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("unexpected argument '--befor'") && err.contains("--before"),
        "a suggestion for the slip: {err}"
    );
}
