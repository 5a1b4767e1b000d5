//! The kinds of question as data: their names ([`FieldKind`]) and each
//! kind with its own settings ([`Kind`]). Nothing here reads a file or an
//! answer (that is `kinds`' behaviour), so the file's shape and the typed
//! model can both name a kind without depending on what kinds do.

use crate::dates::IsoDate;
use crate::ids::ChoiceValue;
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
    Url,
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
    /// A web address (a portfolio, a library's page).
    Url(TextSettings),
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
}

impl FieldKind {
    /// Every kind, in the order the docs and the editor list them.
    pub const ALL: [FieldKind; 12] = [
        FieldKind::Text,
        FieldKind::Email,
        FieldKind::Phone,
        FieldKind::Integer,
        FieldKind::Textarea,
        FieldKind::Url,
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
            FieldKind::Url => "url",
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
            FieldKind::Url => "Web address",
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
            FieldKind::Url => "A web address, such as a portfolio or a library's page; www.… is read as https://www.….",
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
            FieldKind::Text
            | FieldKind::Email
            | FieldKind::Phone
            | FieldKind::Textarea
            | FieldKind::Url => setting == MaxLength,
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
            FieldKind::Url => Kind::Url(TextSettings::default()),
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
            Kind::Url(_) => FieldKind::Url,
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
            | Kind::Url(_)
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
            | Kind::Url(_)
            | Kind::Checkbox
            | Kind::Rating
            | Kind::Date(_) => None,
        }
    }

    /// Whether the control holds typed text, so blank text is an answer being
    /// typed (a draft keeps it for the question instead of setting it aside).
    pub fn holds_text(&self) -> bool {
        match self {
            Kind::Text(_)
            | Kind::Email(_)
            | Kind::Phone(_)
            | Kind::Integer(_)
            | Kind::Textarea(_)
            | Kind::Url(_)
            | Kind::Date(_) => true,
            Kind::Select(_)
            | Kind::Radio(_)
            | Kind::Checkbox
            | Kind::Rating
            | Kind::Checkboxes(_) => false,
        }
    }

    /// The longest answer, for kinds typed as text.
    pub fn max_length(&self) -> Option<u32> {
        match self {
            Kind::Text(s) | Kind::Email(s) | Kind::Phone(s) | Kind::Textarea(s) | Kind::Url(s) => {
                s.max_length
            }
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
            | Kind::Url(_)
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
                Kind::Text(s)
                | Kind::Email(s)
                | Kind::Phone(s)
                | Kind::Textarea(s)
                | Kind::Url(s) => s.max_length = Some(max),
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

/// The settings of a question answered in text: `text`, `textarea`, `email`, `phone`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TextSettings {
    /// Longest answer, in characters.
    pub max_length: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct IntegerSettings {
    /// Longest answer, in characters (digits).
    pub max_length: Option<u32>,
    /// The smallest number taken.
    pub min: Option<i64>,
    /// The largest number taken.
    pub max: Option<i64>,
}

/// The settings of a radio question.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ChoiceSettings {
    /// The choices, in order.
    pub options: Vec<Choice>,
}

/// The settings of a drop-down list.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SelectSettings {
    /// The choices, in order.
    pub options: Vec<Choice>,
    /// The first, empty entry's text ("Select a state"); the cycle's
    /// `choose_one` text when absent.
    pub placeholder: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CheckboxesSettings {
    /// The choices, in order.
    pub options: Vec<Choice>,
    /// Fewest choices when answered.
    pub min: Option<u32>,
    /// Most choices.
    pub max: Option<u32>,
}

/// One choice of a select, radio or checkboxes question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub value: ChoiceValue,
    pub label: String,
}

/// A date range's ends, as a date question keeps them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DateRange {
    pub min: Option<IsoDate>,
    pub max: Option<IsoDate>,
}
