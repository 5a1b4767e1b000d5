//! The cycle file: everything an application cycle says, as typed data.
//!
//! Views, rules, the review page and the payload all read these types, so a
//! field is described exactly once. Unknown keys are rejected so a typo in a
//! cycle file is reported instead of silently ignored.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Version of the cycle file format this build understands.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cycle {
    pub schema_version: u32,
    /// Stable id, used in the payload and the draft key (`fall-2020-mentor`).
    pub id: String,
    /// Program name shown above the title ("ALSC Mentoring Program").
    pub program: String,
    /// Cycle title, the start page's `h1` ("Fall 2020 Mentor Application").
    pub title: String,
    /// Start page paragraphs, in order.
    pub intro: Vec<String>,
    pub deadline: Deadline,
    pub contact: Contact,
    #[serde(default)]
    pub links: Vec<Link>,
    pub rating_scale: RatingScale,
    pub sections: Vec<Section>,
    pub confirmation: Confirmation,
    pub submit: SubmitConfig,
    #[serde(default)]
    pub embed: EmbedConfig,
    /// The form's own sentences (buttons, headings, notices); any left out
    /// keep their defaults (`config::texts`).
    #[serde(default)]
    pub texts: super::texts::Texts,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deadline {
    /// The sentence applicants read ("Applications are due Monday, …").
    pub text: String,
    /// RFC 3339 date-time with an explicit offset.
    pub opens_at: String,
    /// RFC 3339 date-time with an explicit offset.
    pub closes_at: String,
    /// When false the dates are informative only and the form stays open.
    #[serde(default)]
    pub enforce: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// Words before the name ("Contact: Should you have any questions …, please contact").
    pub lead: String,
    pub name: String,
    pub role: String,
    pub email: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Link {
    pub label: String,
    pub url: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RatingScale {
    pub min: u8,
    pub max: u8,
    pub low_label: String,
    pub high_label: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// Route segment (`about-you`).
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub intro: Vec<String>,
    #[serde(default)]
    pub links: Vec<Link>,
    /// Notes shown as inset text ("Please Note: with respect to privacy, …").
    #[serde(default)]
    pub notes: Vec<String>,
    pub fields: Vec<Field>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
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
}

impl FieldKind {
    pub fn has_options(self) -> bool {
        matches!(self, FieldKind::Select | FieldKind::Radio)
    }
    pub fn is_textual(self) -> bool {
        matches!(
            self,
            FieldKind::Text
                | FieldKind::Email
                | FieldKind::Phone
                | FieldKind::Integer
                | FieldKind::Textarea
        )
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    /// Answer key, unique in the cycle (`first_name`).
    pub id: String,
    pub kind: FieldKind,
    pub label: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// Optional fields are labelled "(optional)"; everything else is required.
    #[serde(default)]
    pub optional: bool,
    /// Shows the confidentiality note beside the field.
    #[serde(default)]
    pub confidential: bool,
    /// Makes an optional field required while another answer has a value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required_when: Option<Condition>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_length: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<i64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<Choice>,
    /// Placeholder choice text of a select ("Select a state").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub placeholder: Option<String>,
    /// HTML autocomplete token (`given-name`, `email`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub autocomplete: Option<String>,
    #[serde(default)]
    pub messages: Messages,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    pub field: String,
    pub equals: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub value: String,
    pub label: String,
}

/// Error messages that replace the ones built from the label.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Messages {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub too_long: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Confirmation {
    pub title: String,
    pub body: Vec<String>,
    /// "What happens next" paragraph.
    pub next: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Method {
    #[default]
    Post,
    Put,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Post => "POST",
            Method::Put => "PUT",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Encoding {
    #[default]
    Json,
    /// `application/x-www-form-urlencoded`
    Form,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubmitConfig {
    /// Absolute `https://…` URL or a same-origin path (`/api/submissions`).
    pub url: String,
    #[serde(default)]
    pub method: Method,
    #[serde(default)]
    pub encoding: Encoding,
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    /// Answer key → name the endpoint wants (`"email": "entry.1234"`).
    #[serde(default)]
    pub field_names: BTreeMap<String, String>,
    #[serde(default = "default_timeout_ms")]
    pub timeout_ms: u32,
    /// Extra attempts after the first, on network errors, 5xx and 429.
    #[serde(default = "default_retries")]
    pub retries: u32,
    /// A redirected reply counts as a confirmation only when this is true
    /// (services that always redirect after storing, such as script web
    /// apps). Off by default: an auth proxy's redirect to a sign-in page must
    /// never read as "sent".
    #[serde(default)]
    pub accept_redirect: bool,
}

fn default_timeout_ms() -> u32 {
    15_000
}
fn default_retries() -> u32 {
    2
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EmbedConfig {
    /// Parent origins allowed to receive messages when the form runs in an iframe.
    #[serde(default)]
    pub allowed_origins: Vec<String>,
}

impl Cycle {
    pub fn fields(&self) -> impl Iterator<Item = &Field> {
        self.sections.iter().flat_map(|s| s.fields.iter())
    }

    pub fn field(&self, id: &str) -> Option<&Field> {
        self.fields().find(|f| f.id == id)
    }

    pub fn section(&self, id: &str) -> Option<(usize, &Section)> {
        self.sections.iter().enumerate().find(|(_, s)| s.id == id)
    }

    /// The section that holds a field.
    pub fn section_of(&self, field_id: &str) -> Option<&Section> {
        self.sections
            .iter()
            .find(|s| s.fields.iter().any(|f| f.id == field_id))
    }
}
