//! The typed cycle: what a checked cycle file means. Every part of the form,
//! the staff tools and the receiver read these types, so a field is described
//! exactly once.
//!
//! Parsed, not validated: each question's kind carries its own settings
//! ([`Kind`]), ids are typed and safe, dates are real dates and the deadline is
//! two instants. What only the whole cycle can tell (ids used twice, a rule
//! naming a question that is gone, a range backwards) is `crate::check`'s;
//! the editor holds a `Cycle` while staff change it and asks the check after
//! every edit.

use crate::dates::DateTime;
use crate::file::{
    Confirmation, Contact, Drafts, Embed, Encoding, Link, Messages, Method, RatingScale,
};
use crate::ids::{ChoiceValue, CycleId, FieldId, SectionId};
use crate::kinds::types::{Choice, Kind};
use crate::texts::Texts;
use std::collections::BTreeMap;

/// A checked cycle.
#[derive(Debug, Clone, PartialEq)]
pub struct Cycle {
    /// Stable id, used in the payload and the draft key (`fall-2020-mentor`).
    pub id: CycleId,
    /// Program name shown above the title ("ALSC Mentoring Program").
    pub program: String,
    /// The start page's `h1` ("Fall 2020 Mentor Application").
    pub title: String,
    /// Start page paragraphs, in order.
    pub intro: Vec<String>,
    pub deadline: Deadline,
    pub contact: Contact,
    pub links: Vec<Link>,
    pub rating_scale: RatingScale,
    pub sections: Vec<Section>,
    pub confirmation: Confirmation,
    pub submit: Submit,
    /// "Save and continue later"; `None`: not offered.
    pub drafts: Option<Drafts>,
    pub embed: Embed,
    pub texts: Texts,
}

/// When applications open and close.
#[derive(Debug, Clone, PartialEq)]
pub struct Deadline {
    /// The sentence applicants read ("Applications are due Monday, …").
    pub text: String,
    pub opens_at: DateTime,
    pub closes_at: DateTime,
    /// When false the dates are informative only and the form stays open.
    pub enforce: bool,
}

/// One page of the form.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// Route segment (`about-you`).
    pub id: SectionId,
    pub title: String,
    pub intro: Vec<String>,
    pub links: Vec<Link>,
    /// Notes shown as inset text.
    pub notes: Vec<String>,
    pub fields: Vec<Field>,
}

/// One question.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// Answer key, unique in the cycle (`first_name`).
    pub id: FieldId,
    pub label: String,
    pub hint: Option<String>,
    /// Labelled "(optional)"; everything else is required.
    pub optional: bool,
    /// Shows the confidentiality note beside the field; the staff workbench
    /// hides the answer until asked.
    pub confidential: bool,
    /// Makes an optional field required while another answer has a value.
    pub required_when: Option<Condition>,
    /// HTML autocomplete token (`given-name`, `email`, …).
    pub autocomplete: Option<String>,
    /// Messages that replace the ones built from the label.
    pub messages: Messages,
    /// What the question asks for, with the settings of that kind.
    pub kind: Kind,
}

/// "Required while the answer to `field` is `equals`".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Condition {
    pub field: FieldId,
    /// A choice's value, or `"true"`/`"false"` for a checkbox.
    pub equals: String,
}

/// Where and how applications are sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Submit {
    /// Absolute `https://…` URL or a same-origin path (`/api/submissions`).
    pub url: String,
    pub method: Method,
    pub encoding: Encoding,
    pub headers: BTreeMap<String, String>,
    /// The name an endpoint wants for an answer (`email` → `entry.1234`).
    pub field_names: BTreeMap<FieldId, String>,
    pub timeout_ms: u32,
    /// Extra attempts after the first, on network errors, 5xx and 429.
    pub retries: u32,
    /// A redirected reply counts as a confirmation only when this is true.
    pub accept_redirect: bool,
}

impl Cycle {
    /// Every question, in page order.
    pub fn fields(&self) -> impl Iterator<Item = &Field> {
        self.sections.iter().flat_map(|s| s.fields.iter())
    }

    pub fn field(&self, id: &FieldId) -> Option<&Field> {
        self.fields().find(|f| &f.id == id)
    }

    /// The question whose id reads `id` (an id from outside: a draft, a
    /// server's reply, a route).
    pub fn field_named(&self, id: &str) -> Option<&Field> {
        self.fields().find(|f| f.id.as_str() == id)
    }

    /// The section with this id, and its index.
    pub fn section_named(&self, id: &str) -> Option<(usize, &Section)> {
        self.sections
            .iter()
            .enumerate()
            .find(|(_, s)| s.id.as_str() == id)
    }

    /// The section that holds a field.
    pub fn section_of(&self, field: &FieldId) -> Option<&Section> {
        self.sections
            .iter()
            .find(|s| s.fields.iter().any(|f| &f.id == field))
    }

    /// The name an answer is sent under: the endpoint's, or the field's id.
    pub fn sent_name<'a>(&'a self, field: &'a FieldId) -> &'a str {
        self.submit
            .field_names
            .get(field)
            .map_or(field.as_str(), String::as_str)
    }

    /// A name an endpoint used in a reply, back to the question it is for.
    pub fn field_sent_as(&self, name: &str) -> Option<&Field> {
        self.submit
            .field_names
            .iter()
            .find(|(_, v)| v.as_str() == name)
            .and_then(|(id, _)| self.field(id))
            .or_else(|| self.field_named(name))
    }
}

impl Field {
    /// The label without a final `?`, `:` or `.`, for messages built from it.
    pub fn bare_label(&self) -> &str {
        self.label.trim_end().trim_end_matches(['?', ':', '.'])
    }

    /// A label that asks a question cannot be the subject of a sentence.
    pub fn label_is_question(&self) -> bool {
        self.label.trim_end().ends_with('?')
    }

    /// The offered choices, for kinds that have them (empty otherwise).
    pub fn options(&self) -> &[Choice] {
        self.kind.options()
    }

    /// The label of an offered choice.
    pub fn choice_label<'a>(&'a self, value: &'a ChoiceValue) -> Option<&'a str> {
        self.options()
            .iter()
            .find(|o| &o.value == value)
            .map(|o| o.label.as_str())
    }
}
