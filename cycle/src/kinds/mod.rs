//! Every kind of question, in one place. A kind owns its whole behaviour
//! outside the page: the settings it takes from a cycle file (and writes back),
//! how a stored value is read (normalised and parsed once), its messages, how
//! its answer reads on the review page, in the staff export and the
//! workbench, and which answers can switch another question's requirement.
//! Which control renders it is the app's business (`components::field`), by
//! the same exhaustive match.
//!
//! Every function here matches on [`Kind`] or [`FieldKind`] without a `_` arm,
//! so adding a kind is: a variant in both enums, one module here, and the
//! compiler then lists every match that needs an arm (docs/cycle-file.md has
//! the walk-through).

mod checkbox;
mod checkboxes;
mod choice;
mod date;
mod email;
mod integer;
mod phone;
mod rating;
mod text;
mod url;

pub mod types;

pub use date::PART_OF_A_DATE;
pub use email::lowercase_domain;
pub use rating::rating_words;
pub use types::{
    CheckboxesSettings, Choice, ChoiceSettings, DateRange, FieldKind, IntegerSettings, Kind,
    SelectSettings, Setting, TextSettings,
};

use crate::answers::{Answer, Reading, Value};
use crate::dates::IsoDate;
use crate::file::{FieldFile, Limit};
use crate::ids::ChoiceValue;
use crate::model::{Cycle, Field};
use crate::problem::{Place, Problem};
use crate::texts::{fill, TextKey, Texts};

/// The answers that can switch another question's requirement, as
/// (value for `equals`, what staff read), or `None` when the kind cannot.
pub fn switch_values(field: &Field, texts: &Texts) -> Option<Vec<(String, String)>> {
    match &field.kind {
        Kind::Select(_) | Kind::Radio(_) | Kind::Checkboxes(_) => Some(
            field
                .options()
                .iter()
                .map(|o| (o.value.to_string(), o.label.clone()))
                .collect(),
        ),
        Kind::Checkbox => Some(vec![
            ("true".into(), texts.answer_ticked().to_string()),
            ("false".into(), "Not ticked".into()),
        ]),
        Kind::Text(_)
        | Kind::Email(_)
        | Kind::Phone(_)
        | Kind::Integer(_)
        | Kind::Textarea(_)
        | Kind::Url(_)
        | Kind::Rating
        | Kind::Date(_) => None,
    }
}

impl Kind {
    /// The value a question of this kind stored, from the answer an endpoint
    /// received: what [`Answer::to_json`] or [`Answer::form_values`] made of
    /// it (a form encoding carries everything as text, a checkbox group as
    /// repeated keys). The receiver's export and the staff workbench read
    /// stored applications through this, then through [`Field::read`].
    pub fn value_from_payload(&self, sent: &serde_json::Value) -> Option<Value> {
        use serde_json::Value as Json;
        let text = |j: &Json| match j {
            Json::String(s) => Some(s.clone()),
            Json::Number(n) => Some(n.to_string()),
            Json::Bool(_) | Json::Null | Json::Array(_) | Json::Object(_) => None,
        };
        match self {
            Kind::Text(_)
            | Kind::Email(_)
            | Kind::Phone(_)
            | Kind::Integer(_)
            | Kind::Textarea(_)
            | Kind::Url(_)
            | Kind::Select(_)
            | Kind::Radio(_)
            | Kind::Date(_) => text(sent).map(Value::Text),
            Kind::Checkbox => match sent {
                Json::Bool(b) => Some(Value::Bool(*b)),
                Json::String(s) => match s.trim().to_ascii_lowercase().as_str() {
                    "true" | "on" | "yes" | "1" => Some(Value::Bool(true)),
                    "false" | "off" | "no" | "0" | "" => Some(Value::Bool(false)),
                    _ => None,
                },
                Json::Null | Json::Number(_) | Json::Array(_) | Json::Object(_) => None,
            },
            Kind::Rating => match sent {
                Json::Number(n) => n.as_i64().map(Value::Number),
                Json::String(s) => s.trim().parse().ok().map(Value::Number),
                Json::Null | Json::Bool(_) | Json::Array(_) | Json::Object(_) => None,
            },
            Kind::Checkboxes(_) => match sent {
                Json::Array(items) => Some(Value::List(items.iter().filter_map(text).collect())),
                Json::String(s) => Some(Value::List(vec![s.clone()])),
                Json::Null | Json::Bool(_) | Json::Number(_) | Json::Object(_) => None,
            },
        }
    }
}

impl Field {
    /// Reads a stored value. Every normalising and parsing happens here, once.
    pub fn read(&self, cycle: &Cycle, value: &Value) -> Reading {
        let texts = &cycle.texts;
        match &self.kind {
            Kind::Text(s) | Kind::Textarea(s) => text::read(self, s, texts, value),
            Kind::Email(s) => email::read(self, s, texts, value),
            Kind::Phone(s) => phone::read(self, s, texts, value),
            Kind::Url(s) => url::read(self, s, texts, value),
            Kind::Integer(s) => integer::read(self, s, texts, value),
            Kind::Select(s) => choice::read(&s.options, value),
            Kind::Radio(s) => choice::read(&s.options, value),
            Kind::Checkbox => checkbox::read(value),
            Kind::Rating => rating::read(&cycle.rating_scale, value),
            Kind::Checkboxes(s) => checkboxes::read(self, s, texts, value),
            Kind::Date(range) => date::read(self, range, texts, value),
        }
    }

    /// The message when a required answer is missing: the cycle's own for
    /// this question, or the one built from the label.
    pub fn missing_message(&self, cycle: &Cycle) -> String {
        if let Some(own) = &self.messages.required {
            return own.clone();
        }
        let texts = &cycle.texts;
        match &self.kind {
            Kind::Text(_)
            | Kind::Email(_)
            | Kind::Phone(_)
            | Kind::Integer(_)
            | Kind::Textarea(_)
            | Kind::Url(_) => self.message(texts.missing_text(), &[]),
            Kind::Select(_) => self.message(texts.missing_select(), &[]),
            Kind::Radio(_) => self.message(texts.missing_radio(), &[]),
            Kind::Checkbox => self.message(texts.missing_checkbox(), &[]),
            Kind::Rating => rating::missing(self, &cycle.rating_scale, texts),
            Kind::Checkboxes(s) => checkboxes::missing(self, s, texts),
            Kind::Date(_) => date::missing(self, texts),
        }
    }

    /// The message for a badly formed answer, for kinds that can have one.
    pub fn format_message(&self, texts: &Texts) -> Option<String> {
        match &self.kind {
            Kind::Email(_) => Some(email::format_message(self, texts)),
            Kind::Phone(_) => Some(phone::format_message(self, texts)),
            Kind::Url(_) => Some(url::format_message(self, texts)),
            Kind::Integer(s) => Some(integer::range_message(self, s, texts)),
            Kind::Checkboxes(s) => checkboxes::format_message(self, s, texts),
            Kind::Date(_) => Some(date::not_real(self, texts)),
            Kind::Text(_)
            | Kind::Textarea(_)
            | Kind::Select(_)
            | Kind::Radio(_)
            | Kind::Checkbox
            | Kind::Rating => None,
        }
    }

    /// How an answer reads on the review page, in the applicant's copy, the
    /// staff export and the workbench.
    pub fn display(&self, cycle: &Cycle, answer: &Answer) -> String {
        let texts = &cycle.texts;
        let label_of = |v: &ChoiceValue| self.choice_label(v).unwrap_or(v.as_str()).to_string();
        // By kind first, so a new kind must say how its answers read; an
        // answer of an unexpected shape (a wrong number kept as typed) reads
        // as it stands.
        match (&self.kind, answer) {
            (Kind::Select(_) | Kind::Radio(_), Answer::Choice(v)) => label_of(v),
            (Kind::Checkboxes(_), Answer::Choices(values)) => {
                values.iter().map(label_of).collect::<Vec<_>>().join("\n")
            }
            (Kind::Rating, Answer::Number(n)) => rating_words(&cycle.rating_scale, texts, *n),
            (Kind::Date(_), Answer::Date(d)) => long_date(*d, texts),
            (Kind::Checkbox, Answer::Ticked) => texts.answer_ticked().to_string(),
            (
                Kind::Text(_)
                | Kind::Email(_)
                | Kind::Phone(_)
                | Kind::Integer(_)
                | Kind::Textarea(_)
                | Kind::Url(_)
                | Kind::Select(_)
                | Kind::Radio(_)
                | Kind::Checkbox
                | Kind::Rating
                | Kind::Checkboxes(_)
                | Kind::Date(_),
                answer,
            ) => answer.plain_text(texts),
        }
    }

    /// The hint a field shows: its own, or its kind's ("Select all that apply.").
    pub fn hint_text<'a>(&'a self, texts: &'a Texts) -> Option<&'a str> {
        self.hint.as_deref().or(match &self.kind {
            Kind::Checkboxes(_) => Some(texts.select_all_that_apply()),
            Kind::Text(_)
            | Kind::Email(_)
            | Kind::Phone(_)
            | Kind::Integer(_)
            | Kind::Textarea(_)
            | Kind::Url(_)
            | Kind::Select(_)
            | Kind::Radio(_)
            | Kind::Checkbox
            | Kind::Rating
            | Kind::Date(_) => None,
        })
    }

    /// `template` with `{label}`, `{label_bare}`, `{label_lower}` and `extra` filled.
    pub(crate) fn message(&self, template: &str, extra: &[(&str, &str)]) -> String {
        let lower = crate::text::lower_first(self.bare_label());
        let mut values: Vec<(&str, &str)> = vec![
            ("label", self.label.trim_end()),
            ("label_bare", self.bare_label()),
            ("label_lower", &lower),
        ];
        values.extend_from_slice(extra);
        fill(template, &values)
    }
}

/// "1 January 2027", in the cycle's words.
pub fn long_date(date: IsoDate, texts: &Texts) -> String {
    let month = texts
        .get(TextKey::month_names)
        .split(',')
        .nth(usize::from(date.month()) - 1)
        .unwrap_or("")
        .trim();
    fill(
        texts.long_date(),
        &[
            ("day", &date.day().to_string()),
            ("month", month),
            ("year", &date.year().to_string()),
        ],
    )
}

/// The settings of `kind` read from a file's question, every key the kind
/// does not take and every bad setting reported at `at`
/// (`sections[1].fields[2]`) and left out.
pub(crate) fn settings_from_file(f: &FieldFile, at: &Place, problems: &mut Vec<Problem>) -> Kind {
    let tag = f.kind;
    for setting in Setting::ALL {
        if setting_in_file(setting, f) && !tag.takes(setting) {
            problems.push(Problem::at(
                at.key(setting.key()),
                format!(
                    "{} only applies to {} fields, not {}",
                    setting.key(),
                    kinds_taking(setting),
                    tag.name()
                ),
            ));
        }
    }
    match tag {
        FieldKind::Text => Kind::Text(text::settings(f, at, problems)),
        FieldKind::Email => Kind::Email(text::settings(f, at, problems)),
        FieldKind::Phone => Kind::Phone(text::settings(f, at, problems)),
        FieldKind::Textarea => Kind::Textarea(text::settings(f, at, problems)),
        FieldKind::Url => Kind::Url(text::settings(f, at, problems)),
        FieldKind::Integer => Kind::Integer(integer::settings(f, at, problems)),
        FieldKind::Select => Kind::Select(choice::select_settings(f, at, problems)),
        FieldKind::Radio => Kind::Radio(choice::settings(f, at, problems)),
        FieldKind::Checkbox => Kind::Checkbox,
        FieldKind::Rating => Kind::Rating,
        FieldKind::Checkboxes => Kind::Checkboxes(checkboxes::settings(f, at, problems)),
        FieldKind::Date => Kind::Date(date::settings(f, at, problems)),
    }
}

/// A question's settings as a file writes them (the other keys are left as
/// they are in `f`: none).
pub(crate) fn settings_to_file(kind: &Kind, f: &mut FieldFile) {
    f.kind = kind.tag();
    match kind {
        Kind::Text(s) | Kind::Email(s) | Kind::Phone(s) | Kind::Textarea(s) | Kind::Url(s) => {
            f.max_length = s.max_length
        }
        Kind::Integer(s) => {
            f.max_length = s.max_length;
            f.min = s.min.map(Limit::Whole);
            f.max = s.max.map(Limit::Whole);
        }
        Kind::Select(s) => {
            f.options = choice::options_to_file(&s.options);
            f.placeholder = s.placeholder.clone();
        }
        Kind::Radio(s) => f.options = choice::options_to_file(&s.options),
        Kind::Checkbox | Kind::Rating => {}
        Kind::Checkboxes(s) => {
            f.options = choice::options_to_file(&s.options);
            f.min = s.min.map(|n| Limit::Whole(i64::from(n)));
            f.max = s.max.map(|n| Limit::Whole(i64::from(n)));
        }
        Kind::Date(r) => {
            f.min = r.min.map(|d| Limit::Date(d.to_string()));
            f.max = r.max.map(|d| Limit::Date(d.to_string()));
        }
    }
}

/// What only the settings together can say (a range backwards, more choices
/// wanted than offered, a choice listed twice).
pub(crate) fn check_settings(field: &Field, at: &Place, problems: &mut Vec<Problem>) {
    match &field.kind {
        Kind::Text(_) | Kind::Email(_) | Kind::Phone(_) | Kind::Textarea(_) | Kind::Url(_) => {}
        Kind::Integer(s) => integer::check(s, at, problems),
        Kind::Select(s) => choice::check(&s.options, field.kind.tag(), at, problems),
        Kind::Radio(s) => choice::check(&s.options, field.kind.tag(), at, problems),
        Kind::Checkbox | Kind::Rating => {}
        Kind::Checkboxes(s) => {
            choice::check(&s.options, field.kind.tag(), at, problems);
            checkboxes::check(s, at, problems);
        }
        Kind::Date(r) => date::check(r, at, problems),
    }
}

/// "select, radio and checkboxes": the kinds that take `setting`.
fn kinds_taking(setting: Setting) -> String {
    let names: Vec<&str> = FieldKind::ALL
        .iter()
        .filter(|k| k.takes(setting))
        .map(|k| k.name())
        .collect();
    match names.split_last() {
        Some((last, [])) => (*last).to_string(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => "no".into(),
    }
}

/// Whether a file's question carries `setting`.
fn setting_in_file(setting: Setting, f: &FieldFile) -> bool {
    match setting {
        Setting::MaxLength => f.max_length.is_some(),
        Setting::Min => f.min.is_some(),
        Setting::Max => f.max.is_some(),
        Setting::Options => !f.options.is_empty(),
        Setting::Placeholder => f.placeholder.is_some(),
    }
}

/// A length limit from a file: at least 1.
fn max_length(f: &FieldFile, at: &Place, problems: &mut Vec<Problem>) -> Option<u32> {
    match f.max_length {
        Some(0) => {
            problems.push(Problem::at(
                at.key("max_length"),
                "max_length must be at least 1",
            ));
            None
        }
        other => other,
    }
}

/// Trimmed text, or `None` when the value is not text or is blank.
fn trimmed_text(value: &Value) -> Option<&str> {
    match value {
        Value::Text(s) if !s.trim().is_empty() => Some(s.trim()),
        _ => None,
    }
}

/// The too-long problem of a text answer, if it is over the limit.
fn too_long(field: &Field, max: Option<u32>, texts: &Texts, text: &str) -> Option<String> {
    let max = max?;
    if crate::text::char_count(text) <= max as usize {
        return None;
    }
    Some(field.messages.too_long.clone().unwrap_or_else(|| {
        let template = if field.label_is_question() {
            texts.too_long_question()
        } else {
            texts.too_long()
        };
        field.message(template, &[("max", &max.to_string())])
    }))
}

/// Reads text through a kind's normaliser and format check: blank is
/// unanswered, too long comes first, then the format.
fn read_text(
    field: &Field,
    max: Option<u32>,
    texts: &Texts,
    value: &Value,
    normalise: impl Fn(&str) -> String,
    format_ok: impl Fn(&str) -> bool,
    format_message: impl Fn() -> String,
) -> Reading {
    let Some(raw) = trimmed_text(value) else {
        return Reading::Unanswered;
    };
    let text = normalise(raw);
    if let Some(message) = too_long(field, max, texts, &text) {
        return Reading::wrong(Answer::Text(text), message);
    }
    if format_ok(&text) {
        Reading::fine(Answer::Text(text))
    } else {
        Reading::wrong(Answer::Text(text), format_message())
    }
}
