//! Turning cycle-file text into a checked [`Cycle`], or into errors that name
//! what is wrong and where.

use super::check::check_cycle;
use super::error::ConfigError;
use super::maps_only::MapsOnly;
use super::model::Cycle;

/// Parses and checks a cycle file. Syntax and type errors stop at the first
/// one (serde cannot go on); semantic checks report every problem at once.
pub fn parse_cycle(text: &str) -> Result<Cycle, Vec<ConfigError>> {
    let mut de = serde_json::Deserializer::from_str(text);
    // Structs as objects only (`maps_only`): smaller, and a list where an
    // object belongs is a type error rather than read by position.
    let cycle: Cycle = match serde::Deserialize::deserialize(MapsOnly(&mut de)) {
        Ok(c) => c,
        Err(err) => {
            // A file written for another schema version fails here on keys this
            // build does not know; the version is the real problem, so say that.
            if let Some(version_error) = other_schema_version(text) {
                return Err(vec![version_error]);
            }
            let path = super::json_path::path_at(text, err.line(), err.column());
            return Err(vec![from_json_error(&path, &err)]);
        }
    };
    // Trailing text after the closing brace is as wrong as a missing one.
    if let Err(err) = de.end() {
        return Err(vec![from_json_error("", &err)]);
    }
    let problems = check_cycle(&cycle);
    if problems.is_empty() {
        Ok(cycle)
    } else {
        Err(problems)
    }
}

/// The version error, when the text is JSON whose `schema_version` is a
/// number other than the one this build reads.
fn other_schema_version(text: &str) -> Option<ConfigError> {
    #[derive(serde::Deserialize)]
    struct Probe {
        schema_version: Option<serde_json::Value>,
    }
    let probe: Probe = super::maps_only::from_str(text).ok()?;
    let version = probe.schema_version?.as_u64()?;
    (version != u64::from(super::model::SCHEMA_VERSION)).then(|| {
        ConfigError::at(
            "schema_version",
            format!(
                "this app reads cycle files of schema version {}, not {version}",
                super::model::SCHEMA_VERSION
            ),
        )
    })
}

fn from_json_error(path: &str, inner: &serde_json::Error) -> ConfigError {
    // serde_path_to_error writes `?` for a key it had not read yet (a syntax
    // error between keys); the enclosing object is the useful place.
    let path = path.strip_suffix('?').unwrap_or(path);
    let path = path.strip_suffix('.').unwrap_or(path);
    let path = if path == "." { "" } else { path };
    let (line, column) = (inner.line(), inner.column());
    ConfigError {
        path: path.to_string(),
        line: (line > 0).then_some(line),
        column: (line > 0).then_some(column),
        message: explain(inner),
    }
}

/// serde_json's messages end with " at line X column Y" and speak of
/// "variants"; restate them for someone editing a cycle file.
fn explain(err: &serde_json::Error) -> String {
    let raw = err.to_string();
    let msg = match raw.rfind(" at line ") {
        Some(i) => raw[..i].to_string(),
        None => raw,
    };
    let msg = match err.classify() {
        serde_json::error::Category::Syntax => format!("JSON syntax error: {msg}"),
        serde_json::error::Category::Eof => {
            format!("the file ends too early ({msg}); a bracket or quote may be missing")
        }
        _ => msg,
    };
    let msg = msg
        .replace("unknown variant", "unknown value")
        .replace("unknown field", "unknown key")
        .replace("missing field", "missing key")
        .replace("invalid type:", "wrong type:")
        .replace("invalid value:", "wrong value:")
        .replace("invalid length", "wrong number of items");
    // Rust type names mean nothing to someone editing a cycle file.
    for (rust, plain) in [
        ("expected u8", "expected a whole number from 0 to 255"),
        (
            "expected u32",
            "expected a whole number from 0 to 4294967295",
        ),
        ("expected usize", "expected a whole number, 0 or more"),
        ("expected i64", "expected a whole number"),
        ("expected a sequence", "expected a list [ … ]"),
        ("expected a map", "expected an object { … }"),
    ] {
        if let Some(head) = msg.strip_suffix(rust) {
            return format!("{head}{plain}");
        }
    }
    match msg.rfind("expected struct ") {
        Some(i) => format!("{}expected an object {{ … }}", &msg[..i]),
        None => msg,
    }
}
