//! The cycle file: everything an application cycle says, as typed data.
//!
//! Views, rules, the review page and the payload all read these types, so a
//! field is described exactly once. Unknown keys are rejected so a typo in a
//! cycle file is reported instead of silently ignored.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Version of the cycle file format this build understands.
pub const SCHEMA_VERSION: u32 = 1;

/// Ids (cycle, sections, fields) end up in routes and page ids; the cycle
/// check says the same in words.
pub const ID_PATTERN: &str = "^[a-z0-9][a-z0-9_-]{0,63}$";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
/// A cycle file: everything one application cycle says.
pub struct Cycle {
    pub schema_version: u32,
    /// Stable id, used in the payload and the draft key (`fall-2020-mentor`).
    #[cfg_attr(not(target_arch = "wasm32"), schemars(regex(pattern = ID_PATTERN)))]
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
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
/// When applications open and close.
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
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
/// Who applicants write to with questions.
pub struct Contact {
    /// Words before the name ("Contact: Should you have any questions …, please contact").
    pub lead: String,
    pub name: String,
    pub role: String,
    pub email: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
/// A link shown with the texts (policies, competencies).
pub struct Link {
    pub label: String,
    pub url: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
/// The scale of the rating questions.
pub struct RatingScale {
    pub min: u8,
    pub max: u8,
    pub low_label: String,
    pub high_label: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
/// One page of the form.
pub struct Section {
    /// Route segment (`about-you`).
    #[cfg_attr(not(target_arch = "wasm32"), schemars(regex(pattern = ID_PATTERN)))]
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

impl FieldKind {
    /// Every kind, in the order the docs list them. What a kind does is in
    /// `form::kinds`.
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
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
/// One question.
pub struct Field {
    /// Answer key, unique in the cycle (`first_name`).
    #[cfg_attr(not(target_arch = "wasm32"), schemars(regex(pattern = ID_PATTERN)))]
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
    /// The smallest answer (integer), fewest ticked boxes (checkboxes) or
    /// earliest date (date, `YYYY-MM-DD`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<Limit>,
    /// The largest answer, most ticked boxes or latest date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<Limit>,
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

/// A `min` or `max`: a whole number, or a date written `YYYY-MM-DD`. Which
/// one a field takes is its kind's business (the cycle check says so).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(untagged)]
pub enum Limit {
    Whole(i64),
    Date(String),
}

// By hand rather than `untagged`: serde's untagged error names no place and
// no type ("data did not match any variant"), this one says what is wanted
// and the error is located at the key.
impl<'de> Deserialize<'de> for Limit {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct LimitVisitor;
        impl serde::de::Visitor<'_> for LimitVisitor {
            type Value = Limit;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a whole number or a date like 2027-01-01")
            }
            fn visit_i64<E: serde::de::Error>(self, n: i64) -> Result<Limit, E> {
                Ok(Limit::Whole(n))
            }
            fn visit_u64<E: serde::de::Error>(self, n: u64) -> Result<Limit, E> {
                i64::try_from(n)
                    .map(Limit::Whole)
                    .map_err(|_| E::invalid_value(serde::de::Unexpected::Unsigned(n), &self))
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Limit, E> {
                Ok(Limit::Date(s.to_string()))
            }
        }
        d.deserialize_any(LimitVisitor)
    }
}

impl Limit {
    pub fn whole(&self) -> Option<i64> {
        match self {
            Limit::Whole(n) => Some(*n),
            Limit::Date(_) => None,
        }
    }
    pub fn date(&self) -> Option<&str> {
        match self {
            Limit::Date(d) => Some(d),
            Limit::Whole(_) => None,
        }
    }
}

impl std::fmt::Display for Limit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Limit::Whole(n) => write!(f, "{n}"),
            Limit::Date(d) => write!(f, "{d}"),
        }
    }
}

/// "Required while the answer to `field` is `equals`".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Condition {
    pub field: String,
    pub equals: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
/// One choice of a select, radio or checkboxes field.
pub struct Choice {
    /// Sent as the answer and part of page ids: letters, digits, `-`, `_`.
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(regex(pattern = r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$"))
    )]
    pub value: String,
    pub label: String,
}

/// Error messages that replace the ones built from the label.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
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
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
/// The page shown after sending.
pub struct Confirmation {
    pub title: String,
    pub body: Vec<String>,
    /// "What happens next" paragraph.
    pub next: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "UPPERCASE")]
/// The HTTP method of the submission.
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
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
/// How the submission body is encoded.
pub enum Encoding {
    #[default]
    Json,
    /// `application/x-www-form-urlencoded`
    Form,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
/// Where and how applications are sent.
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
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
/// Embedding in another site.
pub struct EmbedConfig {
    /// Parent origins allowed to receive messages when the form runs in an iframe.
    #[serde(default)]
    pub allowed_origins: Vec<String>,
}

impl Field {
    /// `min` as a whole number, when it is one.
    pub fn min_whole(&self) -> Option<i64> {
        self.min.as_ref().and_then(Limit::whole)
    }
    /// `max` as a whole number, when it is one.
    pub fn max_whole(&self) -> Option<i64> {
        self.max.as_ref().and_then(Limit::whole)
    }
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
