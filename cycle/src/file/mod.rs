//! The cycle file as it is written: the shape of the JSON (written with
//! serde's `Serialize`, described by the JSON Schema derived from it), and
//! reading it from text (`read`: a walk over serde_json's `Value` that
//! reports every problem with its place, line and column). Every key a field
//! may carry is here, flat, because that is the file's format; which keys a
//! kind takes, and what they mean, is decided once when the file becomes a
//! typed [`crate::Cycle`] (`crate::check`). Unknown keys are refused, so a
//! typo is reported instead of silently ignored.
//!
//! The key order of these structs is the canonical order of a written file,
//! and keys holding their default are left out of it (`crate::write`).

pub mod json_path;
mod read;

pub(crate) use read::version_message;
pub use read::{locate, read_file};

use crate::texts::Texts;
use serde::Serialize;
use std::collections::BTreeMap;

/// A JSON text as a `serde_json::Value` (text after it is an error): the
/// wasm's one JSON parser. The cycle file, drafts, replies and messages are
/// all read from the value by hand (`read` here, the app's `form::json`), so
/// no serde derive compiles a parser of its own.
pub fn value_from_str(text: &str) -> serde_json::Result<serde_json::Value> {
    serde_json::from_str(text)
}

/// Version of the cycle file format this build understands.
pub const SCHEMA_VERSION: u32 = 1;

#[cfg(not(target_arch = "wasm32"))]
use crate::ids::{CHOICE_PATTERN, ID_PATTERN};

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), schemars(rename = "Cycle"))]
#[serde(deny_unknown_fields)]
/// A cycle file: everything one application cycle says.
pub struct CycleFile {
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
    pub deadline: DeadlineFile,
    pub contact: Contact,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<Link>,
    pub rating_scale: RatingScale,
    pub sections: Vec<SectionFile>,
    pub confirmation: Confirmation,
    pub submit: SubmitFile,
    /// Where "Save and continue later" keeps encrypted drafts; without it the
    /// option is not offered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub drafts: Option<Drafts>,
    #[serde(default, skip_serializing_if = "Embed::is_empty")]
    pub embed: Embed,
    /// The form's own sentences (buttons, headings, notices, messages); any
    /// left out keep their defaults (`crate::texts`).
    #[serde(default, skip_serializing_if = "Texts::is_default")]
    pub texts: Texts,
}

#[derive(Debug, Clone, PartialEq, Serialize, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), schemars(rename = "Deadline"))]
#[serde(deny_unknown_fields)]
/// When applications open and close.
pub struct DeadlineFile {
    /// The sentence applicants read ("Applications are due Monday, …").
    pub text: String,
    /// RFC 3339 date-time with an explicit offset.
    pub opens_at: String,
    /// RFC 3339 date-time with an explicit offset.
    pub closes_at: String,
    /// When false the dates are informative only and the form stays open.
    /// Always written: whether a cycle closes by itself is a decision staff
    /// should see in the file.
    #[serde(default)]
    pub enforce: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
/// A link shown with the texts (policies, competencies).
pub struct Link {
    pub label: String,
    pub url: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
/// The scale of the rating questions.
pub struct RatingScale {
    pub min: u8,
    pub max: u8,
    pub low_label: String,
    pub high_label: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), schemars(rename = "Section"))]
#[serde(deny_unknown_fields)]
/// One page of the form.
pub struct SectionFile {
    /// Route segment (`about-you`).
    #[cfg_attr(not(target_arch = "wasm32"), schemars(regex(pattern = ID_PATTERN)))]
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub intro: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<Link>,
    /// Notes shown as inset text ("Please Note: with respect to privacy, …").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    pub fields: Vec<FieldFile>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), schemars(rename = "Field"))]
#[serde(deny_unknown_fields)]
/// One question. Which of the settings (`max_length`, `min`, `max`, `options`,
/// `placeholder`) a question takes depends on its kind (docs/cycle-file.md).
pub struct FieldFile {
    /// Answer key, unique in the cycle (`first_name`).
    #[cfg_attr(not(target_arch = "wasm32"), schemars(regex(pattern = ID_PATTERN)))]
    pub id: String,
    pub kind: crate::kinds::types::FieldKind,
    pub label: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// Optional fields are labelled "(optional)"; everything else is required.
    #[serde(default, skip_serializing_if = "is_false")]
    pub optional: bool,
    /// Shows the confidentiality note beside the field.
    #[serde(default, skip_serializing_if = "is_false")]
    pub confidential: bool,
    /// Makes an optional field required while another answer has a value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required_when: Option<ConditionFile>,
    /// Longest answer, in characters (text, textarea, email, phone, integer).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u32>,
    /// The smallest answer (integer), fewest ticked boxes (checkboxes) or
    /// earliest date (date, `YYYY-MM-DD`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<Limit>,
    /// The largest answer, most ticked boxes or latest date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<Limit>,
    /// The choices of a select, radio or checkboxes question, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<ChoiceFile>,
    /// Placeholder choice text of a select ("Select a state").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub placeholder: Option<String>,
    /// HTML autocomplete token (`given-name`, `email`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub autocomplete: Option<String>,
    #[serde(default, skip_serializing_if = "Messages::is_empty")]
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

impl std::fmt::Display for Limit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Limit::Whole(n) => write!(f, "{n}"),
            Limit::Date(d) => f.write_str(d),
        }
    }
}

/// "Required while the answer to `field` is `equals`".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), schemars(rename = "Condition"))]
#[serde(deny_unknown_fields)]
pub struct ConditionFile {
    #[cfg_attr(not(target_arch = "wasm32"), schemars(regex(pattern = ID_PATTERN)))]
    pub field: String,
    pub equals: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), schemars(rename = "Choice"))]
#[serde(deny_unknown_fields)]
/// One choice of a select, radio or checkboxes field.
pub struct ChoiceFile {
    /// Sent as the answer and part of page ids: letters, digits, `-`, `_`.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(regex(pattern = CHOICE_PATTERN)))]
    pub value: String,
    pub label: String,
}

/// Error messages that replace the ones built from the label.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
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

impl Messages {
    pub fn is_empty(&self) -> bool {
        self == &Messages::default()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
/// The page shown after sending.
pub struct Confirmation {
    pub title: String,
    pub body: Vec<String>,
    /// "What happens next" paragraph.
    pub next: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "UPPERCASE")]
/// The HTTP method of the submission.
pub enum Method {
    #[default]
    Post,
    Put,
}

impl Method {
    pub const ALL: [Method; 2] = [Method::Post, Method::Put];

    pub fn as_str(self) -> &'static str {
        match self {
            Method::Post => "POST",
            Method::Put => "PUT",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
/// How the submission body is encoded.
pub enum Encoding {
    #[default]
    Json,
    /// `application/x-www-form-urlencoded`
    Form,
}

impl Encoding {
    pub const ALL: [Encoding; 2] = [Encoding::Json, Encoding::Form];

    /// The name in a cycle file.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Json => "json",
            Encoding::Form => "form",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), schemars(rename = "SubmitConfig"))]
#[serde(deny_unknown_fields)]
/// Where and how applications are sent.
pub struct SubmitFile {
    /// Absolute `https://…` URL or a same-origin path (`/api/submissions`).
    pub url: String,
    #[serde(default, skip_serializing_if = "is_default")]
    pub method: Method,
    #[serde(default, skip_serializing_if = "is_default")]
    pub encoding: Encoding,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub headers: BTreeMap<String, String>,
    /// Answer key → name the endpoint wants (`"email": "entry.1234"`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub field_names: BTreeMap<String, String>,
    #[serde(
        default = "default_timeout_ms",
        skip_serializing_if = "is_default_timeout"
    )]
    pub timeout_ms: u32,
    /// Extra attempts after the first, on network errors, 5xx and 429.
    #[serde(
        default = "default_retries",
        skip_serializing_if = "is_default_retries"
    )]
    pub retries: u32,
    /// A redirected reply counts as a confirmation only when this is true
    /// (services that always redirect after storing, such as script web
    /// apps). Off by default: an auth proxy's redirect to a sign-in page must
    /// never read as "sent".
    #[serde(default, skip_serializing_if = "is_false")]
    pub accept_redirect: bool,
}

/// What a file that leaves the optional keys out says.
impl Default for SubmitFile {
    fn default() -> Self {
        SubmitFile {
            url: String::new(),
            method: Method::default(),
            encoding: Encoding::default(),
            headers: BTreeMap::new(),
            field_names: BTreeMap::new(),
            timeout_ms: default_timeout_ms(),
            retries: default_retries(),
            accept_redirect: false,
        }
    }
}

pub const DEFAULT_TIMEOUT_MS: u32 = 15_000;
pub const DEFAULT_RETRIES: u32 = 2;

fn default_timeout_ms() -> u32 {
    DEFAULT_TIMEOUT_MS
}
fn default_retries() -> u32 {
    DEFAULT_RETRIES
}
fn is_default_timeout(n: &u32) -> bool {
    *n == DEFAULT_TIMEOUT_MS
}
fn is_default_retries(n: &u32) -> bool {
    *n == DEFAULT_RETRIES
}
fn is_false(b: &bool) -> bool {
    !*b
}
fn is_default<T: Default + PartialEq>(v: &T) -> bool {
    *v == T::default()
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
/// "Save and continue later": where the encrypted drafts go.
pub struct Drafts {
    /// Absolute `https://…` URL or a same-origin path (`/api/drafts`).
    pub url: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), schemars(rename = "EmbedConfig"))]
#[serde(deny_unknown_fields)]
/// Embedding in another site.
pub struct Embed {
    /// Parent origins allowed to receive messages when the form runs in an iframe.
    #[serde(default)]
    pub allowed_origins: Vec<String>,
}

impl Embed {
    pub fn is_empty(&self) -> bool {
        self.allowed_origins.is_empty()
    }
}
