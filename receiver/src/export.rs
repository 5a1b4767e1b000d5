//! `receiver export`: the applications of one cycle as CSV (for spreadsheets)
//! or JSON Lines, one row per application (its latest version).
//!
//! The cycle file is read here with serde_json on its own terms (ids, labels,
//! kinds, options, field name mapping), not through the app's crate, so the
//! receiver builds and deploys on its own.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use serde_json::{json, Map, Value};

use crate::config::{ExportArgs, ExportFormat};
use crate::defuse::defuse_cell;
use crate::output::check_target;
use crate::store::{open_connection, Row};

/// One question of the cycle, as the export needs it.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub id: String,
    pub label: String,
    pub kind: String,
    /// The answer's key in the payload (`submit.field_names`, else the id).
    pub payload_name: String,
    /// `(value, label)` of select, radio and checkboxes options.
    pub options: Vec<(String, String)>,
}

/// What the export reads from a cycle file.
#[derive(Debug, Clone, PartialEq)]
pub struct CycleSpec {
    pub id: String,
    pub fields: Vec<Field>,
}

/// Reads the parts of a cycle file the export needs, with the place of any problem.
pub fn read_cycle(path: &Path) -> Result<CycleSpec, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read the cycle file {}: {e}", path.display()))?;
    let root: Value = serde_json::from_str(&text)
        .map_err(|e| format!("the cycle file {} is not valid JSON: {e}", path.display()))?;
    parse_cycle(&root).map_err(|e| format!("the cycle file {}: {e}", path.display()))
}

fn parse_cycle(root: &Value) -> Result<CycleSpec, String> {
    let str_at = |v: &Value, key: &str, place: &str| -> Result<String, String> {
        v.get(key)
            .and_then(Value::as_str)
            .map(str::to_string)
            .ok_or_else(|| format!("{place}.{key} must be text"))
    };
    let id = str_at(root, "id", "(top level)").map_err(|_| "id must be text".to_string())?;
    let names = root
        .pointer("/submit/field_names")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let sections = root
        .get("sections")
        .and_then(Value::as_array)
        .ok_or("sections must be a list")?;
    let mut fields = Vec::new();
    for (s, section) in sections.iter().enumerate() {
        let list = section
            .get("fields")
            .and_then(Value::as_array)
            .ok_or_else(|| format!("sections[{s}].fields must be a list"))?;
        for (f, field) in list.iter().enumerate() {
            let place = format!("sections[{s}].fields[{f}]");
            let id = str_at(field, "id", &place)?;
            let label = str_at(field, "label", &place)?;
            let kind = str_at(field, "kind", &place)?;
            let mut options = Vec::new();
            if let Some(opts) = field.get("options") {
                let opts = opts
                    .as_array()
                    .ok_or_else(|| format!("{place}.options must be a list"))?;
                for (o, opt) in opts.iter().enumerate() {
                    let oplace = format!("{place}.options[{o}]");
                    options.push((
                        str_at(opt, "value", &oplace)?,
                        str_at(opt, "label", &oplace)?,
                    ));
                }
            }
            let payload_name = names
                .get(&id)
                .and_then(Value::as_str)
                .map(str::to_string)
                .unwrap_or_else(|| id.clone());
            fields.push(Field {
                id,
                label,
                kind,
                payload_name,
                options,
            });
        }
    }
    Ok(CycleSpec { id, fields })
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
        .filter(|r| r.cycle_id == cycle.id)
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
pub fn write_csv(
    cycle: &CycleSpec,
    apps: &[Application],
    out: &mut dyn Write,
) -> Result<(), String> {
    let fail = |e: &dyn std::fmt::Display| format!("cannot write the export: {e}");
    out.write_all("\u{feff}".as_bytes()).map_err(|e| fail(&e))?;
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    let header = META_HEADERS
        .iter()
        .map(|h| h.to_string())
        .chain(cycle.fields.iter().map(|f| defuse_cell(&f.label)));
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
        for field in &cycle.fields {
            let cell = cell_text(field, answers.get(&field.payload_name));
            record.push(defuse_cell(&cell));
        }
        w.write_record(&record).map_err(|e| fail(&e))?;
    }
    w.flush().map_err(|e| fail(&e))
}

/// One JSON object per line: metadata and the answers keyed by field id,
/// with the same readable values as the CSV.
pub fn write_jsonl(
    cycle: &CycleSpec,
    apps: &[Application],
    out: &mut dyn Write,
) -> Result<(), String> {
    for app in apps {
        let answers = answers_of(&app.latest);
        let row = &app.latest;
        let mut by_id = Map::new();
        for field in &cycle.fields {
            if let Some(v) = answers.get(&field.payload_name).filter(|v| !v.is_null()) {
                let value = match field.kind.as_str() {
                    "rating" | "integer" => v.clone(),
                    _ => Value::String(cell_text(field, Some(v))),
                };
                by_id.insert(field.id.clone(), value);
            }
        }
        let line = json!({
            "reference": row.reference,
            "version": row.version,
            "versions": app.versions,
            "received_at": row.received_at,
            "submitted_at": row.submitted_at,
            "cycle_id": row.cycle_id,
            "suspected_automated": row.suspected_automated,
            "honeypot": honeypot_of(row),
            "answers": by_id,
        });
        writeln!(out, "{line}").map_err(|e| format!("cannot write the export: {e}"))?;
    }
    Ok(())
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

/// The readable text of one answer: ratings and whole numbers as numbers,
/// checkboxes as Yes/No, choices by their label, several choices joined by "; ".
pub fn cell_text(field: &Field, value: Option<&Value>) -> String {
    let label_of = |v: &str| {
        field
            .options
            .iter()
            .find(|(value, _)| value == v)
            .map(|(_, label)| label.clone())
            .unwrap_or_else(|| v.to_string())
    };
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::Bool(b)) => yes_no(*b).to_string(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Array(items)) => items
            .iter()
            .map(|i| match i {
                Value::String(s) => label_of(s),
                other => other.to_string(),
            })
            .collect::<Vec<_>>()
            .join("; "),
        Some(Value::Object(o)) => Value::Object(o.clone()).to_string(),
        Some(Value::String(s)) => match field.kind.as_str() {
            // Form-encoded payloads carry everything as text.
            "checkbox" => match s.trim().to_ascii_lowercase().as_str() {
                "true" | "on" | "yes" | "1" => "Yes".to_string(),
                "false" | "off" | "no" | "0" | "" => "No".to_string(),
                _ => s.clone(),
            },
            "select" | "radio" | "checkboxes" => label_of(s),
            "rating" | "integer" => s.trim().to_string(),
            _ => s.clone(),
        },
    }
}

fn yes_no(b: bool) -> &'static str {
    if b {
        "Yes"
    } else {
        "No"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(kind: &str, options: &[(&str, &str)]) -> Field {
        Field {
            id: "f".into(),
            label: "F".into(),
            kind: kind.into(),
            payload_name: "f".into(),
            options: options
                .iter()
                .map(|(v, l)| (v.to_string(), l.to_string()))
                .collect(),
        }
    }

    #[test]
    fn cells_are_readable() {
        let opts = [("email", "By email"), ("phone", "By phone")];
        assert_eq!(cell_text(&field("rating", &[]), Some(&json!(4))), "4");
        assert_eq!(cell_text(&field("rating", &[]), Some(&json!("4"))), "4");
        assert_eq!(
            cell_text(&field("checkbox", &[]), Some(&json!(true))),
            "Yes"
        );
        assert_eq!(
            cell_text(&field("checkbox", &[]), Some(&json!("false"))),
            "No"
        );
        assert_eq!(
            cell_text(
                &field("checkboxes", &opts),
                Some(&json!(["email", "phone"]))
            ),
            "By email; By phone"
        );
        assert_eq!(
            cell_text(&field("checkboxes", &opts), Some(&json!("phone"))),
            "By phone"
        );
        assert_eq!(
            cell_text(&field("radio", &opts), Some(&json!("other"))),
            "other"
        );
        assert_eq!(
            cell_text(&field("date", &[]), Some(&json!("2026-12-01"))),
            "2026-12-01"
        );
        assert_eq!(cell_text(&field("text", &[]), None), "");
    }

    #[test]
    fn cycle_problems_are_placed() {
        let err = parse_cycle(
            &json!({"id": "c", "sections": [{"fields": [{"id": "a", "kind": "text"}]}]}),
        )
        .unwrap_err();
        assert_eq!(err, "sections[0].fields[0].label must be text");
        let c = parse_cycle(
            &json!({"id": "c", "submit": {"field_names": {"a": "entry.1"}},
            "sections": [{"fields": [{"id": "a", "kind": "text", "label": "A"}]}]}),
        )
        .unwrap();
        assert_eq!(c.fields[0].payload_name, "entry.1");
    }
}
