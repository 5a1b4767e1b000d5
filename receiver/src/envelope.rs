//! Parsing and shape checks for submission envelopes (JSON and form encodings).

use serde::Serialize;
use serde_json::{Map, Value};

/// Largest accepted request body, in bytes.
pub const MAX_BODY_BYTES: usize = 64 * 1024;
/// Longest accepted `cycle_id`, in characters.
pub const MAX_CYCLE_ID_CHARS: usize = 100;
/// Longest accepted `reference`, in characters.
pub const MAX_REFERENCE_CHARS: usize = 100;
/// Largest number of answers.
pub const MAX_ANSWERS: usize = 300;
/// Longest accepted string answer, in characters.
pub const MAX_ANSWER_CHARS: usize = 10_000;
/// Longest accepted `Idempotency-Key` header, in characters.
pub const MAX_IDEMPOTENCY_KEY_CHARS: usize = 200;
/// The only supported envelope schema version.
pub const SCHEMA_VERSION: u64 = 1;

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
    /// Version of the application's answers (1 when the client sent none).
    pub version: u64,
    pub answers: Map<String, Value>,
}

/// Parses a JSON envelope and checks its shape.
pub fn from_json(body: &[u8]) -> Result<Envelope, String> {
    let value: Value =
        serde_json::from_slice(body).map_err(|e| format!("request body is not valid JSON: {e}"))?;
    let Value::Object(mut obj) = value else {
        return Err("request body must be a JSON object".to_string());
    };
    if let Some(unknown) = obj.keys().find(|k| !TOP_LEVEL_KEYS.contains(&k.as_str())) {
        return Err(format!("unknown field `{unknown}`"));
    }

    let schema_version = match obj.get("schema_version") {
        None | Some(Value::Null) => return Err("schema_version is required".to_string()),
        Some(v) => match v.as_u64() {
            Some(SCHEMA_VERSION) => SCHEMA_VERSION,
            _ => return Err(format!("schema_version must be {SCHEMA_VERSION}")),
        },
    };
    let cycle_id = check_cycle_id(take_string(&mut obj, "cycle_id")?)?;
    let submitted_at = check_submitted_at(take_string(&mut obj, "submitted_at")?)?;
    let reference = check_reference(take_string(&mut obj, "reference")?)?;
    let version = match obj.remove("version") {
        None | Some(Value::Null) => 1,
        Some(v) => v
            .as_u64()
            .filter(|v| *v >= 1)
            .ok_or("version must be a whole number, 1 or more")?,
    };
    let answers = match obj.remove("answers") {
        None | Some(Value::Null) => return Err("answers is required".to_string()),
        Some(Value::Object(map)) => map,
        Some(_) => return Err("answers must be an object".to_string()),
    };
    check_answers(&answers)?;
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
/// `schema_version`, `cycle_id`, `submitted_at` and `reference` are taken out,
/// every other key becomes a string answer. Repeated keys are rejected.
pub fn from_form(body: &[u8]) -> Result<Envelope, String> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(body)
        .map_err(|e| format!("request body is not valid form data: {e}"))?;
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
                if answers.contains_key(&key) {
                    return Err(format!("duplicate field `{key}`"));
                }
                answers.insert(key, Value::String(value));
                continue;
            }
        };
        if slot.is_some() {
            return Err(format!("duplicate field `{key}`"));
        }
        *slot = Some(value);
    }

    let schema_version = match schema_version {
        None => return Err("schema_version is required".to_string()),
        Some(v) if v.trim() == SCHEMA_VERSION.to_string() => SCHEMA_VERSION,
        Some(_) => return Err(format!("schema_version must be {SCHEMA_VERSION}")),
    };
    let required = |v: Option<String>, name: &str| v.ok_or_else(|| format!("{name} is required"));
    let cycle_id = check_cycle_id(required(cycle_id, "cycle_id")?)?;
    let submitted_at = check_submitted_at(required(submitted_at, "submitted_at")?)?;
    let reference = check_reference(required(reference, "reference")?)?;
    let version = match version {
        None => 1,
        Some(v) => v
            .trim()
            .parse::<u64>()
            .ok()
            .filter(|v| *v >= 1)
            .ok_or("version must be a whole number, 1 or more")?,
    };
    check_answers(&answers)?;
    Ok(Envelope {
        schema_version,
        cycle_id,
        submitted_at,
        reference,
        version,
        answers,
    })
}

/// Checks an `Idempotency-Key` header value (already known to be present).
pub fn check_idempotency_key(key: &str) -> Result<(), String> {
    if key.chars().count() > MAX_IDEMPOTENCY_KEY_CHARS {
        return Err(format!(
            "Idempotency-Key must be at most {MAX_IDEMPOTENCY_KEY_CHARS} characters"
        ));
    }
    Ok(())
}

fn take_string(obj: &mut Map<String, Value>, name: &str) -> Result<String, String> {
    match obj.remove(name) {
        None | Some(Value::Null) => Err(format!("{name} is required")),
        Some(Value::String(s)) => Ok(s),
        Some(_) => Err(format!("{name} must be a string")),
    }
}

fn check_cycle_id(s: String) -> Result<String, String> {
    if s.is_empty() {
        return Err("cycle_id must not be empty".to_string());
    }
    if s.chars().count() > MAX_CYCLE_ID_CHARS {
        return Err(format!(
            "cycle_id must be at most {MAX_CYCLE_ID_CHARS} characters"
        ));
    }
    if !s
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        return Err("cycle_id may contain only letters, digits, `_` and `-`".to_string());
    }
    Ok(s)
}

fn check_submitted_at(s: String) -> Result<String, String> {
    if s.trim().is_empty() {
        return Err("submitted_at must not be empty".to_string());
    }
    Ok(s)
}

fn check_reference(s: String) -> Result<String, String> {
    if s.trim().is_empty() {
        return Err("reference must not be empty".to_string());
    }
    if s.chars().count() > MAX_REFERENCE_CHARS {
        return Err(format!(
            "reference must be at most {MAX_REFERENCE_CHARS} characters"
        ));
    }
    Ok(s)
}

fn check_answers(answers: &Map<String, Value>) -> Result<(), String> {
    if answers.len() > MAX_ANSWERS {
        return Err(format!("answers must have at most {MAX_ANSWERS} entries"));
    }
    for (name, value) in answers {
        if name.is_empty() {
            return Err("answer names must not be empty".to_string());
        }
        match value {
            Value::String(s) if s.chars().count() > MAX_ANSWER_CHARS => {
                return Err(format!(
                    "answers.{name} must be at most {MAX_ANSWER_CHARS} characters"
                ));
            }
            Value::Array(_) | Value::Object(_) => {
                return Err(format!(
                    "answers.{name} must be a string, number, boolean or null"
                ));
            }
            _ => {}
        }
    }
    Ok(())
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
            "answers": {"name": "Ada", "years": 12, "agree": true, "notes": null}
        })
    }

    fn err(v: Value) -> String {
        from_json(&serde_json::to_vec(&v).unwrap()).unwrap_err()
    }

    #[test]
    fn json_ok() {
        let env = from_json(&serde_json::to_vec(&ok_json()).unwrap()).unwrap();
        assert_eq!(env.cycle_id, "fall-2020-mentor");
        assert_eq!(env.answers["years"], json!(12));
    }

    #[test]
    fn json_errors() {
        let mut v = ok_json();
        v["schema_version"] = json!(2);
        assert_eq!(err(v), "schema_version must be 1");
        let mut v = ok_json();
        v["cycle_id"] = json!("bad id!");
        assert!(err(v).starts_with("cycle_id may contain only"));
        let mut v = ok_json();
        v["answers"] = json!({"x": [1]});
        assert_eq!(
            err(v),
            "answers.x must be a string, number, boolean or null"
        );
        let mut v = ok_json();
        v["extra"] = json!(1);
        assert_eq!(err(v), "unknown field `extra`");
        assert_eq!(err(json!([])), "request body must be a JSON object");
    }

    #[test]
    fn form_ok_and_errors() {
        let env = from_form(
            b"schema_version=1&cycle_id=fall-2020-mentor&submitted_at=now&reference=r1&name=Ada+L&email=a%40b.org",
        )
        .unwrap();
        assert_eq!(env.answers["name"], json!("Ada L"));
        assert_eq!(env.answers["email"], json!("a@b.org"));
        assert_eq!(
            from_form(b"cycle_id=x&submitted_at=n&reference=r").unwrap_err(),
            "schema_version is required"
        );
        assert_eq!(
            from_form(b"schema_version=1&cycle_id=x&submitted_at=n&reference=r&a=1&a=2")
                .unwrap_err(),
            "duplicate field `a`"
        );
    }
}
