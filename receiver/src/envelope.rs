//! Parsing and shape checks for submission envelopes (JSON and form encodings).
//!
//! Problems come back in the form's own shape: either per answer (the app
//! shows the message on that field) or form-wide (a malformed request, which
//! only a broken or foreign client sends).

use std::collections::{BTreeMap, HashMap};

use base64::Engine as _;
use serde::Serialize;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

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
/// The envelope schema version the form sends: v1 plus `version_secret`.
pub const SCHEMA_VERSION: u64 = cycle::payload::PAYLOAD_VERSION as u64;
/// Bodies from forms before version secrets: accepted only as version 1 of
/// a reference the receiver has not seen (see [`Envelope::version_secret`]).
pub const LEGACY_SCHEMA_VERSION: u64 = 1;
/// Length of a version secret: 16 random bytes in base64url without padding.
pub const VERSION_SECRET_CHARS: usize = 22;
/// Largest accepted application version (a guard against nonsense, not a real limit).
pub const MAX_VERSION: u64 = 1_000_000;

/// The payload's metadata keys (listed once, in `cycle::payload`), then
/// `answers`: every top-level key a JSON body may have.
fn is_top_level_key(key: &str) -> bool {
    key == "answers" || cycle::payload::META_KEYS.contains(&key)
}

/// A validated submission envelope, in its stored shape. The version secret
/// itself is never kept: only its hash, which is stored apart from the
/// envelope (and never exported).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Envelope {
    pub schema_version: u64,
    pub cycle_id: String,
    pub submitted_at: String,
    pub reference: String,
    /// The N-th version of this application (1 when the client sent none).
    pub version: u64,
    /// SHA-256 of the `version_secret` the body carried (schema 2 always
    /// has one; a legacy schema-1 body has none).
    #[serde(skip)]
    pub version_secret: Option<SecretHash>,
    /// What a filled honeypot field held (contract 3): the submission is
    /// stored like any other, marked as suspected automated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub honeypot: Option<String>,
    pub answers: Map<String, Value>,
}

impl Envelope {
    /// The `Idempotency-Key` this body must come with: `<reference>.v<version>`.
    pub fn expected_key(&self) -> String {
        cycle::payload::idempotency_key(&self.reference, self.version)
    }

    /// True when the honeypot field was filled (anything but blanks).
    pub fn suspected_automated(&self) -> bool {
        self.honeypot
            .as_deref()
            .is_some_and(|h| !h.trim().is_empty())
    }
}

/// SHA-256 of a version secret (of its 22 base64url characters as sent).
/// Compared in constant time; its `Debug` shows no bytes, so it never ends
/// up in a log by accident.
#[derive(Clone, PartialEq, Eq)]
pub struct SecretHash([u8; 32]);

impl std::fmt::Debug for SecretHash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretHash(…)")
    }
}

impl SecretHash {
    /// Checks the secret's shape (16 bytes, base64url without padding) and
    /// hashes it.
    pub fn of_secret(secret: &str) -> Result<SecretHash, String> {
        let shape = || {
            format!(
                "version_secret must be {VERSION_SECRET_CHARS} characters of base64url \
                 (16 random bytes, no padding)"
            )
        };
        if secret.len() != VERSION_SECRET_CHARS {
            return Err(shape());
        }
        match base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(secret) {
            Ok(bytes) if bytes.len() == 16 => {}
            _ => return Err(shape()),
        }
        Ok(SecretHash(Sha256::digest(secret.as_bytes()).into()))
    }

    /// Lower-case hex, as stored.
    pub fn to_hex(&self) -> String {
        self.0.iter().map(|b| format!("{b:02x}")).collect()
    }

    /// Reads the stored hex form back; `None` for anything else.
    pub fn from_hex(hex: &str) -> Option<SecretHash> {
        if hex.len() != 64 {
            return None;
        }
        let mut out = [0u8; 32];
        for (i, byte) in out.iter_mut().enumerate() {
            *byte = u8::from_str_radix(hex.get(2 * i..2 * i + 2)?, 16).ok()?;
        }
        Some(SecretHash(out))
    }

    /// Constant-time equality: how long the comparison takes says nothing
    /// about how much of a guessed hash was right.
    pub fn matches(&self, other: &SecretHash) -> bool {
        self.0.ct_eq(&other.0).into()
    }
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
    /// The body cannot prove it is a version of the application it names
    /// (no or a malformed `version_secret`, or a legacy body past version 1).
    Version(String),
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
    if let Some(unknown) = obj.keys().find(|k| !is_top_level_key(k)) {
        return Err(Problem::form(format!(
            "The request has an unknown field `{unknown}`"
        )));
    }

    let schema_version = match obj.get("schema_version") {
        None | Some(Value::Null) => return Err(Problem::form("schema_version is required")),
        Some(v) => check_schema_version(v.as_u64())?,
    };
    let cycle_id = check_cycle_id(take_string(&mut obj, "cycle_id")?)?;
    let submitted_at = check_submitted_at(take_string(&mut obj, "submitted_at")?)?;
    let reference = check_reference(take_string(&mut obj, "reference")?)?;
    let version = match obj.remove("version") {
        // Clients from before versions existed send none: their only version.
        None | Some(Value::Null) => 1,
        Some(v) => check_version(v.as_u64())?,
    };
    let version_secret = match obj.remove("version_secret") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s),
        Some(_) => return Err(Problem::Version("version_secret must be text".into())),
    };
    let version_secret = check_version_secret(schema_version, version, version_secret)?;
    let honeypot = match obj.remove("honeypot") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s),
        Some(_) => return Err(Problem::form("honeypot must be text")),
    };
    let honeypot = check_honeypot(honeypot, rules)?;
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
        version_secret,
        honeypot,
        answers,
    })
}

/// Parses an `application/x-www-form-urlencoded` body: the metadata keys
/// `schema_version`, `cycle_id`, `submitted_at`, `reference`, `version`,
/// `version_secret` and `honeypot` are taken out; every other key is an
/// answer (a string), and a key given more than once is a multi-choice
/// answer (a list of strings, in order).
pub fn from_form(body: &[u8], rules: &Rules) -> Result<Envelope, Problem> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(body)
        .map_err(|e| Problem::form(format!("The request body is not valid form data: {e}")))?;
    let mut schema_version: Option<String> = None;
    let mut cycle_id: Option<String> = None;
    let mut submitted_at: Option<String> = None;
    let mut reference: Option<String> = None;
    let mut version: Option<String> = None;
    let mut version_secret: Option<String> = None;
    let mut honeypot: Option<String> = None;
    let mut answers = Map::new();
    for (key, value) in pairs {
        let slot = match key.as_str() {
            "schema_version" => &mut schema_version,
            "cycle_id" => &mut cycle_id,
            "submitted_at" => &mut submitted_at,
            "reference" => &mut reference,
            "version" => &mut version,
            "version_secret" => &mut version_secret,
            "honeypot" => &mut honeypot,
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
        Some(v) => check_schema_version(v.trim().parse::<u64>().ok())?,
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
    let version_secret = check_version_secret(schema_version, version, version_secret)?;
    let honeypot = check_honeypot(honeypot, rules)?;
    check_answers(&answers, &cycle_id, rules)?;
    Ok(Envelope {
        schema_version,
        cycle_id,
        submitted_at,
        reference,
        version,
        version_secret,
        honeypot,
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

fn check_schema_version(v: Option<u64>) -> Result<u64, Problem> {
    match v {
        Some(n @ (LEGACY_SCHEMA_VERSION | SCHEMA_VERSION)) => Ok(n),
        _ => Err(Problem::form(format!(
            "schema_version must be {SCHEMA_VERSION} (or {LEGACY_SCHEMA_VERSION}, from forms \
             before version secrets)"
        ))),
    }
}

/// Schema 2 must carry a well-formed secret; a legacy schema-1 body carries
/// none and can only ever be the first version of an application.
fn check_version_secret(
    schema_version: u64,
    version: u64,
    secret: Option<String>,
) -> Result<Option<SecretHash>, Problem> {
    match (schema_version, secret) {
        (SCHEMA_VERSION, None) => Err(Problem::Version(
            "version_secret is required: the application was not stored, because without it \
             nobody can tell that this version comes from whoever started the application"
                .into(),
        )),
        (SCHEMA_VERSION, Some(s)) => SecretHash::of_secret(&s)
            .map(Some)
            .map_err(Problem::Version),
        (_, Some(_)) => Err(Problem::Version(format!(
            "version_secret belongs to schema_version {SCHEMA_VERSION}; this body says \
             {schema_version}"
        ))),
        (_, None) if version > 1 => Err(Problem::Version(format!(
            "A schema_version {LEGACY_SCHEMA_VERSION} body can only be version 1 of a new \
             application; version {version} needs schema_version {SCHEMA_VERSION} with the \
             version_secret of the browser that sent version 1. Nothing was stored."
        ))),
        (_, None) => Ok(None),
    }
}

fn check_honeypot(honeypot: Option<String>, rules: &Rules) -> Result<Option<String>, Problem> {
    match honeypot {
        Some(h) if h.chars().count() > rules.max_answer_chars => Err(Problem::form(format!(
            "honeypot must be {} characters or less",
            rules.max_answer_chars
        ))),
        other => Ok(other),
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

    const SECRET: &str = "AAECAwQFBgcICQoLDA0ODw";

    fn ok_json() -> Value {
        json!({
            "schema_version": 2,
            "cycle_id": "fall-2020-mentor",
            "submitted_at": "2026-11-29T23:59:00.000Z",
            "reference": "0b7e4b9a-6f7e-4c55-9a55-1d2f3c4b5a69",
            "version": 2,
            "version_secret": SECRET,
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
        v["schema_version"] = json!(3);
        assert_eq!(
            form_err(v),
            "schema_version must be 2 (or 1, from forms before version secrets)"
        );
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

    fn version_problem(v: Value) -> String {
        match parse(&v) {
            Err(Problem::Version(m)) => m,
            other => panic!("expected a version problem, got {other:?}"),
        }
    }

    #[test]
    fn the_secret_is_hashed_checked_and_never_serialised() {
        let env = parse(&ok_json()).unwrap();
        let hash = env.version_secret.clone().unwrap();
        assert_eq!(hash, SecretHash::of_secret(SECRET).unwrap());
        assert_eq!(
            hash.to_hex(),
            body_hex(&Sha256::digest(SECRET.as_bytes())),
            "SHA-256 of the 22 characters as sent"
        );
        assert_eq!(SecretHash::from_hex(&hash.to_hex()), Some(hash.clone()));
        assert!(hash.matches(&SecretHash::of_secret(SECRET).unwrap()));
        assert!(!hash.matches(&SecretHash::of_secret("AAECAwQFBgcICQoLDA0OEA").unwrap()));
        let stored = serde_json::to_value(&env).unwrap();
        assert!(stored.get("version_secret").is_none(), "{stored}");
        assert!(!stored.to_string().contains(SECRET));
        assert_eq!(format!("{hash:?}"), "SecretHash(…)");
        assert_eq!(
            env.expected_key(),
            "0b7e4b9a-6f7e-4c55-9a55-1d2f3c4b5a69.v2"
        );
    }

    fn body_hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn secret_rules_by_schema() {
        let mut v = ok_json();
        v.as_object_mut().unwrap().remove("version_secret");
        assert!(version_problem(v).starts_with("version_secret is required"));
        for bad in [
            json!("short"),
            json!("AAECAwQFBgcICQoLDA0OD="),
            json!("AAECAwQFBgcICQoLDA0OD+"),
            // 22 characters, but the last one carries bits past the 16 bytes.
            json!("AAECAwQFBgcICQoLDA0ODx"),
        ] {
            let mut v = ok_json();
            v["version_secret"] = bad.clone();
            assert!(
                version_problem(v).starts_with("version_secret must be 22"),
                "{bad}"
            );
        }
        let mut v = ok_json();
        v["version_secret"] = json!(5);
        assert_eq!(version_problem(v), "version_secret must be text");
        // Legacy bodies: version 1 only, and never with a secret.
        let mut v = ok_json();
        v["schema_version"] = json!(1);
        assert!(
            version_problem(v.clone()).starts_with("version_secret belongs to schema_version 2")
        );
        v.as_object_mut().unwrap().remove("version_secret");
        assert!(
            version_problem(v.clone()).starts_with("A schema_version 1 body can only be version 1")
        );
        v["version"] = json!(1);
        let legacy = parse(&v).unwrap();
        assert_eq!((legacy.schema_version, legacy.version_secret), (1, None));
    }

    #[test]
    fn honeypot_is_kept_and_marks_the_submission() {
        let env = parse(&ok_json()).unwrap();
        assert_eq!(env.honeypot, None);
        assert!(!env.suspected_automated());
        assert!(serde_json::to_value(&env)
            .unwrap()
            .get("honeypot")
            .is_none());
        let mut v = ok_json();
        v["honeypot"] = json!("ada@example.org");
        let env = parse(&v).unwrap();
        assert!(env.suspected_automated());
        assert_eq!(
            serde_json::to_value(&env).unwrap()["honeypot"],
            "ada@example.org"
        );
        v["honeypot"] = json!("  ");
        assert!(!parse(&v).unwrap().suspected_automated());
        v["honeypot"] = json!(["x"]);
        assert_eq!(form_err(v.clone()), "honeypot must be text");
        v["honeypot"] = json!("x".repeat(21));
        assert_eq!(form_err(v), "honeypot must be 20 characters or less");
        let env = from_form(
            format!(
                "schema_version=2&cycle_id=c&submitted_at=n&reference=r&version=1\
                 &version_secret={SECRET}&honeypot=bot+text&name=Ada"
            )
            .as_bytes(),
            &Rules::with_limit(100),
        )
        .unwrap();
        assert_eq!(env.honeypot.as_deref(), Some("bot text"));
        assert!(env.version_secret.is_some());
        assert_eq!(env.answers.len(), 1, "metadata keys are not answers");
    }

    #[test]
    fn form_ok_with_repeated_keys_and_version() {
        let env = from_form(
            format!(
                "schema_version=2&cycle_id=fall-2020-mentor&submitted_at=now&reference=r1&version=3\
                 &version_secret={SECRET}&name=Ada+L&email=a%40b.org&ways=email&ways=phone&ways=post"
            )
            .as_bytes(),
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
        assert_eq!(
            from_form(
                b"schema_version=1&cycle_id=x&submitted_at=n&reference=r&honeypot=a&honeypot=b",
                &Rules::with_limit(100)
            )
            .unwrap_err(),
            Problem::form("The request has the field `honeypot` more than once")
        );
        assert!(matches!(
            from_form(
                b"schema_version=2&cycle_id=x&submitted_at=n&reference=r",
                &Rules::with_limit(100)
            ),
            Err(Problem::Version(_))
        ));
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
