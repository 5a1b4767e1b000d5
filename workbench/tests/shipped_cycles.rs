//! The shipped cycles agree with this crate: their state options are USPS
//! codes with the names `census` knows, the default field map names fields
//! and options they have, and the hand-made fixture's answers are valid for
//! them (every required field, allowed values), so the end-to-end test can
//! send them through the real receiver.

use serde_json::Value;
use workbench::census::UsState;
use workbench::people::FieldMap;

fn cycle(name: &str) -> Value {
    let path = format!("{}/../public/cycles/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn fields(cycle: &Value) -> Vec<&Value> {
    cycle["sections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["fields"].as_array().unwrap())
        .collect()
}

fn field<'a>(cycle: &'a Value, id: &str) -> &'a Value {
    fields(cycle).into_iter().find(|f| f["id"] == id).unwrap()
}

fn options(field: &Value) -> Vec<(String, String)> {
    field["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["value"].as_str().unwrap().to_string(),
                o["label"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

const CYCLES: [&str; 2] = ["fall-2020-mentor.json", "fall-2020-mentee.json"];

#[test]
fn state_options_are_usps_codes_of_every_place() {
    let map = FieldMap::shipped();
    for name in CYCLES {
        let c = cycle(name);
        let opts = options(field(&c, &map.state));
        let mut places = Vec::new();
        for (value, label) in &opts {
            if map.outside_us.contains(value) {
                assert!(map.outside_us.contains(label), "{name}: {label}");
                continue;
            }
            let state = UsState::parse(value).unwrap_or_else(|| panic!("{name}: {value}"));
            assert_eq!(state.code(), value, "{name}");
            assert_eq!(state.name(), label, "{name}");
            assert_eq!(UsState::parse(label), Some(state));
            places.push(state);
        }
        assert_eq!(
            places,
            UsState::ALL.to_vec(),
            "{name}: every place, in order"
        );
        assert_eq!(opts.len(), UsState::ALL.len() + 1);
    }
}

#[test]
fn the_default_map_fits_both_shipped_cycles() {
    let map = FieldMap::shipped();
    for name in CYCLES {
        let c = cycle(name);
        let ids: Vec<&str> = fields(&c)
            .iter()
            .map(|f| f["id"].as_str().unwrap())
            .collect();
        map.check(c["id"].as_str().unwrap(), ids.iter().copied())
            .unwrap();
        for wish in [&map.region_wish, &map.gender_wish, &map.ethnicity_wish] {
            let opts = options(field(&c, &wish.id));
            assert_eq!(opts.len(), 2, "{name} {}", wish.id);
            let (yes, no) = (&opts[0], &opts[1]);
            assert_eq!(wish.yes, vec![yes.0.clone(), yes.1.clone()], "{name}");
            assert_eq!(wish.no, vec![no.0.clone(), no.1.clone()], "{name}");
        }
        for id in &map.ratings {
            assert_eq!(field(&c, id)["kind"], "rating", "{name} {id}");
        }
        let scale = &c["rating_scale"];
        assert_eq!(
            (scale["min"].as_u64(), scale["max"].as_u64()),
            (
                Some(u64::from(map.rating_scale.0)),
                Some(u64::from(map.rating_scale.1))
            )
        );
    }
}

/// Checks one application's answers against a cycle as the form would: every
/// required field (including `required_when`) present, values of the kind's
/// type, options and ranges respected, nothing unknown.
fn validate(cycle: &Value, answers: &serde_json::Map<String, Value>) -> Vec<String> {
    let mut errors = Vec::new();
    let all = fields(cycle);
    for key in answers.keys() {
        if !all.iter().any(|f| f["id"] == key.as_str()) {
            errors.push(format!("{key}: not a field"));
        }
    }
    for f in all {
        let id = f["id"].as_str().unwrap();
        let optional = f["optional"].as_bool().unwrap_or(false);
        let required_when = f["required_when"]
            .as_object()
            .is_some_and(|w| answers.get(w["field"].as_str().unwrap()) == Some(&w["equals"]));
        let Some(value) = answers.get(id) else {
            if !optional || required_when {
                errors.push(format!("{id}: required"));
            }
            continue;
        };
        let max_len = f["max_length"].as_u64().map(|n| n as usize);
        let text_ok =
            |s: &str| !s.trim().is_empty() && max_len.is_none_or(|n| s.chars().count() <= n);
        let ok = match f["kind"].as_str().unwrap() {
            "text" | "textarea" | "phone" => value.as_str().is_some_and(text_ok),
            "email" => value
                .as_str()
                .is_some_and(|s| text_ok(s) && s.contains('@')),
            "checkbox" => value == &Value::Bool(true),
            "integer" => value.as_i64().is_some_and(|n| {
                f["min"].as_i64().is_none_or(|m| n >= m) && f["max"].as_i64().is_none_or(|m| n <= m)
            }),
            "rating" => value.as_u64().is_some_and(|n| {
                (cycle["rating_scale"]["min"].as_u64().unwrap()
                    ..=cycle["rating_scale"]["max"].as_u64().unwrap())
                    .contains(&n)
            }),
            "select" | "radio" => value
                .as_str()
                .is_some_and(|v| options(f).iter().any(|(o, _)| o == v)),
            "checkboxes" => value.as_array().is_some_and(|items| {
                items.len() as u64 >= f["min"].as_u64().unwrap_or(1)
                    && items.iter().all(|i| {
                        i.as_str()
                            .is_some_and(|v| options(f).iter().any(|(o, _)| o == v))
                    })
            }),
            "date" => value.as_str().is_some_and(|d| {
                d.len() == 10
                    && f["min"].as_str().is_none_or(|m| d >= m)
                    && f["max"].as_str().is_none_or(|m| d <= m)
            }),
            other => {
                errors.push(format!("{id}: unknown kind {other}"));
                true
            }
        };
        if !ok {
            errors.push(format!("{id}: {value} is not allowed"));
        }
    }
    errors
}

#[test]
fn the_fixture_answers_are_valid_for_the_shipped_cycles() {
    for (file, name) in [("mentors.jsonl", CYCLES[0]), ("mentees.jsonl", CYCLES[1])] {
        let c = cycle(name);
        let text = std::fs::read_to_string(format!(
            "{}/tests/fixtures/{file}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap();
        let mut count = 0;
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let row: Value = serde_json::from_str(line).unwrap();
            assert_eq!(row["cycle_id"], c["id"]);
            let errors = validate(&c, row["answers"].as_object().unwrap());
            assert!(errors.is_empty(), "{file} {}: {errors:?}", row["reference"]);
            count += 1;
        }
        assert!(count >= 4);
    }
    // The checker itself refuses what the form would.
    let c = cycle(CYCLES[0]);
    let mut bad = serde_json::Map::new();
    bad.insert("state".into(), "Illinois".into());
    bad.insert("region_match".into(), "yes".into());
    bad.insert("comp_admin".into(), 6.into());
    let errors = validate(&c, &bad);
    assert!(errors.contains(&"state: \"Illinois\" is not allowed".to_string()));
    assert!(errors.contains(&"city: required".to_string()));
    assert!(errors.contains(&"comp_admin: 6 is not allowed".to_string()));
    assert!(errors.contains(&"membership_confirmed: required".to_string()));
}
