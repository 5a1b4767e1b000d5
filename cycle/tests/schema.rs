//! `public/cycle.schema.json` is generated from the Rust types in
//! `cycle::file` (schemars), so the two cannot drift apart. This test fails
//! when the checked-in file is stale; `UPDATE_SCHEMA=1 cargo test -p cycle --test schema`
//! rewrites it. The shipped cycles and the test fixtures are validated against
//! it with the `jsonschema` crate. Native only: neither crate reaches the wasm.
#![cfg(not(target_arch = "wasm32"))]

use cycle::file::CycleFile;
use cycle::FieldKind;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The schema as the Rust types describe it, pretty-printed with a final newline.
fn generated() -> String {
    let schema = schemars::schema_for!(CycleFile);
    let mut text = serde_json::to_string_pretty(&schema).expect("a schema serialises");
    text.push('\n');
    text
}

fn validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(&generated()).expect("the schema is JSON");
    jsonschema::validator_for(&schema).expect("the generated schema is a valid JSON Schema")
}

/// Every error the validator finds, as "place: message" lines.
fn problems(v: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    v.iter_errors(instance)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

#[test]
fn the_checked_in_schema_is_the_generated_one() {
    let path = root().join("public/cycle.schema.json");
    let want = generated();
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(&path, &want).expect("write public/cycle.schema.json");
        return;
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "public/cycle.schema.json is stale: run `UPDATE_SCHEMA=1 cargo test -p cycle --test schema` and commit it"
    );
}

fn cycle_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

#[test]
fn shipped_cycles_and_fixtures_validate_against_the_schema() {
    let v = validator();
    let files: Vec<PathBuf> = [root().join("public/cycles"), root().join("tests/fixtures")]
        .iter()
        .flat_map(|d| cycle_files(d))
        .collect();
    assert!(files.len() >= 3, "found only {files:?}");
    for file in files {
        let text = std::fs::read_to_string(&file).expect("read a cycle file");
        let instance: Value = serde_json::from_str(&text).expect("a cycle file is JSON");
        let found = problems(&v, &instance);
        assert!(
            found.is_empty(),
            "{}:\n{}",
            file.display(),
            found.join("\n")
        );
    }
}

/// A change that makes a good cycle file wrong.
type Mistake = Box<dyn Fn(&mut Value)>;

#[test]
fn the_schema_finds_mistakes() {
    let v = validator();
    let text = std::fs::read_to_string(root().join("tests/fixtures/every-kind.json"))
        .expect("read the fixture");
    let good: Value = serde_json::from_str(&text).expect("JSON");
    let mistakes: Vec<(&str, Mistake)> = vec![
        (
            "an unknown key",
            Box::new(|c| c["sections"][0]["colour"] = json!("red")),
        ),
        (
            "an unknown kind",
            Box::new(|c| c["sections"][0]["fields"][0]["kind"] = json!("slider")),
        ),
        (
            "a missing title",
            Box::new(|c| {
                c.as_object_mut().unwrap().remove("title");
            }),
        ),
        (
            "an id with a space",
            Box::new(|c| c["sections"][0]["fields"][0]["id"] = json!("first name")),
        ),
        (
            "an id starting with -",
            Box::new(|c| c["sections"][0]["id"] = json!("-about")),
        ),
        (
            "a choice value with a slash",
            Box::new(|c| c["sections"][0]["fields"][5]["options"][0]["value"] = json!("a/b")),
        ),
        (
            "a negative max_length",
            Box::new(|c| c["sections"][0]["fields"][0]["max_length"] = json!(-1)),
        ),
        (
            "a method that is not POST or PUT",
            Box::new(|c| c["submit"]["method"] = json!("GET")),
        ),
    ];
    assert!(problems(&v, &good).is_empty(), "{:?}", problems(&v, &good));
    for (what, change) in mistakes {
        let mut bad = good.clone();
        change(&mut bad);
        assert!(!problems(&v, &bad).is_empty(), "the schema accepts {what}");
    }
}

#[test]
fn the_schema_lists_every_kind_by_its_name() {
    let schema: Value = serde_json::from_str(&generated()).expect("JSON");
    let kind = &schema["$defs"]["FieldKind"];
    let mut in_schema: Vec<String> = kind["enum"]
        .as_array()
        .or_else(|| kind["oneOf"].as_array())
        .unwrap_or_else(|| panic!("FieldKind in the schema: {kind}"))
        .iter()
        .map(|v| match v {
            Value::String(s) => s.clone(),
            other => other["const"].as_str().unwrap_or_default().to_string(),
        })
        .collect();
    let mut names: Vec<String> = FieldKind::ALL
        .iter()
        .map(|k| k.name().to_string())
        .collect();
    // What serde reads is what each kind calls itself.
    for k in FieldKind::ALL {
        assert_eq!(serde_json::to_value(k).unwrap(), json!(k.name()), "{k:?}");
    }
    in_schema.sort();
    names.sort();
    assert_eq!(in_schema, names, "FieldKind::ALL must list every kind");
}
