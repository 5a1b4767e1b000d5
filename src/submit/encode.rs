//! The payload an endpoint receives, in either encoding, and the exact
//! request (method, URL, headers, body) — shared by the real transport and the
//! preview, so what staff see in preview is what would be sent.
//!
//! Optional questions left blank are *absent* from the payload (not null):
//! endpoints such as Google Forms reject unknown or empty entries.

use crate::config::model::{Cycle, Encoding};
use crate::form::kinds::Answer;
use crate::form::rules;
use crate::form::value::Answers;
use crate::form::version::Application;
use serde_json::Value as Json;

/// Version of the payload format (the `schema_version` key): 2 is 1 plus
/// `version_secret` (and `honeypot` when that hidden field was filled).
pub const PAYLOAD_VERSION: u32 = 2;

/// Metadata sent with every application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meta {
    /// UUID v4 made on the device: the application, across all its versions.
    pub reference: String,
    /// Which version of the application's answers this is (1, 2, …).
    pub version: u32,
    /// ISO 8601 UTC, e.g. `2026-11-29T23:59:00.000Z`.
    pub submitted_at: String,
    /// The application's secret (base64url, 22 characters): an endpoint that
    /// binds its hash to the reference at version 1 takes later versions only
    /// from the device that sent the first.
    pub version_secret: String,
    /// What was typed into the hidden field no person sees, when anything
    /// was: the endpoint stores the application and flags it, so staff
    /// decide (a password manager may have filled it).
    pub honeypot: Option<String>,
}

impl Meta {
    /// The metadata of one version of an application.
    pub fn of(app: &Application) -> Self {
        Meta {
            reference: app.reference.clone(),
            version: app.version,
            submitted_at: app.submitted_at.clone(),
            version_secret: app.version_secret.clone(),
            honeypot: None,
        }
    }

    /// With the honeypot's text, when it holds any.
    pub fn with_honeypot(mut self, text: &str) -> Self {
        self.honeypot = (!text.trim().is_empty()).then(|| text.to_string());
        self
    }

    /// One key per version: retries of a version are replays, a corrected
    /// resend is stored (`<reference>.v<version>`).
    pub fn idempotency_key(&self) -> String {
        format!("{}.v{}", self.reference, self.version)
    }

    /// The metadata pairs, in the documented order (answers follow).
    fn pairs(&self, cycle: &Cycle) -> Vec<(&'static str, MetaValue)> {
        let mut pairs = vec![
            ("schema_version", MetaValue::Number(PAYLOAD_VERSION)),
            ("cycle_id", MetaValue::Text(cycle.id.clone())),
            ("submitted_at", MetaValue::Text(self.submitted_at.clone())),
            ("reference", MetaValue::Text(self.reference.clone())),
            ("version", MetaValue::Number(self.version)),
            (
                "version_secret",
                MetaValue::Text(self.version_secret.clone()),
            ),
        ];
        if let Some(text) = &self.honeypot {
            pairs.push(("honeypot", MetaValue::Text(text.clone())));
        }
        pairs
    }
}

/// A metadata value: a JSON number or string (the form encoding writes both
/// as text).
enum MetaValue {
    Number(u32),
    Text(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreparedRequest {
    pub method: &'static str,
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

/// Answers typed for the endpoint, under the names it wants, in page order.
/// Each kind decides its answer's type (ratings and whole numbers as numbers,
/// ticked boxes as `true`); what the rules treat as unanswered is not sent.
pub fn typed_answers(cycle: &Cycle, answers: &Answers) -> Vec<(String, Json)> {
    sent_answers(cycle, answers)
        .map(|(name, answer)| (name, answer.to_json()))
        .collect()
}

/// The answers that are sent, with the name each is sent under.
fn sent_answers<'a>(
    cycle: &'a Cycle,
    answers: &'a Answers,
) -> impl Iterator<Item = (String, Answer)> + 'a {
    cycle.fields().filter_map(move |field| {
        let answer = rules::answer(cycle, field, answers)?;
        let name = cycle
            .submit
            .field_names
            .get(field.id.as_str())
            .cloned()
            .unwrap_or_else(|| field.id.to_string());
        Some((name, answer))
    })
}

/// The JSON body, keys in the documented order (metadata first, answers in
/// page order). Written by hand because serde_json's map sorts its keys and
/// its order-keeping feature costs wasm size.
pub fn encode_json(cycle: &Cycle, answers: &Answers, meta: &Meta) -> String {
    let quote = |s: &str| Json::String(s.to_string()).to_string();
    let metadata = meta
        .pairs(cycle)
        .iter()
        .map(|(k, v)| match v {
            MetaValue::Number(n) => format!("\"{k}\":{n}"),
            MetaValue::Text(t) => format!("\"{k}\":{}", quote(t)),
        })
        .collect::<Vec<_>>()
        .join(",");
    let answers = typed_answers(cycle, answers)
        .iter()
        .map(|(k, v)| format!("{}:{}", quote(k), v))
        .collect::<Vec<_>>()
        .join(",");
    format!("{{{metadata},\"answers\":{{{answers}}}}}")
}

/// `application/x-www-form-urlencoded`: the metadata keys first, then one
/// pair per answer under its mapped name. Booleans are `true`/`false`,
/// numbers in decimal.
pub fn encode_form(cycle: &Cycle, answers: &Answers, meta: &Meta) -> String {
    let mut pairs: Vec<(String, String)> = meta
        .pairs(cycle)
        .into_iter()
        .map(|(k, v)| {
            let v = match v {
                MetaValue::Number(n) => n.to_string(),
                MetaValue::Text(t) => t,
            };
            (k.to_string(), v)
        })
        .collect();
    for (name, answer) in sent_answers(cycle, answers) {
        pairs.extend(answer.form_values().into_iter().map(|v| (name.clone(), v)));
    }
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", urlencode(k), urlencode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// The request exactly as it will be sent. `url` is the endpoint after any
/// override by the embedding page.
pub fn prepare(cycle: &Cycle, url: &str, answers: &Answers, meta: &Meta) -> PreparedRequest {
    let (content_type, body) = match cycle.submit.encoding {
        Encoding::Json => ("application/json", encode_json(cycle, answers, meta)),
        Encoding::Form => (
            "application/x-www-form-urlencoded",
            encode_form(cycle, answers, meta),
        ),
    };
    let mut headers = vec![
        ("Content-Type".to_string(), content_type.to_string()),
        ("Idempotency-Key".to_string(), meta.idempotency_key()),
    ];
    for (k, v) in &cycle.submit.headers {
        // The configured headers may not replace the two the app relies on.
        if !headers.iter().any(|(h, _)| h.eq_ignore_ascii_case(k)) {
            headers.push((k.clone(), v.clone()));
        }
    }
    PreparedRequest {
        method: cycle.submit.method.as_str(),
        url: url.to_string(),
        headers,
        body,
    }
}

/// Percent-encoding as HTML forms do it (space as `+`).
pub fn urlencode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// A field name the endpoint used in a reply, back to our answer key.
pub fn answer_key_for(cycle: &Cycle, endpoint_name: &str) -> Option<String> {
    cycle
        .submit
        .field_names
        .iter()
        .find(|(_, v)| v.as_str() == endpoint_name)
        .map(|(k, _)| k.clone())
        .or_else(|| cycle.field(endpoint_name).map(|f| f.id.to_string()))
}
