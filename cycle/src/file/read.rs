//! Cycle-file text to its serde shape, or the one problem that stops reading
//! it (a syntax or type error, with its line, column and place).

use super::maps_only::MapsOnly;
use super::{CycleFile, SCHEMA_VERSION};
use crate::problem::{Place, Problem};

/// Reads the JSON of a cycle file. serde cannot go on after the first syntax
/// or type error, so there is one problem at most.
pub fn read_file(text: &str) -> Result<CycleFile, Problem> {
    let mut de = serde_json::Deserializer::from_str(text);
    // Structs as objects only (`maps_only`): smaller, and a list where an
    // object belongs is a type error rather than read by position.
    let file: CycleFile = match serde::Deserialize::deserialize(MapsOnly(&mut de)) {
        Ok(c) => c,
        Err(err) => {
            // A file written for another schema version fails here on keys this
            // build does not know; the version is the real problem, so say that.
            if let Some(version_problem) = other_schema_version(text) {
                return Err(version_problem);
            }
            let path = super::json_path::path_at(text, err.line(), err.column());
            return Err(from_json_error(&path, &err));
        }
    };
    // Trailing text after the closing brace is as wrong as a missing one.
    de.end().map_err(|err| from_json_error("", &err))?;
    Ok(file)
}

/// The version problem, when the text is JSON whose `schema_version` is a
/// number other than the one this build reads.
fn other_schema_version(text: &str) -> Option<Problem> {
    #[derive(serde::Deserialize)]
    struct Probe {
        schema_version: Option<serde_json::Value>,
    }
    let probe: Probe = super::maps_only::from_str(text).ok()?;
    let version = probe.schema_version?.as_u64()?;
    (version != u64::from(SCHEMA_VERSION)).then(|| {
        Problem::at(
            Place::root().key("schema_version"),
            version_message(version),
        )
    })
}

/// "this app reads cycle files of schema version 1, not 2".
pub(crate) fn version_message(version: u64) -> String {
    format!("this app reads cycle files of schema version {SCHEMA_VERSION}, not {version}")
}

fn from_json_error(path: &str, inner: &serde_json::Error) -> Problem {
    // The path walker writes `?` for a key it had not read yet (a syntax
    // error between keys); the enclosing object is the useful place.
    let path = path.strip_suffix('?').unwrap_or(path);
    let path = path.strip_suffix('.').unwrap_or(path);
    let path = if path == "." { "" } else { path };
    let (line, column) = (inner.line(), inner.column());
    Problem {
        place: Place::parse(path),
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
        ("expected u32", "expected a whole number, 0 or more"),
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
