//! The applications of one cycle as staff read them: a column per question in
//! the cycle's order headed by its label, then what the export says about
//! each application (versions received, when, its reference, the honeypot
//! mark), and every answer worded exactly as the review page words it
//! (`Field::display`: a choice by its label, a rating in words, a date in
//! full). The same words fill the table, the applicant's page and its print.

use cycle::kinds::rating_words;
use cycle::{Answer, Cycle, Field, Kind};
use serde_json::Value;

use crate::exports::ExportRow;
use crate::from_cycle::{ids, is_confidential};
use crate::table::{Cell, Table};

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ColumnKey {
    /// The question at this position of `cycle.fields()`.
    Field(usize),
    /// How many versions of the application arrived.
    VersionsReceived,
    /// When the latest version arrived.
    ReceivedAt,
    /// The application's reference.
    Reference,
    /// The receiver's honeypot mark (shown only when a row has it).
    SuspectedAutomated,
}

/// One column of the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub key: ColumnKey,
    /// A stable name for remembering chosen columns: the field id, or
    /// `:versions`, `:received`, `:reference`, `:automated`.
    pub id: String,
    /// The heading: the question's label.
    pub label: String,
    /// Shown only after "Show confidential answers".
    pub confidential: bool,
    /// The answers a choice filter offers, in the cycle's order; empty for a
    /// column that is not a choice.
    pub choices: Vec<String>,
}

/// An answer as staff read it.
#[derive(Debug, Clone, PartialEq)]
pub struct Shown {
    /// The review page's words (several choices on lines of their own).
    pub text: String,
    /// The chosen options' labels (for choice filters).
    pub choices: Vec<String>,
    /// For sorting: a number, a rating, or a date (its day number).
    pub number: Option<f64>,
}

impl Shown {
    fn into_cell(self) -> Cell {
        Cell {
            text: self.text,
            choices: self.choices,
            number: self.number,
        }
    }
}

/// The words "Yes" for the honeypot column (the cycle's ticked-box word).
fn yes(cycle: &Cycle) -> String {
    cycle.texts.answer_ticked().to_string()
}

/// How an exported answer reads for its question, or `None` when it is no
/// answer (absent, blank, an unticked box, no choice). An answer the
/// question can no longer read (a choice the cycle stopped offering) reads
/// as it was sent, never dropped.
pub fn shown(cycle: &Cycle, field: &Field, sent: Option<&Value>) -> Option<Shown> {
    let sent = sent.filter(|v| !v.is_null())?;
    let answer = field
        .kind
        .value_from_payload(sent)
        .and_then(|value| field.read(cycle, &value).answer());
    let Some(answer) = answer else {
        let blank = matches!(sent, Value::Bool(false))
            || matches!(sent, Value::Array(items) if items.is_empty())
            || sent.as_str().is_some_and(|s| s.trim().is_empty());
        if blank {
            return None;
        }
        let text = match sent {
            Value::String(s) => s.clone(),
            Value::Array(items) => items
                .iter()
                .map(|i| match i {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                })
                .collect::<Vec<_>>()
                .join("\n"),
            other => other.to_string(),
        };
        return Some(Shown {
            text,
            choices: Vec::new(),
            number: None,
        });
    };
    let text = field.display(cycle, &answer);
    let label_of = |v: &cycle::ChoiceValue| field.choice_label(v).unwrap_or(v.as_str()).to_string();
    let (choices, number) = match &answer {
        Answer::Choice(v) => (vec![label_of(v)], None),
        Answer::Choices(values) => (values.iter().map(label_of).collect(), None),
        Answer::Ticked => (vec![text.clone()], None),
        Answer::Number(n) => {
            // A rating filters by its words too; a whole number only sorts.
            let choices = match field.kind {
                Kind::Rating => vec![text.clone()],
                Kind::Text(_)
                | Kind::Email(_)
                | Kind::Phone(_)
                | Kind::Integer(_)
                | Kind::Textarea(_)
                | Kind::Url(_)
                | Kind::Select(_)
                | Kind::Radio(_)
                | Kind::Checkbox
                | Kind::Checkboxes(_)
                | Kind::Date(_) => Vec::new(),
            };
            (choices, Some(*n as f64))
        }
        Answer::Date(d) => (Vec::new(), Some(d.days_since_epoch() as f64)),
        Answer::Text(_) => (Vec::new(), None),
    };
    Some(Shown {
        text,
        choices,
        number,
    })
}

/// The answers a choice filter offers for a question, in the cycle's order
/// (empty for questions that are not choices).
pub fn filter_choices(cycle: &Cycle, field: &Field) -> Vec<String> {
    match &field.kind {
        Kind::Select(_) | Kind::Radio(_) | Kind::Checkboxes(_) => {
            field.options().iter().map(|o| o.label.clone()).collect()
        }
        Kind::Checkbox => vec![cycle.texts.answer_ticked().to_string()],
        Kind::Rating => {
            let scale = &cycle.rating_scale;
            (i64::from(scale.min)..=i64::from(scale.max))
                .map(|n| rating_words(scale, &cycle.texts, n))
                .collect()
        }
        Kind::Text(_)
        | Kind::Email(_)
        | Kind::Phone(_)
        | Kind::Integer(_)
        | Kind::Textarea(_)
        | Kind::Url(_)
        | Kind::Date(_) => Vec::new(),
    }
}

/// The columns of a cycle's table. The honeypot column is there only when
/// `any_flagged`.
pub fn columns(cycle: &Cycle, any_flagged: bool) -> Vec<Column> {
    let mut out: Vec<Column> = cycle
        .fields()
        .enumerate()
        .map(|(i, field)| Column {
            key: ColumnKey::Field(i),
            id: field.id.to_string(),
            label: field.label.trim().to_string(),
            confidential: is_confidential(field),
            choices: filter_choices(cycle, field),
        })
        .collect();
    let meta = |key, id: &str, label: &str, choices: Vec<String>| Column {
        key,
        id: id.to_string(),
        label: label.to_string(),
        confidential: false,
        choices,
    };
    out.push(meta(
        ColumnKey::VersionsReceived,
        ":versions",
        "Versions received",
        Vec::new(),
    ));
    out.push(meta(
        ColumnKey::ReceivedAt,
        ":received",
        "Received (UTC)",
        Vec::new(),
    ));
    out.push(meta(
        ColumnKey::Reference,
        ":reference",
        "Reference",
        Vec::new(),
    ));
    if any_flagged {
        out.push(meta(
            ColumnKey::SuspectedAutomated,
            ":automated",
            "Suspected automated",
            vec![yes(cycle)],
        ));
    }
    out
}

/// "2020-11-02 15:04" from the export's `2020-11-02T15:04:05.123Z`: sorts
/// as text in time order, and reads without the machine's letters.
pub fn received_text(received_at: &str) -> String {
    let t = received_at.trim();
    match (t.get(..10), t.get(11..16)) {
        (Some(date), Some(time)) if t.len() >= 16 => format!("{date} {time}"),
        _ => t.to_string(),
    }
}

/// One cell of a row.
pub fn cell(cycle: &Cycle, column: &Column, row: &ExportRow) -> Cell {
    match column.key {
        ColumnKey::Field(i) => cycle
            .fields()
            .nth(i)
            .and_then(|field| shown(cycle, field, row.answers.get(field.id.as_str())))
            .map_or_else(Cell::default, Shown::into_cell),
        ColumnKey::VersionsReceived => {
            let n = row.versions.unwrap_or(row.version);
            Cell::number(n as f64, n.to_string())
        }
        ColumnKey::ReceivedAt => Cell::text(
            row.received_at
                .as_deref()
                .map(received_text)
                .unwrap_or_default(),
        ),
        ColumnKey::Reference => Cell::text(row.reference.clone()),
        ColumnKey::SuspectedAutomated => {
            if row.suspected_automated {
                Cell::choices(vec![yes(cycle)], yes(cycle))
            } else {
                Cell::default()
            }
        }
    }
}

/// An applicant's name as they wrote it ("Ana Ruiz"), or their reference
/// when they gave none.
pub fn applicant_name(row: &ExportRow) -> String {
    let name = [ids::FIRST_NAME, ids::LAST_NAME]
        .iter()
        .filter_map(|id| row.answers.get(*id).and_then(Value::as_str))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    if name.is_empty() {
        format!("Application {}", row.reference)
    } else {
        name
    }
}

/// The applications of one cycle, ready for the table.
#[derive(Debug, Clone, Default)]
pub struct Sheet {
    pub columns: Vec<Column>,
    pub table: Table,
    /// Per row: the application's reference and its name.
    pub references: Vec<String>,
    pub names: Vec<String>,
}

impl Sheet {
    pub fn new<'a>(cycle: &Cycle, rows: impl IntoIterator<Item = &'a ExportRow> + Clone) -> Sheet {
        let any_flagged = rows.clone().into_iter().any(|r| r.suspected_automated);
        let columns = columns(cycle, any_flagged);
        let mut references = Vec::new();
        let mut names = Vec::new();
        let cells = rows
            .into_iter()
            .map(|row| {
                references.push(row.reference.clone());
                names.push(applicant_name(row));
                columns.iter().map(|c| cell(cycle, c, row)).collect()
            })
            .collect();
        Sheet {
            columns,
            table: Table::new(cells),
            references,
            names,
        }
    }
}

/// One answer on the applicant's page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageAnswer {
    pub field_id: String,
    pub label: String,
    /// `None`: not answered.
    pub text: Option<String>,
    pub confidential: bool,
}

/// One section of the applicant's page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageSection {
    pub title: String,
    pub answers: Vec<PageAnswer>,
}

/// Every answer of an application by the cycle's sections, then answers the
/// export holds for questions the cycle does not have (as `readable` words
/// them, or as sent), so nothing in the file is out of sight.
pub fn applicant_page(cycle: &Cycle, row: &ExportRow) -> (Vec<PageSection>, Vec<(String, String)>) {
    let sections = cycle
        .sections
        .iter()
        .map(|section| PageSection {
            title: section.title.trim().to_string(),
            answers: section
                .fields
                .iter()
                .map(|field| PageAnswer {
                    field_id: field.id.to_string(),
                    label: field.label.trim().to_string(),
                    text: shown(cycle, field, row.answers.get(field.id.as_str())).map(|s| s.text),
                    confidential: is_confidential(field),
                })
                .collect(),
        })
        .collect();
    let others = row
        .answers
        .iter()
        .filter(|(key, _)| cycle.field_named(key).is_none())
        .map(|(key, value)| {
            let text = match row.readable.get(key) {
                Some(Value::String(s)) => s.clone(),
                _ => match value {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                },
            };
            (key.clone(), text)
        })
        .collect();
    (sections, others)
}
