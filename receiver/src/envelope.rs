//! Parsing and shape checks for submission envelopes (JSON and form encodings).
//!
//! Problems come back in the form's own shape: either per answer (the app
//! shows the message on that field) or form-wide (a malformed request, which
//! only a broken or foreign client sends).

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;
use serde_json::{Map, Value};

/// Default for the largest accepted request body, in bytes (`--max-body-bytes`).
pub const MAX_BODY_BYTES: usize = 64 * 1024;
/// Longest accepted `cycle_id`, in characters.
pub const MAX_CYCLE_ID_CHARS: usize = 100;
/// Longest accepted `reference`, in characters.
pub const MAX_REFERENCE_CHARS: usize = 100;
/// Largest number of answers.
pub const MAX_ANSWERS: usize = 300;
/// Largest number of choices in one multi-choice answer.
pub const MAX_CHOICES: usize = 100;
/// Default for the longest accepted text answer, in characters (`--max-answer-chars`).
pub const DEFAULT_MAX_ANSWER_CHARS: usize = 10_000;
/// Longest accepted `Idempotency-Key` header, in characters.
pub const MAX_IDEMPOTENCY_KEY_CHARS: usize = 200;
/// The only supported envelope schema version.
pub const SCHEMA_VERSION: u64 = 1;
/// Largest accepted application version (a guard against nonsense, not a real limit).
pub const MAX_VERSION: u64 = 1_000_000;

const TOP_LEVEL_KEYS: [&str; 6] = [
    "schema_version",
    "cycle_id",
    "submitted_at",
    "reference",
    "version",
    "answers",
];

/// A validated submission envelope, in its stored shape.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Envelope {
    pub schema_version: u64,
    pub cycle_id: String,
    pub submitted_at: String,
    pub reference: String,
    /// The N-th version of this application (1 when the client sent none).
    pub version: u64,
    pub answers: Map<String, Value>,
}

/// What the answers are checked against.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rules {
    /// Longest text answer (and each choice of a list), in characters.
    pub max_answer_chars: usize,
    /// cycle id → answer name (as sent) → the question's label, from the
    /// cycle files given with `--cycle`, so messages can name the question.
    pub labels: HashMap<String, HashMap<String, String>>,
}

impl Rules {
    /// Rules with this limit and no labels.
    pub fn with_limit(max_answer_chars: usize) -> Rules {
        Rules {
            max_answer_chars,
            labels: HashMap::new(),
        }
    }

    /// How a message refers to an answer: by its question when known
    /// ("Library or institution", or "The answer to “How …?”"), else "This answer".
    fn subject(&self, cycle_id: &str, name: &str) -> String {
        match self.labels.get(cycle_id).and_then(|m| m.get(name)) {
            Some(label) if label.trim_end().ends_with('?') => {
                format!("The answer to “{}”", label.trim())
            }
            Some(label) if !label.trim().is_empty() => label.trim().to_string(),
            _ => "This answer".to_string(),
        }
    }
}

/// Why a body was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Something about the request as a whole (its shape or metadata).
    Form(String),
    /// Answers the receiver will not take: answer name → message.
    Fields(BTreeMap<String, String>),
}

impl Problem {
    fn form(message: impl Into<String>) -> Problem {
        Problem::Form(message.into())
    }
}

/// Parses a JSON envelope and checks its shape.
pub fn from_json(body: &[u8], rules: &Rules) -> Result<Envelope, Problem> {
    let value: Value = serde_json::from_slice(body)
        .map_err(|e| Problem::form(format!("The request body is not valid JSON: {e}")))?;
    let Value::Object(mut obj) = value else {
        return Err(Problem::form("The request body must be a JSON object"));
    };
    if let Some(unknown) = obj.keys().find(|k| !TOP_LEVEL_KEYS.contains(&k.as_str())) {
        return Err(Problem::form(format!(
            "The request has an unknown field `{unknown}`"
        )));
    }

    let schema_version = match obj.get("schema_version") {
        None | Some(Value::Null) => return Err(Problem::form("schema_version is required")),
        Some(v) => match v.as_u64() {
            Some(SCHEMA_VERSION) => SCHEMA_VERSION,
            _ => {
                return Err(Problem::form(format!(
                    "schema_version must be {SCHEMA_VERSION}"
                )))
            }
        },
    };
    let cycle_id = check_cycle_id(take_string(&mut obj, "cycle_id")?)?;
    let submitted_at = check_submitted_at(take_string(&mut obj, "submitted_at")?)?;
    let reference = check_reference(take_string(&mut obj, "reference")?)?;
    let version = match obj.remove("version") {
        // Clients from before versions existed send none: their only version.
        None | Some(Value::Null) => 1,
        Some(v) => check_version(v.as_u64())?,
    };
    let answers = match obj.remove("answers") {
        None | Some(Value::Null) => return Err(Problem::form("answers is required")),
        Some(Value::Object(map)) => map,
        Some(_) => return Err(Problem::form("answers must be an object")),
    };
    check_answers(&answers, &cycle_id, rules)?;
    Ok(Envelope {
        schema_version,
        cycle_id,
        submitted_at,
        reference,
        version,
        answers,
    })
}

/// Parses an `application/x-www-form-urlencoded` body: the metadata keys
/// `schema_version`, `cycle_id`, `submitted_at`, `reference` and `version` are
/// taken out; every other key is an answer (a string), and a key given more
/// than once is a multi-choice answer (a list of strings, in order).
pub fn from_form(body: &[u8], rules: &Rules) -> Result<Envelope, Problem> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(body)
        .map_err(|e| Problem::form(format!("The request body is not valid form data: {e}")))?;
    let mut schema_version: Option<String> = None;
    let mut cycle_id: Option<String> = None;
    let mut submitted_at: Option<String> = None;
    let mut reference: Option<String> = None;
    let mut version: Option<String> = None;
    let mut answers = Map::new();
    for (key, value) in pairs {
        let slot = match key.as_str() {
            "schema_version" => &mut schema_version,
            "cycle_id" => &mut cycle_id,
            "submitted_at" => &mut submitted_at,
            "reference" => &mut reference,
            "version" => &mut version,
            _ => {
                match answers.get_mut(&key) {
                    None => {
                        answers.insert(key, Value::String(value));
                    }
                    Some(Value::Array(items)) => items.push(Value::String(value)),
                    Some(first) => {
                        let first = first.take();
                        answers.insert(key, Value::Array(vec![first, Value::String(value)]));
                    }
                }
                continue;
            }
        };
        if slot.is_some() {
            return Err(Problem::form(format!(
                "The request has the field `{key}` more than once"
            )));
        }
        *slot = Some(value);
    }

    let schema_version = match schema_version {
        None => return Err(Problem::form("schema_version is required")),
        Some(v) if v.trim() == SCHEMA_VERSION.to_string() => SCHEMA_VERSION,
        Some(_) => {
            return Err(Problem::form(format!(
                "schema_version must be {SCHEMA_VERSION}"
            )))
        }
    };
    let required = |v: Option<String>, name: &str| {
        v.ok_or_else(|| Problem::form(format!("{name} is required")))
    };
    let cycle_id = check_cycle_id(required(cycle_id, "cycle_id")?)?;
    let submitted_at = check_submitted_at(required(submitted_at, "submitted_at")?)?;
    let reference = check_reference(required(reference, "reference")?)?;
    let version = match version {
        None => 1,
        Some(v) => check_version(v.trim().parse::<u64>().ok())?,
    };
    check_answers(&answers, &cycle_id, rules)?;
    Ok(Envelope {
        schema_version,
        cycle_id,
        submitted_at,
        reference,
        version,
        answers,
    })
}

/// Checks an `Idempotency-Key` header value: 1–200 visible ASCII characters.
pub fn check_idempotency_key(raw: &[u8]) -> Result<String, String> {
    if raw.is_empty() {
        return Err("The Idempotency-Key header must not be empty".to_string());
    }
    if raw.len() > MAX_IDEMPOTENCY_KEY_CHARS {
        return Err(format!(
            "The Idempotency-Key header must be {MAX_IDEMPOTENCY_KEY_CHARS} characters or less"
        ));
    }
    if !raw.iter().all(|b| b.is_ascii_graphic()) {
        return Err("The Idempotency-Key header must be visible ASCII characters only".to_string());
    }
    // Visible ASCII is UTF-8.
    Ok(raw.iter().map(|&b| b as char).collect())
}

fn take_string(obj: &mut Map<String, Value>, name: &str) -> Result<String, Problem> {
    match obj.remove(name) {
        None | Some(Value::Null) => Err(Problem::form(format!("{name} is required"))),
        Some(Value::String(s)) => Ok(s),
        Some(_) => Err(Problem::form(format!("{name} must be a string"))),
    }
}

fn check_version(v: Option<u64>) -> Result<u64, Problem> {
    match v {
        Some(n @ 1..=MAX_VERSION) => Ok(n),
        _ => Err(Problem::form(format!(
            "version must be a whole number from 1 to {MAX_VERSION}"
        ))),
    }
}

fn check_cycle_id(s: String) -> Result<String, Problem> {
    if s.is_empty() {
        return Err(Problem::form("cycle_id must not be empty"));
    }
    if s.chars().count() > MAX_CYCLE_ID_CHARS {
        return Err(Problem::form(format!(
            "cycle_id must be {MAX_CYCLE_ID_CHARS} characters or less"
        )));
    }
    if !s
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        return Err(Problem::form(
            "cycle_id may contain only letters, digits, `_` and `-`",
        ));
    }
    Ok(s)
}

fn check_submitted_at(s: String) -> Result<String, Problem> {
    if s.trim().is_empty() {
        return Err(Problem::form("submitted_at must not be empty"));
    }
    if s.chars().count() > 100 {
        return Err(Problem::form("submitted_at must be 100 characters or less"));
    }
    Ok(s)
}

fn check_reference(s: String) -> Result<String, Problem> {
    if s.trim().is_empty() {
        return Err(Problem::form("reference must not be empty"));
    }
    if s.chars().count() > MAX_REFERENCE_CHARS {
        return Err(Problem::form(format!(
            "reference must be {MAX_REFERENCE_CHARS} characters or less"
        )));
    }
    Ok(s)
}

/// Every answer is checked, so the applicant sees all the receiver's
/// objections at once rather than one per attempt.
fn check_answers(
    answers: &Map<String, Value>,
    cycle_id: &str,
    rules: &Rules,
) -> Result<(), Problem> {
    let max_answer_chars = rules.max_answer_chars;
    if answers.len() > MAX_ANSWERS {
        return Err(Problem::form(format!(
            "The application must have {MAX_ANSWERS} answers or fewer"
        )));
    }
    let mut fields = BTreeMap::new();
    for (name, value) in answers {
        if name.is_empty() {
            return Err(Problem::form("Answer names must not be empty"));
        }
        let too_long = || {
            format!(
                "{} must be {max_answer_chars} characters or less",
                rules.subject(cycle_id, name)
            )
        };
        let problem = match value {
            Value::String(s) if s.chars().count() > max_answer_chars => Some(too_long()),
            Value::Number(n) if !(n.is_i64() || n.is_u64()) => Some(format!(
                "{} must be a whole number",
                rules.subject(cycle_id, name)
            )),
            Value::Array(items) if items.len() > MAX_CHOICES => Some(format!(
                "Choose {MAX_CHOICES} options or fewer for this answer"
            )),
            Value::Array(items) => {
                if items.iter().any(|i| !i.is_string()) {
                    Some("Each choice in this answer must be text".to_string())
                } else if items.iter().any(|i| {
                    i.as_str()
                        .is_some_and(|s| s.chars().count() > max_answer_chars)
                }) {
                    Some(too_long())
                } else {
                    None
                }
            }
            Value::Object(_) => {
                Some("This answer must be text, a number, yes/no or a list of choices".to_string())
            }
            _ => None,
        };
        if let Some(message) = problem {
            fields.insert(name.clone(), message);
        }
    }
    if fields.is_empty() {
        Ok(())
    } else {
        Err(Problem::Fields(fields))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ok_json() -> Value {
        json!({
            "schema_version": 1,
            "cycle_id": "fall-2020-mentor",
            "submitted_at": "2026-11-29T23:59:00.000Z",
            "reference": "0b7e4b9a-6f7e-4c55-9a55-1d2f3c4b5a69",
            "version": 2,
            "answers": {"name": "Ada", "years": 12, "agree": true, "ways": ["email", "phone"],
                        "start": "2026-12-01", "notes": null}
        })
    }

    fn parse(v: &Value) -> Result<Envelope, Problem> {
        from_json(&serde_json::to_vec(v).unwrap(), &Rules::with_limit(20))
    }

    fn form_err(v: Value) -> String {
        match parse(&v) {
            Err(Problem::Form(m)) => m,
            other => panic!("expected a form-wide problem, got {other:?}"),
        }
    }

    #[test]
    fn json_ok_with_every_answer_type() {
        let env = parse(&ok_json()).unwrap();
        assert_eq!(env.cycle_id, "fall-2020-mentor");
        assert_eq!(env.version, 2);
        assert_eq!(env.answers["years"], json!(12));
        assert_eq!(env.answers["ways"], json!(["email", "phone"]));
    }

    #[test]
    fn json_without_version_is_version_one() {
        let mut v = ok_json();
        v.as_object_mut().unwrap().remove("version");
        assert_eq!(parse(&v).unwrap().version, 1);
    }

    #[test]
    fn json_form_wide_errors() {
        let mut v = ok_json();
        v["schema_version"] = json!(2);
        assert_eq!(form_err(v), "schema_version must be 1");
        let mut v = ok_json();
        v["cycle_id"] = json!("bad id!");
        assert!(form_err(v).starts_with("cycle_id may contain only"));
        let mut v = ok_json();
        v["version"] = json!(0);
        assert!(form_err(v).starts_with("version must be a whole number"));
        let mut v = ok_json();
        v["extra"] = json!(1);
        assert_eq!(form_err(v), "The request has an unknown field `extra`");
        assert_eq!(
            form_err(json!([])),
            "The request body must be a JSON object"
        );
    }

    #[test]
    fn json_field_errors_name_every_bad_answer() {
        let mut v = ok_json();
        v["answers"]["name"] = json!("x".repeat(21));
        v["answers"]["ways"] = json!(["ok", 3]);
        v["answers"]["obj"] = json!({"a": 1});
        v["answers"]["ratio"] = json!(1.5);
        let Err(Problem::Fields(f)) = parse(&v) else {
            panic!("expected field problems")
        };
        assert_eq!(f["name"], "This answer must be 20 characters or less");
        assert_eq!(f["ways"], "Each choice in this answer must be text");
        assert!(f.contains_key("obj"));
        assert_eq!(f["ratio"], "This answer must be a whole number");
        assert_eq!(f.len(), 4);
        // Exactly at the limit is fine.
        let mut v = ok_json();
        v["answers"]["name"] = json!("é".repeat(20));
        assert!(parse(&v).is_ok());
    }

    #[test]
    fn form_ok_with_repeated_keys_and_version() {
        let env = from_form(
            b"schema_version=1&cycle_id=fall-2020-mentor&submitted_at=now&reference=r1&version=3\
              &name=Ada+L&email=a%40b.org&ways=email&ways=phone&ways=post",
            &Rules::with_limit(100),
        )
        .unwrap();
        assert_eq!(env.version, 3);
        assert_eq!(env.answers["name"], json!("Ada L"));
        assert_eq!(env.answers["email"], json!("a@b.org"));
        assert_eq!(env.answers["ways"], json!(["email", "phone", "post"]));
    }

    #[test]
    fn form_errors() {
        assert_eq!(
            from_form(
                b"cycle_id=x&submitted_at=n&reference=r",
                &Rules::with_limit(100)
            )
            .unwrap_err(),
            Problem::form("schema_version is required")
        );
        assert_eq!(
            from_form(
                b"schema_version=1&cycle_id=x&submitted_at=n&reference=r&reference=s",
                &Rules::with_limit(100)
            )
            .unwrap_err(),
            Problem::form("The request has the field `reference` more than once")
        );
        let Err(Problem::Fields(f)) = from_form(
            b"schema_version=1&cycle_id=x&submitted_at=n&reference=r&bio=abcdefghijk",
            &Rules::with_limit(10),
        ) else {
            panic!("expected a field problem")
        };
        assert_eq!(f["bio"], "This answer must be 10 characters or less");
    }

    #[test]
    fn messages_name_the_question_when_the_cycle_is_known() {
        let mut rules = Rules::with_limit(5);
        let names = [
            ("bio", "Library or institution"),
            ("why", "Why do you want to mentor?"),
        ];
        rules.labels.insert(
            "fall-2020-mentor".into(),
            names
                .iter()
                .map(|(n, l)| (n.to_string(), l.to_string()))
                .collect(),
        );
        let mut v = ok_json();
        v["answers"] = json!({"bio": "abcdef", "why": "abcdef", "other": "abcdef"});
        let Err(Problem::Fields(f)) = from_json(&serde_json::to_vec(&v).unwrap(), &rules) else {
            panic!("expected field problems")
        };
        assert_eq!(
            f["bio"],
            "Library or institution must be 5 characters or less"
        );
        assert_eq!(
            f["why"],
            "The answer to “Why do you want to mentor?” must be 5 characters or less"
        );
        assert_eq!(f["other"], "This answer must be 5 characters or less");
        // Another cycle's labels are not used.
        v["cycle_id"] = json!("other-cycle");
        let Err(Problem::Fields(f)) = from_json(&serde_json::to_vec(&v).unwrap(), &rules) else {
            panic!("expected field problems")
        };
        assert_eq!(f["bio"], "This answer must be 5 characters or less");
    }

    #[test]
    fn idempotency_keys() {
        assert_eq!(check_idempotency_key(b"abc.v2").unwrap(), "abc.v2");
        assert!(check_idempotency_key(b"").is_err());
        assert!(check_idempotency_key(b"has space").is_err());
        assert!(check_idempotency_key("é".as_bytes()).is_err());
        assert!(check_idempotency_key(&[b'a'; 200]).is_ok());
        assert!(check_idempotency_key(&[b'a'; 201]).is_err());
    }
}
