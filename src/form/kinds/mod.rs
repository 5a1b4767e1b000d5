//! Every field kind in one place. A kind owns its whole behaviour: which
//! cycle keys it takes, how a stored value is read (normalised, parsed once),
//! its messages, how its answer reads on the review page, and which control
//! renders it with which input attributes. Rules, views and the payload ask
//! the kind; none of them matches on [`FieldKind`] itself.
//!
//! Adding a kind: a variant in `config::model::FieldKind`, one module here
//! and one arm in [`of`] (the match has no `_` arm, so a missing kind does not
//! compile).

mod checkbox;
mod checkboxes;
mod choice;
mod date;
mod email;
mod integer;
mod phone;
mod rating;
mod text;

pub use date::parse_iso_date;
pub use email::lowercase_domain;
pub use rating::rating_words;

use super::text::lower_first;
use super::value::Value;
use crate::config::model::{Field, FieldKind, RatingScale};
use crate::config::texts::Texts;
use serde_json::Value as Json;

/// The behaviour of a kind.
pub fn of(kind: FieldKind) -> &'static dyn Kind {
    match kind {
        FieldKind::Text => &text::TEXT,
        FieldKind::Email => &email::Email,
        FieldKind::Phone => &phone::Phone,
        FieldKind::Integer => &integer::Integer,
        FieldKind::Textarea => &text::TEXTAREA,
        FieldKind::Select => &choice::SELECT,
        FieldKind::Radio => &choice::RADIO,
        FieldKind::Checkbox => &checkbox::Checkbox,
        FieldKind::Rating => &rating::Rating,
        FieldKind::Checkboxes => &checkboxes::Checkboxes,
        FieldKind::Date => &date::Date,
    }
}

/// An answer after normalising: what the rules judge, the review page shows
/// and the payload carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// Trimmed text (an email with its domain lower-cased).
    Text(String),
    /// A whole number or a rating.
    Number(i64),
    /// A ticked checkbox.
    Ticked,
    /// The value of one offered choice.
    Choice(String),
    /// The values of the chosen choices, in the order they are offered.
    Choices(Vec<String>),
    /// A real date, `YYYY-MM-DD`.
    Date(String),
}

impl Answer {
    /// The answer in a JSON payload.
    pub fn to_json(&self) -> Json {
        match self {
            Answer::Text(s) | Answer::Choice(s) | Answer::Date(s) => Json::String(s.clone()),
            Answer::Number(n) => Json::from(*n),
            Answer::Ticked => Json::Bool(true),
            Answer::Choices(values) => values.iter().cloned().map(Json::String).collect(),
        }
    }

    /// The values of a form-encoded payload, one `name=value` pair each.
    pub fn form_values(&self) -> Vec<String> {
        match self {
            Answer::Text(s) | Answer::Choice(s) | Answer::Date(s) => vec![s.clone()],
            Answer::Number(n) => vec![n.to_string()],
            Answer::Ticked => vec!["true".into()],
            // Repeated keys, as an HTML form sends a checkbox group.
            Answer::Choices(values) => values.clone(),
        }
    }

    /// Whether this answer switches a `required_when` with this `equals`.
    pub fn equals(&self, wanted: &str) -> bool {
        match self {
            Answer::Text(s) | Answer::Choice(s) | Answer::Date(s) => s == wanted,
            Answer::Number(n) => n.to_string() == wanted,
            Answer::Ticked => wanted == "true",
            Answer::Choices(values) => values.iter().any(|v| v == wanted),
        }
    }
}

/// What a stored value means for its field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reading {
    /// Nothing given: absent, blank, or a value of another kind's shape (a
    /// choice that is not offered, a rating off the scale).
    Unanswered,
    /// Given, with the format problem to show, if any.
    Answered {
        answer: Answer,
        problem: Option<String>,
    },
}

impl Reading {
    fn fine(answer: Answer) -> Self {
        Reading::Answered {
            answer,
            problem: None,
        }
    }
    fn wrong(answer: Answer, message: String) -> Self {
        Reading::Answered {
            answer,
            problem: Some(message),
        }
    }
}

/// Which of a field's optional cycle keys a kind uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Keys {
    /// `options` (at least one is then required).
    pub options: bool,
    /// `max_length`.
    pub max_length: bool,
    /// What `min` and `max` limit, if the kind takes them.
    pub bounds: Option<Bounds>,
}

impl Keys {
    const NONE: Keys = Keys {
        options: false,
        max_length: false,
        bounds: None,
    };
    const TEXT: Keys = Keys {
        max_length: true,
        ..Keys::NONE
    };
    const CHOICES: Keys = Keys {
        options: true,
        ..Keys::NONE
    };
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bounds {
    /// The whole number given.
    Whole,
    /// How many choices are chosen.
    Count,
    /// The date given (`YYYY-MM-DD`).
    Date,
}

/// The control that renders a kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Control {
    /// A one-line `<input>` with these attributes.
    Input(InputAttrs),
    Textarea,
    Select,
    /// A fieldset of radios, one per option.
    Radios,
    /// One checkbox that confirms the label.
    Checkbox,
    /// The rating slider with its marks.
    Rating,
    /// A fieldset of checkboxes, one per option.
    Checkboxes,
}

impl Control {
    /// True for controls with one element per option, where focus for an
    /// error goes to the first option.
    pub fn is_group(&self) -> bool {
        match self {
            Control::Radios | Control::Checkboxes => true,
            Control::Input(_)
            | Control::Textarea
            | Control::Select
            | Control::Checkbox
            | Control::Rating => false,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputAttrs {
    pub input_type: &'static str,
    pub inputmode: Option<&'static str>,
    pub spellcheck: Option<&'static str>,
    /// The input's classes (GOV.UK widths for short answers).
    pub class: &'static str,
    /// The input's own `min` and `max` (a date picker's range).
    pub min: Option<String>,
    pub max: Option<String>,
    /// What to store when the browser holds input it cannot give as a value
    /// (`validity.badInput`: a date typed only in part), so the rules can ask
    /// for a real one instead of treating it as blank.
    pub bad_input: Option<&'static str>,
}

impl InputAttrs {
    const TEXT: InputAttrs = InputAttrs {
        input_type: "text",
        inputmode: None,
        spellcheck: None,
        class: "mf-input",
        min: None,
        max: None,
        bad_input: None,
    };
    const SHORT_CLASS: &'static str = "mf-input mf-input--w20";
}

/// Why a `required_when` cannot point at a field with this `equals`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SwitchError {
    /// The kind cannot switch a requirement at all.
    NotASwitch,
    /// The kind can, but not with this value.
    NoSuchValue(String),
}

pub trait Kind: Sync {
    /// The kind's name in a cycle file (`"integer"`).
    fn name(&self) -> &'static str;

    fn keys(&self) -> Keys;

    /// Reads a stored value. Every normalising and parsing happens here, once.
    fn read(&self, field: &Field, scale: &RatingScale, value: &Value) -> Reading;

    /// "Enter first name": the message when a required answer is missing.
    fn missing_message(&self, field: &Field, _scale: &RatingScale) -> String {
        required_or(field, || {
            format!("Enter {}", lower_first(bare_label(field)))
        })
    }

    /// The message for a badly formed answer, for kinds that can have one.
    fn format_message(&self, _field: &Field) -> Option<String> {
        None
    }

    /// How an answer reads on the review page and the printable copy.
    fn display(&self, _field: &Field, _scale: &RatingScale, answer: &Answer) -> String {
        plain_display(answer)
    }

    fn control(&self, field: &Field) -> Control;

    /// The hint shown when the field has none of its own (from the cycle's
    /// texts).
    fn default_hint<'t>(&self, _texts: &'t Texts) -> Option<&'t str> {
        None
    }

    /// Problems with the kind's own keys, as (key, message).
    fn check_keys(&self, _field: &Field) -> Vec<(&'static str, String)> {
        Vec::new()
    }

    /// Whether a `required_when` may point at this field with this `equals`.
    fn check_switch(&self, _field: &Field, _equals: &str) -> Result<(), SwitchError> {
        Err(SwitchError::NotASwitch)
    }
}

/// An answer as it stands, for kinds with nothing better to say.
fn plain_display(answer: &Answer) -> String {
    match answer {
        Answer::Text(s) | Answer::Choice(s) | Answer::Date(s) => s.clone(),
        Answer::Number(n) => n.to_string(),
        Answer::Ticked => "Yes".into(),
        Answer::Choices(values) => values.join("\n"),
    }
}

/// The cycle's own missing message, or the one `built` from the label.
fn required_or(field: &Field, built: impl FnOnce() -> String) -> String {
    field.messages.required.clone().unwrap_or_else(built)
}

/// The label without the trailing `?`, `:` or `.`, for messages built from it.
pub fn bare_label(field: &Field) -> &str {
    field.label.trim_end_matches(['?', ':', '.'])
}

/// Trimmed text, or `None` when the value is not text or is blank.
fn trimmed_text(value: &Value) -> Option<&str> {
    match value {
        Value::Text(s) if !s.trim().is_empty() => Some(s.trim()),
        _ => None,
    }
}

/// The too-long problem of a text answer, if it is over the field's limit.
fn too_long(field: &Field, text: &str) -> Option<String> {
    let max = field.max_length?;
    if super::text::char_count(text) <= max {
        return None;
    }
    Some(field.messages.too_long.clone().unwrap_or_else(|| {
        // A question label cannot be the subject of a sentence.
        if field.label.trim_end().ends_with('?') {
            format!(
                "Your answer to “{}” must be {max} characters or less",
                field.label.trim_end()
            )
        } else {
            format!("{} must be {max} characters or less", field.label)
        }
    }))
}

/// Reads text through a kind's normaliser and format check: blank is
/// unanswered, too long comes first, then the format.
fn read_text(
    field: &Field,
    value: &Value,
    normalise: impl Fn(&str) -> String,
    format_ok: impl Fn(&str) -> bool,
    format_message: impl Fn() -> String,
) -> Reading {
    let Some(raw) = trimmed_text(value) else {
        return Reading::Unanswered;
    };
    let text = normalise(raw);
    if let Some(message) = too_long(field, &text) {
        return Reading::wrong(Answer::Text(text), message);
    }
    if format_ok(&text) {
        Reading::fine(Answer::Text(text))
    } else {
        Reading::wrong(Answer::Text(text), format_message())
    }
}

/// The choice a value names, if it is one of the field's options.
fn read_choice(field: &Field, value: &Value) -> Reading {
    match trimmed_text(value) {
        Some(v) if field.options.iter().any(|o| o.value == v) => {
            Reading::fine(Answer::Choice(v.to_string()))
        }
        _ => Reading::Unanswered,
    }
}

/// The label of an offered choice.
fn choice_label<'a>(field: &'a Field, value: &'a str) -> &'a str {
    field
        .options
        .iter()
        .find(|o| o.value == value)
        .map_or(value, |o| o.label.as_str())
}

fn check_choice_switch(field: &Field, equals: &str) -> Result<(), SwitchError> {
    if field.options.iter().any(|o| o.value == equals) {
        Ok(())
    } else {
        Err(SwitchError::NoSuchValue(format!(
            "“{equals}” is not one of the choices of “{}”",
            field.id
        )))
    }
}
