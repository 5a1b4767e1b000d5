//! The cycle-file reader (`cycle::file::read_file`): a hand-written walk
//! over serde_json's `Value`, whose key lists must stay those of the file's
//! structs. These hold it to the JSON Schema derived from the same structs
//! (which keys exist, which are required, that every key is read), and show
//! it never panics on broken text. Native only (the schema is native only).
#![cfg(not(target_arch = "wasm32"))]

use cycle::file::{read_file, CycleFile};
use cycle::problem::{Place, Problem};
use serde_json::{json, Map, Value};

const FIXTURE: &str = include_str!("../../tests/fixtures/every-kind.json");

fn validator() -> jsonschema::Validator {
    let schema = serde_json::to_value(schemars::schema_for!(CycleFile)).expect("schema");
    jsonschema::validator_for(&schema).expect("a valid JSON Schema")
}

/// The fixture with every optional key of every object filled in, so that
/// each key of each struct occurs at least once.
fn every_key() -> Value {
    let mut v: Value = serde_json::from_str(FIXTURE).expect("the fixture is JSON");
    v["links"] = json!([{"label": "Policy", "url": "https://example.org/policy"}]);
    v["drafts"] = json!({"url": "/api/drafts"});
    v["embed"] = json!({"allowed_origins": ["https://www.example.org"]});
    v["texts"] = json!({"back_link": "Zurück"});
    v["deadline"]["enforce"] = json!(true);
    let section = &mut v["sections"][0];
    section["intro"] = json!(["Some words."]);
    section["links"] = json!([{"label": "More", "url": "https://example.org/more"}]);
    section["notes"] = json!(["A note."]);
    let field = &mut section["fields"][0];
    field["hint"] = json!("As you like to be called.");
    field["optional"] = json!(true);
    field["confidential"] = json!(true);
    field["required_when"] = json!({"field": "match", "equals": "yes"});
    field["placeholder"] = json!("Pat");
    field["autocomplete"] = json!("given-name");
    field["messages"] = json!({"required": "a", "format": "b", "too_long": "c", "range": "d"});
    field["min"] = json!(1);
    field["max"] = json!("2027-01-01");
    field["options"] = json!([{"value": "a", "label": "A"}]);
    v["submit"] = json!({
        "url": "/api/submissions",
        "method": "PUT",
        "encoding": "form",
        "headers": {"X-Key": "k"},
        "field_names": {"name": "entry.1"},
        "timeout_ms": 20000,
        "retries": 1,
        "accept_redirect": true
    });
    v
}

/// Every object of the file that is one of its structs (not the free-keyed
/// `headers`, `field_names` and `texts`), with its place.
fn objects(v: &Value, place: Place, out: &mut Vec<(Place, Map<String, Value>)>) {
    match v {
        Value::Object(map) => {
            let last = place.steps().last().cloned();
            let free = matches!(&last, Some(cycle::problem::Step::Key(k)) if ["headers", "field_names", "texts"].contains(&k.as_str()));
            if !free {
                out.push((place.clone(), map.clone()));
            }
            for (k, child) in map {
                objects(child, place.key(k), out);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                objects(child, place.index(i), out);
            }
        }
        _ => {}
    }
}

/// `v` with the object at `place` changed by `edit`.
fn edited(v: &Value, place: &Place, edit: impl FnOnce(&mut Map<String, Value>)) -> Value {
    let mut v = v.clone();
    let mut here = &mut v;
    for step in place.steps() {
        here = match step {
            cycle::problem::Step::Key(k) => &mut here[k.as_str()],
            cycle::problem::Step::Index(i) => &mut here[*i],
        };
    }
    edit(here.as_object_mut().expect("an object"));
    v
}

fn read(v: &Value) -> Vec<Problem> {
    let text = serde_json::to_string_pretty(v).expect("JSON");
    read_file(&text).err().unwrap_or_default()
}

fn said(problems: &[Problem], place: &Place, message: &str) -> bool {
    problems
        .iter()
        .any(|p| &p.place == place && p.message.starts_with(message))
}

#[test]
fn the_fixture_with_every_key_reads_and_validates() {
    let v = every_key();
    assert!(read(&v).is_empty(), "{:#?}", read(&v));
    let schema = validator();
    assert!(schema.is_valid(&v), "{v:#}");
}

/// For every key of every object: the reader says "missing key" exactly when
/// the schema requires it.
#[test]
fn the_reader_and_the_schema_agree_on_which_keys_are_required() {
    let v = every_key();
    let schema = validator();
    let mut all = Vec::new();
    objects(&v, Place::root(), &mut all);
    assert!(all.len() > 15, "{} objects", all.len());
    for (place, map) in &all {
        for key in map.keys() {
            let without = edited(&v, place, |m| {
                m.remove(key);
            });
            let reader_requires = said(&read(&without), place, &format!("missing key `{key}`"));
            let schema_requires = !schema.is_valid(&without);
            assert_eq!(
                reader_requires, schema_requires,
                "`{key}` at `{place}`: the reader requires it: {reader_requires}, the schema: {schema_requires}"
            );
        }
    }
}

/// A key the struct does not have is refused at every object, naming every
/// key it does have.
#[test]
fn the_reader_and_the_schema_agree_on_which_keys_exist() {
    let v = every_key();
    let schema_json = serde_json::to_value(schemars::schema_for!(CycleFile)).expect("schema");
    let schema = validator();
    let mut all = Vec::new();
    objects(&v, Place::root(), &mut all);
    for (place, map) in &all {
        let with = edited(&v, place, |m| {
            m.insert("zz_unknown".to_string(), json!(1));
        });
        assert!(
            !schema.is_valid(&with),
            "the schema takes zz_unknown at `{place}`"
        );
        let problems = read(&with);
        let at = place.key("zz_unknown");
        let Some(problem) = problems.iter().find(|p| p.place == at) else {
            panic!("zz_unknown at `{place}` not refused: {problems:#?}");
        };
        // The keys named are the struct's own: those of the schema's
        // definition that has exactly this object's keys among its properties.
        let named: Vec<&str> = problem.message.split('`').skip(3).step_by(2).collect();
        let definition = schema_json["$defs"]
            .as_object()
            .into_iter()
            .flatten()
            .map(|(_, d)| d)
            .chain([&schema_json])
            .find(|d| {
                d["properties"].as_object().is_some_and(|props| {
                    props.len() == named.len() && named.iter().all(|k| props.contains_key(*k))
                })
            });
        assert!(
            definition.is_some_and(|d| map.keys().all(|k| d["properties"].get(k).is_some())),
            "`{place}`: the reader names {named:?}, which is no struct's key list in the schema"
        );
    }
}

/// Every key is read: a value of the wrong type under any key is reported
/// at (or inside) that key's place, never ignored.
#[test]
fn every_key_of_every_object_is_read() {
    let v = every_key();
    let mut all = Vec::new();
    objects(&v, Place::root(), &mut all);
    for (place, map) in &all {
        for key in map.keys() {
            let bad = edited(&v, place, |m| {
                m.insert(key.clone(), json!({"zz": [1]}));
            });
            let at = place.key(key);
            let problems = read(&bad);
            assert!(
                problems.iter().any(|p| p.place.starts_with(&at)),
                "`{at}` = {{\"zz\": [1]}} went unnoticed: {problems:#?}"
            );
            for p in &problems {
                assert!(p.line.is_some() && p.column.is_some(), "{p:?}");
            }
        }
    }
}

/// Each value of the file replaced by each other kind of JSON value: never a
/// panic, and whatever is reported has a place, a line and a column.
#[test]
fn any_value_of_the_wrong_type_is_reported_never_a_panic() {
    let v = every_key();
    let mut places = Vec::new();
    fn walk(v: &Value, place: Place, out: &mut Vec<Place>) {
        out.push(place.clone());
        match v {
            Value::Object(map) => map.iter().for_each(|(k, c)| walk(c, place.key(k), out)),
            Value::Array(items) => items
                .iter()
                .enumerate()
                .for_each(|(i, c)| walk(c, place.index(i), out)),
            _ => {}
        }
    }
    walk(&v, Place::root(), &mut places);
    let others = [
        json!(null),
        json!(true),
        json!(-1),
        json!(1.5),
        json!(99_999_999_999_u64),
        json!("x"),
        json!([]),
        json!({}),
    ];
    for place in places.iter().filter(|p| !p.is_root()) {
        let (parent_steps, last) = place.steps().split_at(place.steps().len() - 1);
        let mut parent = Place::root();
        for step in parent_steps {
            parent = match step {
                cycle::problem::Step::Key(k) => parent.key(k),
                cycle::problem::Step::Index(i) => parent.index(*i),
            };
        }
        for other in &others {
            let mut changed = v.clone();
            let mut here = &mut changed;
            for step in parent.steps() {
                here = match step {
                    cycle::problem::Step::Key(k) => &mut here[k.as_str()],
                    cycle::problem::Step::Index(i) => &mut here[*i],
                };
            }
            match &last[0] {
                cycle::problem::Step::Key(k) => here[k.as_str()] = other.clone(),
                cycle::problem::Step::Index(i) => here[*i] = other.clone(),
            }
            let text = serde_json::to_string_pretty(&changed).expect("JSON");
            if let Err(problems) = cycle::parse(&text) {
                assert!(!problems.is_empty());
                for p in &problems {
                    assert!(
                        p.line.is_some() && p.column.is_some(),
                        "{place} = {other}: {p:?}"
                    );
                }
            }
        }
    }
}

/// Every prefix of a valid file (a file cut short while saving or pasting)
/// is reported, never a panic; the last line holds the problem.
#[test]
fn every_prefix_of_a_valid_file_is_reported_never_a_panic() {
    let whole = FIXTURE.trim_end();
    for end in (0..whole.len()).filter(|&i| whole.is_char_boundary(i)) {
        let text = &whole[..end];
        let problems = cycle::parse(text).expect_err("a cut file is refused");
        assert_eq!(problems.len(), 1, "{end}: {problems:#?}");
        let p = &problems[0];
        let last_line = text.matches('\n').count() + 1;
        assert!(p.line.is_none_or(|l| l <= last_line), "{end}: {p:?}");
    }
}

/// A few hundred random byte changes (a tiny xorshift, so a failure can be
/// replayed from its seed): never a panic.
#[test]
fn random_byte_changes_never_panic() {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    const BYTES: &[u8] = b"{}[]\":,\\ 0-9.eEtfnul\n\x7f";
    let original = FIXTURE.as_bytes();
    let mut refused = 0;
    for round in 0..400 {
        let mut bytes = original.to_vec();
        for _ in 0..=(next() % 3) {
            let at = (next() as usize) % bytes.len();
            bytes[at] = BYTES[(next() as usize) % BYTES.len()];
        }
        let Ok(text) = String::from_utf8(bytes) else {
            continue;
        };
        match cycle::parse(&text) {
            Ok(_) => {}
            Err(problems) => {
                refused += 1;
                assert!(!problems.is_empty(), "round {round}");
                for p in &problems {
                    let _ = p.to_string();
                }
            }
        }
    }
    assert!(refused > 300, "only {refused} of 400 changed files refused");
}
