//! public/cycle.schema.json kept in step with the Rust types in
//! `config::model`: the same keys, the same required keys, the same enum
//! names and defaults, and the shipped cycle files validate against it.
//!
//! The Rust types are the source of truth; when one of these tests fails after
//! a change to `model.rs`, update the schema (and docs/cycle-file.md).

use mentor_form::config::model::*;
use mentor_form::config::parse_cycle;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

const SCHEMA: &str = include_str!("../public/cycle.schema.json");
const ID_PATTERN: &str = "^[a-z0-9_-]{1,64}$";

fn schema() -> Value {
    serde_json::from_str(SCHEMA).expect("public/cycle.schema.json is not valid JSON")
}

fn def<'a>(schema: &'a Value, name: &str) -> &'a Value {
    schema["$defs"]
        .get(name)
        .unwrap_or_else(|| panic!("the schema has no $defs/{name}"))
}

fn key_set<'a>(keys: impl Iterator<Item = &'a String>) -> BTreeSet<String> {
    keys.cloned().collect()
}

// ---------------------------------------------------------------------------
// Maximal instances: every Option Some, every Vec and map non-empty, every
// bool true, so `skip_serializing_if` hides nothing.

fn link() -> Link {
    Link {
        label: "Privacy Policy".into(),
        url: "http://www.ala.org/privacypolicy".into(),
    }
}
fn condition() -> Condition {
    Condition {
        field: "region_match".into(),
        equals: "yes".into(),
    }
}
fn choice() -> Choice {
    Choice {
        value: "yes".into(),
        label: "Yes".into(),
    }
}
fn messages() -> Messages {
    Messages {
        required: Some("Enter your age".into()),
        format: Some("Enter your age as a whole number, like 42".into()),
        too_long: Some("Age must be 3 characters or less".into()),
        range: Some("Age must be a whole number between 18 and 120".into()),
    }
}
fn field() -> Field {
    Field {
        id: "age".into(),
        kind: FieldKind::Integer,
        label: "Age".into(),
        hint: Some("In years.".into()),
        optional: true,
        confidential: true,
        required_when: Some(condition()),
        max_length: Some(3),
        min: Some(18),
        max: Some(120),
        options: vec![choice()],
        placeholder: Some("Select".into()),
        autocomplete: Some("off".into()),
        messages: messages(),
    }
}
fn section() -> Section {
    Section {
        id: "about-you".into(),
        title: "About you".into(),
        intro: vec!["Intro.".into()],
        links: vec![link()],
        notes: vec!["Note.".into()],
        fields: vec![field()],
    }
}
fn deadline() -> Deadline {
    Deadline {
        text: "Applications are due Monday.".into(),
        opens_at: "2020-10-01T00:00:00-05:00".into(),
        closes_at: "2020-11-16T23:59:59-06:00".into(),
        enforce: true,
    }
}
fn contact() -> Contact {
    Contact {
        lead: "Contact".into(),
        name: "Elizabeth Serrano".into(),
        role: "Membership/Marketing Specialist".into(),
        email: "eserrano@ala.org".into(),
    }
}
fn rating_scale() -> RatingScale {
    RatingScale {
        min: 1,
        max: 5,
        low_label: "Uncomfortable".into(),
        high_label: "Comfortable".into(),
    }
}
fn confirmation() -> Confirmation {
    Confirmation {
        title: "Application sent".into(),
        body: vec!["Thank you.".into()],
        next: "Matches will be announced.".into(),
    }
}
fn submit() -> SubmitConfig {
    SubmitConfig {
        url: "https://forms.example.org/api/applications".into(),
        method: Method::Put,
        encoding: Encoding::Form,
        headers: BTreeMap::from([("Authorization".into(), "Bearer x".into())]),
        field_names: BTreeMap::from([("age".into(), "entry.1".into())]),
        timeout_ms: 10_000,
        retries: 3,
        accept_redirect: true,
    }
}
fn embed() -> EmbedConfig {
    EmbedConfig {
        allowed_origins: vec!["https://www.ala.org".into()],
    }
}
fn cycle() -> Cycle {
    Cycle {
        schema_version: SCHEMA_VERSION,
        id: "fall-2021-mentor".into(),
        program: "ALSC Mentoring Program".into(),
        title: "Fall 2021 Mentor Application".into(),
        intro: vec!["Intro.".into()],
        deadline: deadline(),
        contact: contact(),
        links: vec![link()],
        rating_scale: rating_scale(),
        sections: vec![section()],
        confirmation: confirmation(),
        submit: submit(),
        embed: embed(),
        texts: Default::default(),
    }
}

/// `$defs` name and the maximal instance's JSON, for every object type.
fn object_types() -> Vec<(&'static str, Value)> {
    fn v(x: impl Serialize) -> Value {
        serde_json::to_value(x).unwrap()
    }
    vec![
        ("Cycle", v(cycle())),
        ("Deadline", v(deadline())),
        ("Contact", v(contact())),
        ("Link", v(link())),
        ("RatingScale", v(rating_scale())),
        ("Section", v(section())),
        ("Field", v(field())),
        ("Condition", v(condition())),
        ("Choice", v(choice())),
        ("Messages", v(messages())),
        ("Confirmation", v(confirmation())),
        ("SubmitConfig", v(submit())),
        ("EmbedConfig", v(embed())),
        ("Texts", v(mentor_form::config::texts::Texts::default())),
    ]
}

/// Runs `f::<T>` with the Rust type behind a `$defs` name.
fn deserializes(name: &str, value: Value) -> Result<Value, String> {
    fn go<T: DeserializeOwned + Serialize>(v: Value) -> Result<Value, String> {
        serde_json::from_value::<T>(v)
            .map(|t| serde_json::to_value(t).unwrap())
            .map_err(|e| e.to_string())
    }
    match name {
        "Cycle" => go::<Cycle>(value),
        "Deadline" => go::<Deadline>(value),
        "Contact" => go::<Contact>(value),
        "Link" => go::<Link>(value),
        "RatingScale" => go::<RatingScale>(value),
        "Section" => go::<Section>(value),
        "Field" => go::<Field>(value),
        "Condition" => go::<Condition>(value),
        "Choice" => go::<Choice>(value),
        "Messages" => go::<Messages>(value),
        "Confirmation" => go::<Confirmation>(value),
        "SubmitConfig" => go::<SubmitConfig>(value),
        "EmbedConfig" => go::<EmbedConfig>(value),
        "Texts" => go::<mentor_form::config::texts::Texts>(value),
        other => panic!("no Rust type for {other}"),
    }
}

fn schema_required(d: &Value) -> BTreeSet<String> {
    d.get("required")
        .and_then(Value::as_array)
        .map(|a| a.iter().map(|k| k.as_str().unwrap().to_string()).collect())
        .unwrap_or_default()
}

// ---------------------------------------------------------------------------
// (a) The file and its $defs.

#[test]
fn schema_is_json_with_the_expected_defs() {
    let s = schema();
    assert_eq!(
        s["$schema"], "https://json-schema.org/draft/2020-12/schema",
        "draft 2020-12"
    );
    assert_eq!(s["$ref"], "#/$defs/Cycle");
    let defs = key_set(s["$defs"].as_object().expect("$defs").keys());
    let mut expected: BTreeSet<String> =
        object_types().iter().map(|(n, _)| n.to_string()).collect();
    for extra in ["Id", "Paragraphs", "FieldKind", "Method", "Encoding"] {
        expected.insert(extra.into());
    }
    assert_eq!(defs, expected);
}

#[test]
fn every_object_is_closed_and_every_key_is_typed_and_described() {
    let s = schema();
    for (name, _) in object_types() {
        let d = def(&s, name);
        assert_eq!(d["type"], "object", "{name}");
        assert_eq!(d["additionalProperties"], false, "{name} must be closed");
        assert!(d["description"].is_string(), "{name} has no description");
        for (key, p) in d["properties"].as_object().unwrap() {
            let target = match p.get("$ref").and_then(Value::as_str) {
                Some(r) => def(&s, r.strip_prefix("#/$defs/").unwrap()),
                None => p,
            };
            assert!(
                p["description"].is_string() || target["description"].is_string(),
                "{name}.{key} has no description"
            );
            assert!(target["type"].is_string(), "{name}.{key} has no type");
        }
    }
}

// ---------------------------------------------------------------------------
// (b) Keys, (c) required keys, and the defaults the schema notes.

#[test]
fn schema_properties_are_the_keys_serde_produces() {
    let s = schema();
    for (name, instance) in object_types() {
        let serde_keys = key_set(instance.as_object().unwrap().keys());
        let schema_keys = key_set(def(&s, name)["properties"].as_object().unwrap().keys());
        assert_eq!(schema_keys, serde_keys, "properties of {name}");
        // What serde produces, serde reads back unchanged.
        assert_eq!(deserializes(name, instance.clone()), Ok(instance), "{name}");
    }
}

#[test]
fn schema_required_keys_are_the_ones_serde_cannot_do_without() {
    let s = schema();
    for (name, instance) in object_types() {
        let obj = instance.as_object().unwrap();
        let mut required = BTreeSet::new();
        for key in obj.keys() {
            let mut without = obj.clone();
            without.remove(key);
            if deserializes(name, Value::Object(without)).is_err() {
                required.insert(key.clone());
            }
        }
        assert_eq!(
            schema_required(def(&s, name)),
            required,
            "required of {name}"
        );
    }
}

#[test]
fn schema_defaults_are_the_ones_serde_fills_in() {
    let s = schema();
    for (name, instance) in object_types() {
        let d = def(&s, name);
        let required = schema_required(d);
        let minimal: Map<String, Value> = instance
            .as_object()
            .unwrap()
            .iter()
            .filter(|(k, _)| required.contains(*k))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let filled = deserializes(name, Value::Object(minimal))
            .unwrap_or_else(|e| panic!("{name} with only its required keys: {e}"));
        for (key, p) in d["properties"].as_object().unwrap() {
            if required.contains(key) {
                assert!(p.get("default").is_none(), "{name}.{key} is required");
                continue;
            }
            match (filled.get(key), p.get("default")) {
                (Some(serde), Some(noted)) => assert_eq!(noted, serde, "default of {name}.{key}"),
                (Some(serde), None) => {
                    panic!("{name}.{key}: the schema does not note the default {serde}")
                }
                // Skipped when empty: the schema may still say `[]`.
                (None, Some(noted)) => assert_eq!(noted, &json!([]), "default of {name}.{key}"),
                (None, None) => {}
            }
        }
    }
}

// ---------------------------------------------------------------------------
// (d) Enums.

fn serde_names<T: Serialize>(variants: &[T]) -> Vec<Value> {
    variants
        .iter()
        .map(|v| serde_json::to_value(v).unwrap())
        .collect()
}

#[test]
fn schema_enums_are_the_serde_names() {
    use FieldKind::*;
    let kinds = [
        Text, Email, Phone, Integer, Textarea, Select, Radio, Checkbox, Rating,
    ];
    // A new variant makes this match fail to compile: add it to the list above.
    for k in kinds {
        match k {
            Text | Email | Phone | Integer | Textarea | Select | Radio | Checkbox | Rating => {}
        }
    }
    let methods = [Method::Post, Method::Put];
    for m in methods {
        match m {
            Method::Post | Method::Put => {}
        }
    }
    let encodings = [Encoding::Json, Encoding::Form];
    for e in encodings {
        match e {
            Encoding::Json | Encoding::Form => {}
        }
    }
    let s = schema();
    let enum_of = |name: &str| def(&s, name)["enum"].as_array().unwrap().clone();
    assert_eq!(enum_of("FieldKind"), serde_names(&kinds));
    assert_eq!(enum_of("Method"), serde_names(&methods));
    assert_eq!(enum_of("Encoding"), serde_names(&encodings));
    assert_eq!(
        def(&s, "Cycle")["properties"]["schema_version"]["enum"],
        json!([SCHEMA_VERSION])
    );
    assert_eq!(def(&s, "Id")["pattern"], ID_PATTERN);
}

// ---------------------------------------------------------------------------
// (e) A validator for exactly the keywords the schema uses.

/// Keywords that only document; everything else must be handled below.
const ANNOTATIONS: [&str; 8] = [
    "$schema",
    "$id",
    "$defs",
    "title",
    "description",
    "default",
    "format",
    "examples",
];

fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
}

fn type_ok(t: &str, v: &Value) -> bool {
    match t {
        "object" => v.is_object(),
        "array" => v.is_array(),
        "string" => v.is_string(),
        "integer" => v.is_i64() || v.is_u64(),
        "number" => v.is_number(),
        "boolean" => v.is_boolean(),
        "null" => v.is_null(),
        other => panic!("validator: unknown type {other}"),
    }
}

fn as_i128(v: &Value) -> Option<i128> {
    v.as_i64()
        .map(i128::from)
        .or_else(|| v.as_u64().map(i128::from))
}

fn validate(root: &Value, schema: &Value, v: &Value, at: &str, errs: &mut Vec<String>) {
    let place = if at.is_empty() { "(top)" } else { at };
    let Some(schema) = schema.as_object() else {
        panic!("validator: schema at {place} is not an object");
    };
    for (kw, arg) in schema {
        match kw.as_str() {
            "$ref" => {
                let name = arg.as_str().and_then(|r| r.strip_prefix("#/$defs/"));
                let target = name.and_then(|n| root["$defs"].get(n));
                let target = target.unwrap_or_else(|| panic!("validator: bad $ref {arg}"));
                validate(root, target, v, at, errs);
            }
            "type" => {
                let ok = match arg {
                    Value::String(t) => type_ok(t, v),
                    Value::Array(ts) => ts.iter().any(|t| type_ok(t.as_str().unwrap(), v)),
                    _ => panic!("validator: bad type {arg}"),
                };
                if !ok {
                    errs.push(format!("{place}: expected {arg}, found {v}"));
                }
            }
            "enum" => {
                if !arg.as_array().unwrap().contains(v) {
                    errs.push(format!("{place}: {v} is not one of {arg}"));
                }
            }
            "pattern" => {
                assert_eq!(
                    arg, ID_PATTERN,
                    "validator: only the id pattern is supported"
                );
                if let Some(s) = v.as_str() {
                    if !is_id(s) {
                        errs.push(format!("{place}: “{s}” does not match {ID_PATTERN}"));
                    }
                }
            }
            "minimum" | "maximum" => {
                if let (Some(n), Some(bound)) = (as_i128(v), as_i128(arg)) {
                    if (kw == "minimum" && n < bound) || (kw == "maximum" && n > bound) {
                        errs.push(format!("{place}: {n} is outside the {kw} {bound}"));
                    }
                }
            }
            "required" => {
                if let Some(obj) = v.as_object() {
                    for key in arg.as_array().unwrap() {
                        if !obj.contains_key(key.as_str().unwrap()) {
                            errs.push(format!("{place}: missing required key {key}"));
                        }
                    }
                }
            }
            "properties" | "additionalProperties" => {
                let Some(obj) = v.as_object() else { continue };
                let props = schema.get("properties").and_then(Value::as_object);
                for (key, item) in obj {
                    let dot = if at.is_empty() { "" } else { "." };
                    let child = format!("{at}{dot}{key}");
                    let declared = props.and_then(|p| p.get(key));
                    match (kw.as_str(), declared, arg) {
                        ("properties", Some(s), _) => validate(root, s, item, &child, errs),
                        ("additionalProperties", None, Value::Bool(false)) => {
                            errs.push(format!("{place}: unknown key “{key}”"))
                        }
                        ("additionalProperties", None, s @ Value::Object(_)) => {
                            validate(root, s, item, &child, errs)
                        }
                        _ => {}
                    }
                }
            }
            "items" => {
                for (i, item) in v.as_array().into_iter().flatten().enumerate() {
                    validate(root, arg, item, &format!("{at}[{i}]"), errs);
                }
            }
            other if ANNOTATIONS.contains(&other) => {}
            other => panic!("validator: keyword {other} at {place} is not supported"),
        }
    }
}

fn errors(instance: &Value) -> Vec<String> {
    let root = schema();
    let mut errs = Vec::new();
    validate(&root, &root, instance, "", &mut errs);
    errs
}

fn shipped_cycles() -> Vec<(String, Value)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("public/cycles");
    let mut out: Vec<(String, Value)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, serde_json::from_str(&text).unwrap())
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

#[test]
fn shipped_cycle_files_validate_against_the_schema() {
    let cycles = shipped_cycles();
    let names: Vec<&str> = cycles.iter().map(|(n, _)| n.as_str()).collect();
    for expected in ["fall-2020-mentee.json", "fall-2020-mentor.json"] {
        assert!(names.contains(&expected), "{expected} is not shipped");
    }
    for (name, value) in &cycles {
        let errs = errors(value);
        assert!(
            errs.is_empty(),
            "{name} does not validate:\n{}",
            errs.join("\n")
        );
    }
}

#[test]
fn maximal_instances_validate_against_their_defs() {
    let root = schema();
    for (name, instance) in object_types() {
        let mut errs = Vec::new();
        validate(&root, def(&root, name), &instance, name, &mut errs);
        assert!(errs.is_empty(), "{name}:\n{}", errs.join("\n"));
    }
}

type Edit = Box<dyn Fn(&mut Value)>;

#[test]
fn the_validator_finds_mistakes() {
    let (_, mentor) = shipped_cycles()
        .into_iter()
        .find(|(n, _)| n == "fall-2020-mentor.json")
        .unwrap();
    let broken = |edit: &dyn Fn(&mut Value)| {
        let mut v = mentor.clone();
        edit(&mut v);
        errors(&v)
    };
    let cases: Vec<(&str, Edit)> = vec![
        ("unknown key", Box::new(|v| v["$schema"] = json!("x"))),
        (
            "missing required key",
            Box::new(|v| {
                v["deadline"].as_object_mut().unwrap().remove("closes_at");
            }),
        ),
        (
            "kind",
            Box::new(|v| v["sections"][1]["fields"][0]["kind"] = json!("string")),
        ),
        (
            "id pattern",
            Box::new(|v| v["sections"][1]["id"] = json!("About You")),
        ),
        (
            "type",
            Box::new(|v| v["sections"][1]["fields"][3]["optional"] = json!("yes")),
        ),
        ("maximum", Box::new(|v| v["submit"]["retries"] = json!(9))),
        (
            "minimum",
            Box::new(|v| v["submit"]["timeout_ms"] = json!(10)),
        ),
        (
            "map values",
            Box::new(|v| v["submit"]["headers"] = json!({"X-A": 1})),
        ),
        (
            "nested unknown",
            Box::new(|v| v["sections"][0]["fields"][0]["messages"]["missing"] = json!("x")),
        ),
    ];
    for (what, edit) in cases {
        let errs = broken(&*edit);
        assert_eq!(errs.len(), 1, "{what}: {errs:#?}");
    }
}

type SetNumber = Box<dyn Fn(&mut Value, Value)>;

/// Where the schema states a range the app's whole-file checks also enforce,
/// the two agree at the boundary.
#[test]
fn schema_ranges_agree_with_the_cycle_checks() {
    let s = schema();
    let text = include_str!("../public/cycles/fall-2020-mentor.json");
    let mentor: Value = serde_json::from_str(text).unwrap();
    let sub = &def(&s, "SubmitConfig")["properties"];
    let max_len_min = def(&s, "Field")["properties"]["max_length"]["minimum"].clone();
    let cases: Vec<(&str, Value, SetNumber)> = vec![
        (
            "timeout_ms",
            sub["timeout_ms"].clone(),
            Box::new(|c, n| c["submit"]["timeout_ms"] = n),
        ),
        (
            "retries",
            sub["retries"].clone(),
            Box::new(|c, n| c["submit"]["retries"] = n),
        ),
        (
            "max_length",
            json!({ "minimum": max_len_min }),
            Box::new(|c, n| c["sections"][1]["fields"][0]["max_length"] = n),
        ),
    ];
    for (what, range, set) in cases {
        let accepts = |n: i64| {
            let mut c = mentor.clone();
            set(&mut c, json!(n));
            parse_cycle(&c.to_string()).is_ok()
        };
        if let Some(lo) = range["minimum"].as_i64() {
            assert!(
                accepts(lo),
                "{what} = {lo} (the schema's minimum) is refused"
            );
            if lo > 0 {
                assert!(!accepts(lo - 1), "{what} = {} is accepted", lo - 1);
            }
        }
        if let Some(hi) = range["maximum"].as_i64() {
            assert!(
                accepts(hi),
                "{what} = {hi} (the schema's maximum) is refused"
            );
            assert!(!accepts(hi + 1), "{what} = {} is accepted", hi + 1);
        }
    }
}
