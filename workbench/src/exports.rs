//! Reading the receiver's JSON Lines exports (`receiver export --format jsonl`).
//!
//! Each line the receiver writes (`receiver/src/export.rs`, `write_jsonl`) is
//! one application, its latest version:
//!
//! ```json
//! {"export_version":1,"cycle_id":"fall-2020-mentor","reference":"<uuid>",
//!  "version":2,"versions":3,"received_at":"2020-11-02T15:04:05.123Z",
//!  "submitted_at":"2020-11-02T15:04:01Z",
//!  "answers":{"first_name":"Ana","state":"IL","region_match":"yes","comp_outreach":4,
//!             "ways_to_meet":["email","phone"],"start_date":"2021-01-15"},
//!  "readable":{"first_name":"Ana","state":"Illinois","region_match":"Yes",…}}
//! ```
//!
//! `answers` is keyed by field id with **typed values** as the question's kind
//! reads them: a choice by its value (`"IL"`, `"yes"`), ratings and whole
//! numbers as numbers, a checkbox group as a list of values, a ticked box as
//! `true`, a date as `YYYY-MM-DD`; an answer that no longer fits its question
//! is kept as it was sent. `readable` holds the same answers as the review
//! page shows them. Blank answers are absent. `export_version` is the row's
//! format: absent means 1, a higher one is refused as "a newer export
//! format". Keys this reader does not know are ignored;
//! `suspected_automated` and `honeypot` (the receiver's mark for a filled
//! honeypot field, and its text: common contract 3) are read when present.
//!
//! Bad lines are reported with file, line number and the problem; the good
//! lines still load. Text from a file is kept as text: nothing here
//! interprets it.

use std::collections::HashMap;
use std::fmt;
use std::hash::{Hash, Hasher};

use serde_json::{Map, Value};

/// The highest `export_version` of an export row this reader understands
/// (the receiver's `EXPORT_VERSION`).
pub const SUPPORTED_EXPORT_VERSION: u64 = 1;

/// One application as exported: its latest version and its answers.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportRow {
    /// The application's reference (a UUID made by the form).
    pub reference: String,
    /// The latest version received.
    pub version: u64,
    /// How many versions arrived, when the export says.
    pub versions: Option<u64>,
    pub received_at: Option<String>,
    pub submitted_at: Option<String>,
    pub cycle_id: String,
    /// The submission filled the hidden honeypot field: staff decide.
    pub suspected_automated: bool,
    /// What the honeypot field held, when the export says.
    pub honeypot: Option<String>,
    /// Answers keyed by field id, as the export wrote them (typed values).
    pub answers: Map<String, Value>,
    /// The same answers as the review page reads them, when the export says
    /// (shown for an answer the cycle has no question for).
    pub readable: Map<String, Value>,
}

/// A line of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub file: String,
    /// 1-based.
    pub line: usize,
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}, line {}", self.file, self.line)
    }
}

/// The JSON kind found where an object was expected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonKind {
    Null,
    Bool,
    Number,
    Text,
    List,
    Object,
}

impl JsonKind {
    fn of(value: &Value) -> JsonKind {
        match value {
            Value::Null => JsonKind::Null,
            Value::Bool(_) => JsonKind::Bool,
            Value::Number(_) => JsonKind::Number,
            Value::String(_) => JsonKind::Text,
            Value::Array(_) => JsonKind::List,
            Value::Object(_) => JsonKind::Object,
        }
    }

    fn name_en(self) -> &'static str {
        match self {
            JsonKind::Null => "null",
            JsonKind::Bool => "true or false",
            JsonKind::Number => "a number",
            JsonKind::Text => "text",
            JsonKind::List => "a list",
            JsonKind::Object => "an object",
        }
    }
}

/// What a key of a row must hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    Text,
    NonEmptyText,
    PositiveWholeNumber,
    TrueOrFalse,
    Object,
}

impl Expected {
    fn name_en(self) -> &'static str {
        match self {
            Expected::Text => "text",
            Expected::NonEmptyText => "text that is not empty",
            Expected::PositiveWholeNumber => "a whole number of 1 or more",
            Expected::TrueOrFalse => "true or false",
            Expected::Object => "an object of answers",
        }
    }
}

/// Why a JSON parser stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonFault {
    /// The line breaks JSON's grammar.
    Syntax,
    /// The line ends in the middle of a value.
    EndsEarly,
}

/// Where the cycle a row must belong to comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CycleSource {
    /// The cycle staff opened the file for.
    Given,
    /// Most rows of the file.
    RestOfFile,
}

/// Where the row that wins a duplicate came from, and its version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    pub place: Place,
    pub version: u64,
}

/// What is wrong with one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineProblem {
    NotUtf8,
    NotJson {
        fault: JsonFault,
        column: usize,
    },
    NotAnObject {
        found: JsonKind,
    },
    MissingKey {
        key: &'static str,
    },
    WrongType {
        key: &'static str,
        expected: Expected,
    },
    NewerFormat {
        found: u64,
        supported: u64,
    },
    OtherCycle {
        found: String,
        expected: String,
        source: CycleSource,
    },
    /// The same reference was read twice; the higher version is kept (the
    /// first read on a tie).
    Duplicate {
        reference: String,
        kept: Version,
        set_aside: Version,
    },
}

/// A problem and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineReport {
    pub place: Place,
    pub problem: LineProblem,
}

impl fmt::Display for LineReport {
    /// English, for the file's message list: "mentors.jsonl, line 3: not JSON
    /// (syntax error at column 7)".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", self.place)?;
        match &self.problem {
            LineProblem::NotUtf8 => write!(f, "not UTF-8 text"),
            LineProblem::NotJson { fault, column } => match fault {
                JsonFault::Syntax => write!(f, "not JSON (syntax error at column {column})"),
                JsonFault::EndsEarly => {
                    write!(
                        f,
                        "not JSON (the line ends inside a value, column {column})"
                    )
                }
            },
            LineProblem::NotAnObject { found } => write!(
                f,
                "not an application row (a JSON object), but {}",
                found.name_en()
            ),
            LineProblem::MissingKey { key } => write!(f, "the row has no \"{key}\""),
            LineProblem::WrongType { key, expected } => {
                write!(f, "\"{key}\" must be {}", expected.name_en())
            }
            LineProblem::NewerFormat { found, supported } => write!(
                f,
                "the row is in a newer export format ({found}) than this page reads \
                 ({supported}); update the workbench"
            ),
            LineProblem::OtherCycle {
                found,
                expected,
                source,
            } => {
                let whose = match source {
                    CycleSource::Given => "the cycle this file was opened for",
                    CycleSource::RestOfFile => "the rest of the file",
                };
                write!(
                    f,
                    "the row belongs to the cycle \"{}\", not \"{}\" ({whose})",
                    shorten(found),
                    shorten(expected)
                )
            }
            LineProblem::Duplicate {
                reference,
                kept,
                set_aside,
            } => write!(
                f,
                "application {} is also in {}; kept version {} from {}, set aside version {} \
                 from {}",
                shorten(reference),
                if kept.place == self.place {
                    &set_aside.place
                } else {
                    &kept.place
                },
                kept.version,
                kept.place,
                set_aside.version,
                set_aside.place
            ),
        }
    }
}

/// A file-wide problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileProblem {
    /// The same bytes were opened before (under this name or another).
    AlreadyOpen { as_name: String },
    /// The file is one JSON document holding `sections`: a cycle file.
    IsACycleFile,
    /// Nothing in the file.
    Empty,
    /// Not a single line could be read as a row.
    NoRows,
}

impl FileProblem {
    pub fn message_en(&self, file: &str) -> String {
        match self {
            FileProblem::AlreadyOpen { as_name } => {
                format!("{file} is already open (as {as_name}); nothing added")
            }
            FileProblem::IsACycleFile => format!(
                "{file} is a cycle file, not an export: open it as the cycle, and the \
                 applications as `receiver export --format jsonl` writes them"
            ),
            FileProblem::Empty => format!("{file} is empty"),
            FileProblem::NoRows => {
                format!("{file} is not an export in JSON Lines: no line is an application row")
            }
        }
    }
}

/// What reading one file did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileReport {
    pub file: String,
    /// The cycle of the file's rows (the given one, or most rows').
    pub cycle_id: Option<String>,
    /// Rows added as new applications.
    pub added: usize,
    /// Rows that replaced an earlier, lower version of the same application.
    pub replaced: usize,
    pub file_problem: Option<FileProblem>,
    pub lines: Vec<LineReport>,
}

impl FileReport {
    /// Every message, in English, file problem first.
    pub fn messages_en(&self) -> Vec<String> {
        self.file_problem
            .iter()
            .map(|p| p.message_en(&self.file))
            .chain(self.lines.iter().map(ToString::to_string))
            .collect()
    }
}

/// A row and the line it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadedRow {
    pub place: Place,
    pub row: ExportRow,
}

/// The applications of every opened file, one per reference.
#[derive(Debug, Default, Clone)]
pub struct Applications {
    rows: Vec<LoadedRow>,
    by_reference: HashMap<String, usize>,
    opened: Vec<(u64, usize, String)>,
}

impl Applications {
    pub fn new() -> Self {
        Self::default()
    }

    /// Every application, in the order first read.
    pub fn rows(&self) -> &[LoadedRow] {
        &self.rows
    }

    /// The applications of one cycle.
    pub fn of_cycle<'a>(&'a self, cycle_id: &'a str) -> impl Iterator<Item = &'a LoadedRow> {
        self.rows.iter().filter(move |r| r.row.cycle_id == cycle_id)
    }

    /// The cycles present, in the order first read.
    pub fn cycle_ids(&self) -> Vec<&str> {
        let mut ids: Vec<&str> = Vec::new();
        for r in &self.rows {
            if !ids.contains(&r.row.cycle_id.as_str()) {
                ids.push(&r.row.cycle_id);
            }
        }
        ids
    }

    /// Reads one export file and adds its good rows. `expected_cycle` is the
    /// cycle staff opened it for, if they said; otherwise the cycle most of
    /// the file's rows name is the file's, and other rows are reported.
    pub fn add_file(
        &mut self,
        file: &str,
        bytes: &[u8],
        expected_cycle: Option<&str>,
    ) -> FileReport {
        let mut report = FileReport {
            file: file.to_string(),
            cycle_id: None,
            added: 0,
            replaced: 0,
            file_problem: None,
            lines: Vec::new(),
        };
        let fingerprint = fingerprint(bytes);
        if let Some((_, _, name)) = self
            .opened
            .iter()
            .find(|(hash, len, _)| *hash == fingerprint && *len == bytes.len())
        {
            report.file_problem = Some(FileProblem::AlreadyOpen {
                as_name: name.clone(),
            });
            return report;
        }
        let text = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
        if text.iter().all(u8::is_ascii_whitespace) {
            report.file_problem = Some(FileProblem::Empty);
            return report;
        }
        if looks_like_cycle_file(text) {
            report.file_problem = Some(FileProblem::IsACycleFile);
            return report;
        }

        let mut parsed: Vec<(Place, ExportRow)> = Vec::new();
        for (index, raw) in text.split(|b| *b == b'\n').enumerate() {
            let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
            if raw.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let place = Place {
                file: file.to_string(),
                line: index + 1,
            };
            match read_line(raw) {
                Ok(row) => parsed.push((place, row)),
                Err(problem) => report.lines.push(LineReport { place, problem }),
            }
        }

        let (file_cycle, source) = match expected_cycle {
            Some(c) => (Some(c.to_string()), CycleSource::Given),
            None => (most_common_cycle(&parsed), CycleSource::RestOfFile),
        };
        report.cycle_id = file_cycle.clone();
        let mut good = 0;
        for (place, row) in parsed {
            if let Some(expected) = &file_cycle {
                if &row.cycle_id != expected {
                    report.lines.push(LineReport {
                        place,
                        problem: LineProblem::OtherCycle {
                            found: row.cycle_id,
                            expected: expected.clone(),
                            source,
                        },
                    });
                    continue;
                }
            }
            good += 1;
            self.insert(place, row, &mut report);
        }
        if good == 0 {
            report.file_problem = Some(FileProblem::NoRows);
        } else {
            self.opened
                .push((fingerprint, bytes.len(), file.to_string()));
        }
        report.lines.sort_by_key(|l| l.place.line);
        report
    }

    fn insert(&mut self, place: Place, row: ExportRow, report: &mut FileReport) {
        let Some(&index) = self.by_reference.get(&row.reference) else {
            self.by_reference
                .insert(row.reference.clone(), self.rows.len());
            self.rows.push(LoadedRow { place, row });
            report.added += 1;
            return;
        };
        let Some(existing) = self.rows.get_mut(index) else {
            return;
        };
        let old = Version {
            place: existing.place.clone(),
            version: existing.row.version,
        };
        let new = Version {
            place: place.clone(),
            version: row.version,
        };
        let reference = row.reference.clone();
        let (kept, set_aside) = if row.version > existing.row.version {
            *existing = LoadedRow {
                place: place.clone(),
                row,
            };
            report.replaced += 1;
            (new, old)
        } else {
            (old, new)
        };
        report.lines.push(LineReport {
            place,
            problem: LineProblem::Duplicate {
                reference,
                kept,
                set_aside,
            },
        });
    }
}

fn fingerprint(bytes: &[u8]) -> u64 {
    // DefaultHasher::new() has fixed keys: the same bytes hash alike in one
    // session, which is all "already open" needs (the length is compared too).
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut hasher);
    hasher.finish()
}

/// A cycle file is one JSON object with `sections`, usually over many lines.
pub fn looks_like_cycle_file(text: &[u8]) -> bool {
    match serde_json::from_slice::<Value>(text) {
        Ok(Value::Object(o)) => o.contains_key("sections"),
        _ => false,
    }
}

fn most_common_cycle(rows: &[(Place, ExportRow)]) -> Option<String> {
    // Counted in first-seen order so a tie goes to the cycle read first.
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for (_, row) in rows {
        match counts.iter_mut().find(|(id, _)| *id == row.cycle_id) {
            Some((_, n)) => *n += 1,
            None => counts.push((&row.cycle_id, 1)),
        }
    }
    let mut best: Option<(&str, usize)> = None;
    for (id, n) in counts {
        if best.is_none_or(|(_, m)| n > m) {
            best = Some((id, n));
        }
    }
    best.map(|(id, _)| id.to_string())
}

/// Reads one line into a row, or says what is wrong with it.
pub fn read_line(raw: &[u8]) -> Result<ExportRow, LineProblem> {
    let text = std::str::from_utf8(raw).map_err(|_| LineProblem::NotUtf8)?;
    let value: Value = serde_json::from_str(text).map_err(|e| LineProblem::NotJson {
        fault: if e.is_eof() {
            JsonFault::EndsEarly
        } else {
            JsonFault::Syntax
        },
        column: e.column(),
    })?;
    let Value::Object(mut object) = value else {
        return Err(LineProblem::NotAnObject {
            found: JsonKind::of(&value),
        });
    };
    // The format comes first: a newer row may name its other keys
    // differently. (`schema_version` is the payload's format, not the row's:
    // an export row carrying one is not judged by it.)
    if let Some(v) = object.get("export_version") {
        let found = positive_whole(v).ok_or(LineProblem::WrongType {
            key: "export_version",
            expected: Expected::PositiveWholeNumber,
        })?;
        if found > SUPPORTED_EXPORT_VERSION {
            return Err(LineProblem::NewerFormat {
                found,
                supported: SUPPORTED_EXPORT_VERSION,
            });
        }
    }
    let reference = required_text(&object, "reference")?;
    let cycle_id = required_text(&object, "cycle_id")?;
    let version = match object.get("version") {
        None => return Err(LineProblem::MissingKey { key: "version" }),
        Some(v) => positive_whole(v).ok_or(LineProblem::WrongType {
            key: "version",
            expected: Expected::PositiveWholeNumber,
        })?,
    };
    let versions = match object.get("versions") {
        None | Some(Value::Null) => None,
        Some(v) => Some(positive_whole(v).ok_or(LineProblem::WrongType {
            key: "versions",
            expected: Expected::PositiveWholeNumber,
        })?),
    };
    let received_at = optional_text(&object, "received_at")?;
    let submitted_at = optional_text(&object, "submitted_at")?;
    let suspected_automated = match object.get("suspected_automated") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => {
            return Err(LineProblem::WrongType {
                key: "suspected_automated",
                expected: Expected::TrueOrFalse,
            })
        }
    };
    let honeypot = optional_text(&object, "honeypot")?;
    let answers = match object.remove("answers") {
        None => return Err(LineProblem::MissingKey { key: "answers" }),
        Some(Value::Object(answers)) => answers,
        Some(_) => {
            return Err(LineProblem::WrongType {
                key: "answers",
                expected: Expected::Object,
            })
        }
    };
    let readable = match object.remove("readable") {
        None | Some(Value::Null) => Map::new(),
        Some(Value::Object(readable)) => readable,
        Some(_) => {
            return Err(LineProblem::WrongType {
                key: "readable",
                expected: Expected::Object,
            })
        }
    };
    Ok(ExportRow {
        reference,
        version,
        versions,
        received_at,
        submitted_at,
        cycle_id,
        suspected_automated,
        honeypot,
        answers,
        readable,
    })
}

fn positive_whole(v: &Value) -> Option<u64> {
    v.as_u64().filter(|n| *n >= 1)
}

fn required_text(object: &Map<String, Value>, key: &'static str) -> Result<String, LineProblem> {
    match object.get(key) {
        None | Some(Value::Null) => Err(LineProblem::MissingKey { key }),
        Some(Value::String(s)) if !s.trim().is_empty() => Ok(s.clone()),
        Some(_) => Err(LineProblem::WrongType {
            key,
            expected: Expected::NonEmptyText,
        }),
    }
}

fn optional_text(
    object: &Map<String, Value>,
    key: &'static str,
) -> Result<Option<String>, LineProblem> {
    match object.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(LineProblem::WrongType {
            key,
            expected: Expected::Text,
        }),
    }
}

/// Text from a file, made safe to put in a one-line message: control
/// characters and the invisible bidirectional controls (which could make a
/// message read backwards) shown as escapes, at most 60 characters.
pub fn shorten(text: &str) -> String {
    const MAX: usize = 60;
    let is_bidi_control = |c: char| matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
    let mut out = String::new();
    for (i, c) in text.chars().enumerate() {
        if i == MAX {
            out.push('…');
            break;
        }
        if c.is_control() || is_bidi_control(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shorten_escapes_controls_and_cuts() {
        assert_eq!(shorten("a\nb\u{7}"), "a\\nb\\u{7}");
        assert_eq!(shorten("abc\u{202e}fed"), "abc\\u{202e}fed");
        assert_eq!(shorten(&"x".repeat(70)), format!("{}…", "x".repeat(60)));
        assert_eq!(shorten("<b>Zoë</b>"), "<b>Zoë</b>");
    }

    #[test]
    fn most_common_cycle_breaks_ties_by_first_seen() {
        let row = |c: &str| {
            (
                Place {
                    file: "f".into(),
                    line: 1,
                },
                ExportRow {
                    reference: "r".into(),
                    version: 1,
                    versions: None,
                    received_at: None,
                    submitted_at: None,
                    cycle_id: c.into(),
                    suspected_automated: false,
                    honeypot: None,
                    answers: Map::new(),
                    readable: Map::new(),
                },
            )
        };
        assert_eq!(
            most_common_cycle(&[row("b"), row("a"), row("a"), row("b")]),
            Some("b".into())
        );
        assert_eq!(
            most_common_cycle(&[row("b"), row("a"), row("a")]),
            Some("a".into())
        );
        assert_eq!(most_common_cycle(&[]), None);
    }
}
