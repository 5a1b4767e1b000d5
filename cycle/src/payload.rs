//! What an endpoint receives, in either encoding, and the exact request
//! (method, URL, headers, body): shared by the form's transport, the preview's
//! request view and the receiver, so the metadata keys are listed once.
//!
//! Optional questions left blank are *absent* from the payload (not null):
//! endpoints such as Google Forms reject unknown or empty entries.

use crate::answers::{Answer, Answers};
use crate::file::Encoding;
use crate::model::Cycle;
use serde_json::Value as Json;

/// Version of the payload format (the `schema_version` key). 2 added
/// `version_secret` (and the optional `honeypot`).
pub const PAYLOAD_VERSION: u32 = 2;

/// The metadata keys, in the order they are sent, before the answers. In a
/// form encoding no answer may be sent under one of these names.
pub const META_KEYS: [&str; 7] = [
    "schema_version",
    "cycle_id",
    "submitted_at",
    "reference",
    "version",
    "version_secret",
    "honeypot",
];

/// Metadata sent with every version of an application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meta {
    /// UUID v4 made on the device: the application, across all its versions.
    pub reference: String,
    /// Which version of the application's answers this is (1, 2, …).
    pub version: u32,
    /// ISO 8601 UTC, e.g. `2026-11-29T23:59:00.000Z`.
    pub submitted_at: String,
    /// Made with the reference and kept on the device: whoever sent the first
    /// version can send the next (the receiver binds its hash to the reference).
    pub version_secret: String,
    /// What a bot (or an over-eager autofill) typed into the field no person
    /// sees; the receiver keeps the application but marks it for staff.
    pub honeypot: Option<String>,
}

impl Meta {
    /// With the honeypot's text, when it holds any.
    pub fn with_honeypot(mut self, text: &str) -> Self {
        self.honeypot = (!text.trim().is_empty()).then(|| text.to_string());
        self
    }

    /// The metadata pairs, in the documented order (the answers follow): the
    /// one list both encodings write.
    fn pairs(&self, cycle: &Cycle) -> Vec<(&'static str, MetaValue)> {
        let mut pairs = vec![
            ("schema_version", MetaValue::Number(PAYLOAD_VERSION)),
            ("cycle_id", MetaValue::Text(cycle.id.to_string())),
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

    /// One key per version: retries of a version are replays, a corrected
    /// resend is stored (`<reference>.v<version>`).
    pub fn idempotency_key(&self) -> String {
        idempotency_key(&self.reference, u64::from(self.version))
    }
}

/// `<reference>.v<version>`: the `Idempotency-Key` of one version.
pub fn idempotency_key(reference: &str, version: u64) -> String {
    format!("{reference}.v{version}")
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
        .map(|(name, answer)| (name.to_string(), answer.to_json()))
        .collect()
}

/// The answers that are sent, with the name each is sent under.
fn sent_answers<'a>(
    cycle: &'a Cycle,
    answers: &'a Answers,
) -> impl Iterator<Item = (&'a str, Answer)> + 'a {
    cycle.fields().filter_map(move |field| {
        let answer = field.read(cycle, answers.get(&field.id)?).answer()?;
        Some((cycle.sent_name(&field.id), answer))
    })
}

/// The JSON body, keys in the documented order (metadata first, answers in
/// page order). Written by hand because serde_json's map sorts its keys and
/// its order-keeping feature costs wasm size.
pub fn encode_json(cycle: &Cycle, answers: &Answers, meta: &Meta) -> String {
    let quote = |s: &str| json_text(&Json::String(s.to_string()));
    let metadata = meta
        .pairs(cycle)
        .iter()
        .map(|(k, v)| match v {
            MetaValue::Number(n) => format!("\"{k}\":{n}"),
            MetaValue::Text(t) => format!("\"{k}\":{}", quote(t)),
        })
        .collect::<Vec<_>>()
        .join(",");
    let answers = sent_answers(cycle, answers)
        .map(|(k, v)| format!("{}:{}", quote(k), json_text(&v.to_json())))
        .collect::<Vec<_>>()
        .join(",");
    format!("{{{metadata},\"answers\":{{{answers}}}}}")
}

/// A value as compact JSON text: `serde_json::to_string`, the writer the
/// app's records use, not `Value`'s `Display` (the same text through a
/// second copy of the serializer in the wasm).
pub fn json_text(value: &Json) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// `application/x-www-form-urlencoded`: the metadata first, then one pair per
/// answer under its mapped name. Booleans are `true`/`false`, numbers in decimal.
pub fn encode_form(cycle: &Cycle, answers: &Answers, meta: &Meta) -> String {
    let mut pairs: Vec<(&str, String)> = meta
        .pairs(cycle)
        .into_iter()
        .map(|(k, v)| match v {
            MetaValue::Number(n) => (k, n.to_string()),
            MetaValue::Text(t) => (k, t),
        })
        .collect();
    for (name, answer) in sent_answers(cycle, answers) {
        pairs.extend(answer.form_values().into_iter().map(|v| (name, v)));
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The metadata both encodings write is the list the receiver and the
    /// cycle check read, in its order.
    #[test]
    fn the_metadata_written_is_the_listed_metadata() {
        let cycle = crate::parse(include_str!("../../tests/fixtures/every-kind.json")).unwrap();
        let meta = Meta {
            reference: "r".into(),
            version: 1,
            submitted_at: "t".into(),
            version_secret: "s".into(),
            honeypot: None,
        }
        .with_honeypot("filled");
        let keys: Vec<&str> = meta.pairs(&cycle).iter().map(|(k, _)| *k).collect();
        assert_eq!(keys, META_KEYS);
        assert_eq!(
            Meta {
                honeypot: None,
                ..meta
            }
            .pairs(&cycle)
            .len(),
            META_KEYS.len() - 1
        );
    }
}
