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

pub use checkboxes::CheckboxesSettings;
pub use choice::{ChoiceSettings, SelectSettings};
pub use date::PART_OF_A_DATE;
pub use email::lowercase_domain;
pub use integer::IntegerSettings;
pub use rating::rating_words;
pub use text::TextSettings;

use crate::answers::{Answer, Reading, Value};
use crate::dates::IsoDate;
use crate::file::{FieldFile, Limit};
use crate::model::{Choice, Cycle, DateRange, Field};
use crate::problem::{Place, Problem};
use crate::texts::{fill, TextKey, Texts};
use serde::{Deserialize, Serialize};

/// The name of a kind, as a cycle file writes it (`"kind": "integer"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
/// What a question asks for; see docs/cycle-file.md for each kind.
pub enum FieldKind {
    Text,
    Email,
    Phone,
    Integer,
    Textarea,
    Select,
    Radio,
    Checkbox,
    Rating,
    Checkboxes,
    Date,
}

/// A question's kind with the settings that belong to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// One line of text.
    Text(TextSettings),
    /// An email address; its domain is lower-cased.
    Email(TextSettings),
    /// A phone number as people write it.
    Phone(TextSettings),
    /// A whole number, optionally within a range.
    Integer(IntegerSettings),
    /// Several lines of text, with a live count when limited.
    Textarea(TextSettings),
    /// One choice from a drop-down list.
    Select(SelectSettings),
    /// One choice from radios.
    Radio(ChoiceSettings),
    /// One box that confirms the label.
    Checkbox,
    /// A rating on the cycle's scale, from a slider.
    Rating,
    /// Any number of choices, optionally between a fewest and a most.
    Checkboxes(CheckboxesSettings),
    /// A calendar date, optionally within a range.
    Date(DateRange),
}

/// A setting a question may carry in a cycle file, besides what every
/// question has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Setting {
    MaxLength,
    Min,
    Max,
    Options,
    Placeholder,
}

impl Setting {
    pub const ALL: [Setting; 5] = [
        Setting::MaxLength,
        Setting::Min,
        Setting::Max,
        Setting::Options,
        Setting::Placeholder,
    ];

    /// The key in a cycle file.
    pub fn key(self) -> &'static str {
        match self {
            Setting::MaxLength => "max_length",
            Setting::Min => "min",
            Setting::Max => "max",
            Setting::Options => "options",
            Setting::Placeholder => "placeholder",
        }
    }

    fn is_in(self, f: &FieldFile) -> bool {
        match self {
            Setting::MaxLength => f.max_length.is_some(),
            Setting::Min => f.min.is_some(),
            Setting::Max => f.max.is_some(),
            Setting::Options => !f.options.is_empty(),
            Setting::Placeholder => f.placeholder.is_some(),
        }
    }
}

impl FieldKind {
    /// Every kind, in the order the docs and the editor list them.
    pub const ALL: [FieldKind; 11] = [
        FieldKind::Text,
        FieldKind::Email,
        FieldKind::Phone,
        FieldKind::Integer,
        FieldKind::Textarea,
        FieldKind::Select,
        FieldKind::Radio,
        FieldKind::Checkbox,
        FieldKind::Rating,
        FieldKind::Checkboxes,
        FieldKind::Date,
    ];

    /// The kind's name in a cycle file (`"integer"`).
    pub fn name(self) -> &'static str {
        match self {
            FieldKind::Text => "text",
            FieldKind::Email => "email",
            FieldKind::Phone => "phone",
            FieldKind::Integer => "integer",
            FieldKind::Textarea => "textarea",
            FieldKind::Select => "select",
            FieldKind::Radio => "radio",
            FieldKind::Checkbox => "checkbox",
            FieldKind::Rating => "rating",
            FieldKind::Checkboxes => "checkboxes",
            FieldKind::Date => "date",
        }
    }

    /// The kind by its name in a cycle file.
    pub fn named(name: &str) -> Option<FieldKind> {
        FieldKind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// What staff read when they choose a kind (the editor's list).
    pub fn title(self) -> &'static str {
        match self {
            FieldKind::Text => "Short answer",
            FieldKind::Email => "Email address",
            FieldKind::Phone => "Phone number",
            FieldKind::Integer => "Whole number",
            FieldKind::Textarea => "Long answer",
            FieldKind::Select => "Drop-down list",
            FieldKind::Radio => "One choice (radios)",
            FieldKind::Checkbox => "Confirmation box",
            FieldKind::Rating => "Rating",
            FieldKind::Checkboxes => "Several choices (checkboxes)",
            FieldKind::Date => "Date",
        }
    }

    /// One line on what the kind asks for, for staff.
    pub fn description(self) -> &'static str {
        match self {
            FieldKind::Text => "One line of text, such as a name or a job title.",
            FieldKind::Email => {
                "An email address, checked for its shape; the part after @ is lower-cased."
            }
            FieldKind::Phone => "A phone number as people write it, with 7 to 15 digits.",
            FieldKind::Integer => "A whole number, such as years of experience, optionally between a smallest and a largest.",
            FieldKind::Textarea => "Several lines of text, with a live count of characters left when limited.",
            FieldKind::Select => "One choice from a drop-down list, for long lists such as states.",
            FieldKind::Radio => "One choice from a short list, all shown at once.",
            FieldKind::Checkbox => "One box the applicant ticks to confirm a statement.",
            FieldKind::Rating => "A rating on the cycle's scale, from a slider with a mark for each value.",
            FieldKind::Checkboxes => "Any number of choices from a list, optionally at least or at most so many.",
            FieldKind::Date => "A calendar date, optionally between a first and a last date.",
        }
    }

    /// Whether questions of this kind may carry `setting` in a cycle file.
    pub fn takes(self, setting: Setting) -> bool {
        use Setting::*;
        match self {
            FieldKind::Text | FieldKind::Email | FieldKind::Phone | FieldKind::Textarea => {
                setting == MaxLength
            }
            FieldKind::Integer => matches!(setting, MaxLength | Min | Max),
            FieldKind::Select => matches!(setting, Options | Placeholder),
            FieldKind::Radio => setting == Options,
            FieldKind::Checkbox | FieldKind::Rating => false,
            FieldKind::Checkboxes => matches!(setting, Options | Min | Max),
            FieldKind::Date => matches!(setting, Min | Max),
        }
    }

    /// A new question of this kind, with no settings yet (the editor's "Add
    /// question"; choices start with two the staff member then names).
    pub fn fresh(self) -> Kind {
        match self {
            FieldKind::Text => Kind::Text(TextSettings::default()),
            FieldKind::Email => Kind::Email(TextSettings::default()),
            FieldKind::Phone => Kind::Phone(TextSettings::default()),
            FieldKind::Integer => Kind::Integer(IntegerSettings::default()),
            FieldKind::Textarea => Kind::Textarea(TextSettings::default()),
            FieldKind::Select => Kind::Select(SelectSettings::default()),
            FieldKind::Radio => Kind::Radio(ChoiceSettings::default()),
            FieldKind::Checkbox => Kind::Checkbox,
            FieldKind::Rating => Kind::Rating,
            FieldKind::Checkboxes => Kind::Checkboxes(CheckboxesSettings::default()),
            FieldKind::Date => Kind::Date(DateRange::default()),
        }
    }
}

impl Kind {
    /// The kind's name.
    pub fn tag(&self) -> FieldKind {
        match self {
            Kind::Text(_) => FieldKind::Text,
            Kind::Email(_) => FieldKind::Email,
            Kind::Phone(_) => FieldKind::Phone,
            Kind::Integer(_) => FieldKind::Integer,
            Kind::Textarea(_) => FieldKind::Textarea,
            Kind::Select(_) => FieldKind::Select,
            Kind::Radio(_) => FieldKind::Radio,
            Kind::Checkbox => FieldKind::Checkbox,
            Kind::Rating => FieldKind::Rating,
            Kind::Checkboxes(_) => FieldKind::Checkboxes,
            Kind::Date(_) => FieldKind::Date,
        }
    }

    /// The offered choices (empty for kinds without).
    pub fn options(&self) -> &[Choice] {
        match self {
            Kind::Select(s) => &s.options,
            Kind::Radio(s) => &s.options,
            Kind::Checkboxes(s) => &s.options,
            Kind::Text(_)
            | Kind::Email(_)
            | Kind::Phone(_)
            | Kind::Integer(_)
            | Kind::Textarea(_)
            | Kind::Checkbox
            | Kind::Rating
            | Kind::Date(_) => &[],
        }
    }

    /// The choices, for kinds that have them, to change.
    pub fn options_mut(&mut self) -> Option<&mut Vec<Choice>> {
        match self {
            Kind::Select(s) => Some(&mut s.options),
            Kind::Radio(s) => Some(&mut s.options),
            Kind::Checkboxes(s) => Some(&mut s.options),
            Kind::Text(_)
            | Kind::Email(_)
            | Kind::Phone(_)
            | Kind::Integer(_)
            | Kind::Textarea(_)
            | Kind::Checkbox
            | Kind::Rating
            | Kind::Date(_) => None,
        }
    }

    /// The longest answer, for kinds typed as text.
    pub fn max_length(&self) -> Option<u32> {
        match self {
            Kind::Text(s) | Kind::Email(s) | Kind::Phone(s) | Kind::Textarea(s) => s.max_length,
            Kind::Integer(s) => s.max_length,
            Kind::Select(_)
            | Kind::Radio(_)
            | Kind::Checkbox
            | Kind::Rating
            | Kind::Checkboxes(_)
            | Kind::Date(_) => None,
        }
    }

    /// Whether each choice is an element of its own on the page (radios,
    /// checkboxes), so it has an id and takes the focus for an error.
    pub fn has_choice_elements(&self) -> bool {
        match self {
            Kind::Radio(_) | Kind::Checkboxes(_) => true,
            Kind::Text(_)
            | Kind::Email(_)
            | Kind::Phone(_)
            | Kind::Integer(_)
            | Kind::Textarea(_)
            | Kind::Select(_)
            | Kind::Checkbox
            | Kind::Rating
            | Kind::Date(_) => false,
        }
    }

    /// The kind changed to `to`, keeping what still fits (choices, a length
    /// limit): the editor's "Kind of question".
    pub fn changed_to(&self, to: FieldKind) -> Kind {
        let mut kind = to.fresh();
        let options = self.options();
        if let (false, Some(into)) = (options.is_empty(), kind.options_mut()) {
            *into = options.to_vec();
        }
        if let Some(max) = self.max_length() {
            match &mut kind {
                Kind::Text(s) | Kind::Email(s) | Kind::Phone(s) | Kind::Textarea(s) => {
                    s.max_length = Some(max)
                }
                Kind::Integer(s) => s.max_length = Some(max),
                Kind::Select(_)
                | Kind::Radio(_)
                | Kind::Checkbox
                | Kind::Rating
                | Kind::Checkboxes(_)
                | Kind::Date(_) => {}
            }
        }
        kind
    }
}

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
            | Kind::Textarea(_) => self.message(texts.missing_text(), &[]),
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
        match (&self.kind, answer) {
            (Kind::Select(_) | Kind::Radio(_), Answer::Choice(v)) => {
                self.choice_label(v).unwrap_or(v.as_str()).to_string()
            }
            (Kind::Checkboxes(_), Answer::Choices(values)) => values
                .iter()
                .map(|v| self.choice_label(v).unwrap_or(v.as_str()))
                .collect::<Vec<_>>()
                .join("\n"),
            (Kind::Rating, Answer::Number(n)) => rating_words(&cycle.rating_scale, texts, *n),
            (Kind::Date(_), Answer::Date(d)) => long_date(*d, texts),
            (Kind::Checkbox, Answer::Ticked) => texts.answer_ticked().to_string(),
            (_, answer) => answer.plain_text(texts),
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
        if setting.is_in(f) && !tag.takes(setting) {
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
        Kind::Text(s) | Kind::Email(s) | Kind::Phone(s) | Kind::Textarea(s) => {
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
        Kind::Text(_) | Kind::Email(_) | Kind::Phone(_) | Kind::Textarea(_) => {}
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
