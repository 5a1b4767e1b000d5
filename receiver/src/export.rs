//! `receiver export`: the applications of one cycle as CSV (for spreadsheets)
//! or JSON Lines, one row per application (its latest version).
//!
//! The cycle file is read through the `cycle` crate, as the form reads it: a
//! question's answer is exported exactly as the review page shows it (a date
//! as "1 March 2027", a choice by its label, a rating in words), and a new
//! kind of question cannot be exported without its own display.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use cycle::{Cycle, Field};
use serde_json::{json, Map, Value};

use crate::config::{ExportArgs, ExportFormat};
use crate::output::check_target;
use crate::store::{open_connection, Row};
use cycle::sheet::defuse_cell;

/// The version of a JSON Lines row's shape (`export_version`); the staff
/// workbench refuses rows of a newer one with a clear message.
pub const EXPORT_VERSION: u32 = 1;

/// Reads and checks a cycle file; every problem with its place.
pub fn read_cycle(path: &Path) -> Result<Cycle, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read the cycle file {}: {e}", path.display()))?;
    cycle::parse(&text).map_err(|problems| {
        let list: Vec<String> = problems.iter().map(ToString::to_string).collect();
        format!(
            "the cycle file {} has problems:\n  {}",
            path.display(),
            list.join("\n  ")
        )
    })
}

/// One application: its latest version and how many versions arrived.
#[derive(Debug, Clone, PartialEq)]
pub struct Application {
    pub latest: Row,
    pub versions: usize,
}

/// Groups rows by reference, keeping the highest version (the later row on a tie).
pub fn latest_versions(rows: Vec<Row>) -> Vec<Application> {
    let mut by_ref: BTreeMap<String, Application> = BTreeMap::new();
    for row in rows {
        match by_ref.get_mut(&row.reference) {
            None => {
                by_ref.insert(
                    row.reference.clone(),
                    Application {
                        latest: row,
                        versions: 1,
                    },
                );
            }
            Some(app) => {
                app.versions += 1;
                if (row.version, row.id) > (app.latest.version, app.latest.id) {
                    app.latest = row;
                }
            }
        }
    }
    let mut apps: Vec<Application> = by_ref.into_values().collect();
    apps.sort_by_key(|a| a.latest.id);
    apps
}

/// Runs the export; returns how many applications were written.
pub fn run(args: &ExportArgs) -> Result<usize, String> {
    // First, so a slip of the keyboard (`--out` at the database) is refused
    // before anything else happens.
    let target = args
        .out
        .as_deref()
        .map(|out| check_target("--out", out, &args.data))
        .transpose()?;
    let cycle = read_cycle(&args.cycle)?;
    if !args.data.exists() {
        return Err(format!("there is no database at {}", args.data.display()));
    }
    let conn = open_connection(&args.data)?;
    let rows: Vec<Row> = crate::store::all_rows(&conn)
        .map_err(|e| format!("cannot read {}: {e}", args.data.display()))?
        .into_iter()
        .filter(|r| r.cycle_id == cycle.id.as_str())
        .collect();
    let mut apps = latest_versions(rows);
    if let Some(since) = &args.since {
        // Stored times are `YYYY-MM-DDTHH:MM:SS.mmmZ`: as text they compare
        // with a bare date as instants compare with its UTC midnight.
        apps.retain(|a| a.latest.received_at.as_str() >= since.as_str());
    }
    let write = |out: &mut dyn Write| -> Result<(), String> {
        match args.format {
            ExportFormat::Csv => write_csv(&cycle, &apps, out)?,
            ExportFormat::Jsonl => write_jsonl(&cycle, &apps, out)?,
        }
        out.flush()
            .map_err(|e| format!("cannot write the export: {e}"))
    };
    match target {
        // The export holds confidential answers: a new 0600 file, put in
        // place only when complete.
        Some(target) => {
            let mut temp = target.temp_file()?;
            write(&mut std::io::BufWriter::new(temp.as_file_mut()))?;
            target.persist(temp)?;
        }
        None => write(&mut std::io::stdout().lock())?,
    }
    Ok(apps.len())
}

const META_HEADERS: [&str; 6] = [
    "Reference",
    "Version",
    "Versions received",
    "Received at (UTC)",
    "Suspected automated",
    "Hidden field text",
];

/// CSV with a UTF-8 byte order mark (so spreadsheet programs read "Zoë" right)
/// and RFC 4180 quoting; columns in the cycle's order, headed by labels.
pub fn write_csv(cycle: &Cycle, apps: &[Application], out: &mut dyn Write) -> Result<(), String> {
    let fail = |e: &dyn std::fmt::Display| format!("cannot write the export: {e}");
    out.write_all("\u{feff}".as_bytes()).map_err(|e| fail(&e))?;
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    let header = META_HEADERS
        .iter()
        .map(|h| h.to_string())
        .chain(cycle.fields().map(|f| defuse_cell(&f.label)));
    w.write_record(header).map_err(|e| fail(&e))?;
    for app in apps {
        let answers = answers_of(&app.latest);
        let row = &app.latest;
        let mut record = vec![
            defuse_cell(&row.reference),
            row.version.to_string(),
            app.versions.to_string(),
            row.received_at.clone(),
            yes_no(row.suspected_automated).to_string(),
            defuse_cell(honeypot_of(row).unwrap_or_default()),
        ];
        for field in cycle.fields() {
            let cell = cell_text(cycle, field, answers.get(cycle.sent_name(&field.id)));
            record.push(defuse_cell(&cell));
        }
        w.write_record(&record).map_err(|e| fail(&e))?;
    }
    w.flush().map_err(|e| fail(&e))
}

/// One JSON object per line: metadata, the answers keyed by field id as the
/// kinds type them (ratings and whole numbers as numbers, a checkbox group as
/// a list of choice values, a date as `YYYY-MM-DD`), and the same answers as
/// the review page reads them (`readable`). Answers that no longer fit their
/// question (a choice the cycle no longer offers) are kept as sent.
pub fn write_jsonl(cycle: &Cycle, apps: &[Application], out: &mut dyn Write) -> Result<(), String> {
    for app in apps {
        let sent = answers_of(&app.latest);
        let row = &app.latest;
        let mut answers = Map::new();
        let mut readable = Map::new();
        for field in cycle.fields() {
            let Some(raw) = sent
                .get(cycle.sent_name(&field.id))
                .filter(|v| !v.is_null())
            else {
                continue;
            };
            let typed =
                typed_answer(cycle, field, raw).map_or_else(|| raw.clone(), |a| a.to_json());
            answers.insert(field.id.to_string(), typed);
            readable.insert(
                field.id.to_string(),
                Value::String(cell_text(cycle, field, Some(raw))),
            );
        }
        let line = json!({
            "export_version": EXPORT_VERSION,
            "cycle_id": row.cycle_id,
            "reference": row.reference,
            "version": row.version,
            "versions": app.versions,
            "received_at": row.received_at,
            "submitted_at": row.submitted_at,
            "suspected_automated": row.suspected_automated,
            "honeypot": honeypot_of(row),
            "answers": answers,
            "readable": readable,
        });
        writeln!(out, "{line}").map_err(|e| format!("cannot write the export: {e}"))?;
    }
    Ok(())
}

fn yes_no(b: bool) -> &'static str {
    if b {
        "Yes"
    } else {
        "No"
    }
}

/// What the hidden honeypot field held, when it was filled (contract 3).
fn honeypot_of(row: &Row) -> Option<&str> {
    row.envelope.get("honeypot").and_then(Value::as_str)
}

fn answers_of(row: &Row) -> Map<String, Value> {
    row.envelope
        .get("answers")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default()
}

/// What the question's kind makes of the answer an endpoint received.
fn typed_answer(cycle: &Cycle, field: &Field, sent: &Value) -> Option<cycle::Answer> {
    let value = field.kind.value_from_payload(sent)?;
    field.read(cycle, &value).answer()
}

/// The readable text of one answer, as the review page shows it. An answer
/// its question can no longer read (a choice since removed from the cycle)
/// is shown as it was sent, never dropped.
pub fn cell_text(cycle: &Cycle, field: &Field, sent: Option<&Value>) -> String {
    let Some(sent) = sent.filter(|v| !v.is_null()) else {
        return String::new();
    };
    match typed_answer(cycle, field, sent) {
        Some(answer) => field.display(cycle, &answer),
        // An unticked box, blank text or no choice: not an answer.
        None if matches!(sent, Value::Bool(false) | Value::Array(_))
            || sent.as_str().is_some_and(|s| s.trim().is_empty()) =>
        {
            String::new()
        }
        None => match sent {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIXTURE: &str = include_str!("../../tests/fixtures/every-kind.json");

    fn fixture() -> Cycle {
        cycle::parse(FIXTURE).expect("the fixture parses")
    }

    fn cell(c: &Cycle, id: &str, sent: Value) -> String {
        cell_text(c, c.field_named(id).expect("a fixture field"), Some(&sent))
    }

    #[test]
    fn cells_read_as_the_review_page_shows_them() {
        let c = fixture();
        assert_eq!(cell(&c, "skill_a", json!(4)), "4 of 5, towards High");
        assert_eq!(
            cell(&c, "skill_a", json!("4")),
            "4 of 5, towards High",
            "form-encoded"
        );
        assert_eq!(cell(&c, "confirm", json!(true)), "Yes");
        assert_eq!(cell(&c, "confirm", json!("true")), "Yes", "form-encoded");
        assert_eq!(
            cell(&c, "ways", json!(["in_person", "email"])),
            "Email\nIn person"
        );
        assert_eq!(
            cell(&c, "ways", json!("phone")),
            "Phone",
            "one repeated key"
        );
        assert_eq!(cell(&c, "match", json!("yes")), "Yes");
        assert_eq!(cell(&c, "start", json!("2027-03-01")), "1 March 2027");
        assert_eq!(cell(&c, "years", json!(12)), "12");
        // A choice the cycle no longer offers is kept as sent.
        assert_eq!(cell(&c, "match", json!("perhaps")), "perhaps");
        assert_eq!(cell_text(&c, c.field_named("name").unwrap(), None), "");
    }

    #[test]
    fn a_bad_cycle_file_names_every_problem_with_its_place() {
        let dir = std::env::temp_dir().join(format!("export-cycle-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("bad.json");
        let mut v: Value = serde_json::from_str(FIXTURE).unwrap();
        v["sections"][0]["fields"][0]["label"] = json!("");
        v["submit"]["url"] = json!("ftp://x");
        std::fs::write(&path, v.to_string()).unwrap();
        let err = read_cycle(&path).unwrap_err();
        // Each problem with its place, line and column (`cycle::parse`).
        assert!(
            err.contains("sections[0].fields[0].label, line 1, column ")
                && err.contains(": every question needs a label"),
            "{err}"
        );
        assert!(err.contains("submit.url"), "{err}");
        std::fs::remove_dir_all(&dir).ok();
    }
}
