//! The field kinds on a small fixture cycle (`tests/fixtures/every-kind.json`):
//! reading and rules, review display, both payload encodings and the cycle
//! check, kind by kind. Nothing here reads the shipped cycles.

use mentor_form::config::model::Encoding;
use mentor_form::config::{parse_cycle, ConfigError, Cycle};
use mentor_form::form::kinds::Answer;
use mentor_form::form::rules::{answer, answer_text, check_field, ProblemKind};
use mentor_form::form::value::{Answers, Value};
use mentor_form::submit::encode::{encode_form, encode_json, Meta};
use serde_json::{json, Value as Json};

const FIXTURE: &str = include_str!("fixtures/every-kind.json");

fn cycle() -> Cycle {
    parse_cycle(FIXTURE).unwrap_or_else(|e| panic!("the fixture is rejected: {e:#?}"))
}

fn with(pairs: &[(&str, Value)]) -> Answers {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect()
}

fn list(values: &[&str]) -> Value {
    Value::List(values.iter().map(|v| v.to_string()).collect())
}

/// A problem as (kind, message), or none.
type Outcome = Option<(ProblemKind, String)>;

/// The problem shown for `id` with these answers.
fn problem(c: &Cycle, id: &str, answers: &Answers) -> Outcome {
    check_field(c, c.field(id).expect("a fixture field"), answers).map(|p| (p.kind, p.message))
}

const METADATA: [&str; 6] = [
    "schema_version",
    "cycle_id",
    "submitted_at",
    "reference",
    "version",
    "version_secret",
];

fn meta() -> Meta {
    Meta {
        reference: "0b6c3f4e-8a55-4c1e-9f3e-2d7a9c1b5e20".into(),
        version: 1,
        submitted_at: "2027-01-10T18:04:05.000Z".into(),
        version_secret: "q3Vx-9_ZrT0bY1mKp2wLgA".into(),
        honeypot: None,
    }
}

fn json_answers(c: &Cycle, a: &Answers) -> Json {
    let body: Json = serde_json::from_str(&encode_json(c, a, &meta())).expect("JSON");
    body["answers"].clone()
}

/// The answer pairs of a form-encoded body (the metadata pairs left out).
fn form_pairs(c: &Cycle, a: &Answers) -> Vec<(String, String)> {
    let mut c = c.clone();
    c.submit.encoding = Encoding::Form;
    encode_form(&c, a, &meta())
        .split('&')
        .map(|pair| {
            let (k, v) = pair.split_once('=').expect("name=value");
            (k.to_string(), v.to_string())
        })
        .filter(|(k, _)| !METADATA.contains(&k.as_str()))
        .collect()
}

/// The fixture with one change to its JSON, checked.
fn errors_after(change: impl FnOnce(&mut Json)) -> Vec<ConfigError> {
    let mut v: Json = serde_json::from_str(FIXTURE).expect("JSON");
    change(&mut v);
    match parse_cycle(&v.to_string()) {
        Ok(_) => Vec::new(),
        Err(errors) => errors,
    }
}

fn has_error(errors: &[ConfigError], path: &str, message: &str) -> bool {
    errors
        .iter()
        .any(|e| e.path == path && e.message == message)
}

// ---------------------------------------------------------------- checkboxes

const WAYS: &str = "sections[2].fields[0]";

#[test]
fn checkboxes_count_their_choices_against_min_and_max() {
    let c = cycle();
    let q = "“How would you like to meet?”";
    let too_few = format!("Select at least 2 answers to {q}");
    let too_many = format!("Select no more than 3 answers to {q}");
    let cases: Vec<(Option<Value>, Outcome)> = vec![
        (None, Some((ProblemKind::Missing, too_few.clone()))),
        (
            Some(list(&[])),
            Some((ProblemKind::Missing, too_few.clone())),
        ),
        // Values that are not offered do not count.
        (
            Some(list(&["fax"])),
            Some((ProblemKind::Missing, too_few.clone())),
        ),
        (
            Some(list(&["email"])),
            Some((ProblemKind::Format, too_few.clone())),
        ),
        (
            Some(list(&["email", "email"])),
            Some((ProblemKind::Format, too_few)),
        ),
        (Some(list(&["email", "phone"])), None),
        (Some(list(&["in_person", "email", "phone"])), None),
        (
            Some(list(&["email", "phone", "video_call", "in_person"])),
            Some((ProblemKind::Format, too_many)),
        ),
        // Another kind's value is no answer.
        (
            Some(Value::Text("email".into())),
            Some((
                ProblemKind::Missing,
                format!("Select at least 2 answers to {q}"),
            )),
        ),
    ];
    for (value, want) in cases {
        let a = match &value {
            Some(v) => with(&[("ways", v.clone())]),
            None => Answers::new(),
        };
        assert_eq!(problem(&c, "ways", &a), want, "ways = {value:?}");
    }
}

#[test]
fn checkbox_answers_keep_the_offered_order_on_the_review_page_and_in_payloads() {
    let c = cycle();
    let a = with(&[("ways", list(&["in_person", "fax", "email", "in_person"]))]);
    assert_eq!(
        answer(&c, c.field("ways").unwrap(), &a),
        Some(Answer::Choices(vec!["email".into(), "in_person".into()]))
    );
    assert_eq!(
        answer_text(&c, c.field("ways").unwrap(), &a).as_deref(),
        Some("Email\nIn person")
    );
    assert_eq!(json_answers(&c, &a)["ways"], json!(["email", "in_person"]));
    let pairs = form_pairs(&c, &a);
    let ways: Vec<&str> = pairs
        .iter()
        .filter(|(k, _)| k == "ways")
        .map(|(_, v)| v.as_str())
        .collect();
    assert_eq!(ways, ["email", "in_person"], "repeated keys: {pairs:?}");
    // Nothing chosen: nothing sent, in either encoding.
    let none = with(&[("ways", list(&[]))]);
    assert!(json_answers(&c, &none).get("ways").is_none());
    assert!(!form_pairs(&c, &none).iter().any(|(k, _)| k == "ways"));
}

#[test]
fn a_chosen_checkbox_can_switch_a_requirement() {
    let c = cycle();
    let other = |a: &Answers| problem(&c, "ways_other", a).map(|(k, _)| k);
    assert_eq!(
        other(&with(&[("ways", list(&["email", "video_call"]))])),
        None
    );
    assert_eq!(
        other(&with(&[("ways", list(&["email", "phone"]))])),
        Some(ProblemKind::Missing)
    );
}

#[test]
fn lists_in_drafts_read_back_and_older_drafts_still_read() {
    let a: Answers = serde_json::from_str(
        r#"{"ways":["email","phone"],"name":"Ann","years":"7","skill_a":3,"confirm":true}"#,
    )
    .expect("a draft");
    assert_eq!(a["ways"], list(&["email", "phone"]));
    assert_eq!(a["name"], Value::Text("Ann".into()));
    assert_eq!(a["skill_a"], Value::Number(3));
    assert_eq!(a["confirm"], Value::Bool(true));
    assert_eq!(
        serde_json::to_string(&a["ways"]).unwrap(),
        r#"["email","phone"]"#
    );
}

#[test]
fn the_cycle_check_knows_the_checkbox_keys() {
    let e = errors_after(|v| v["sections"][2]["fields"][0]["options"] = json!([]));
    assert!(
        has_error(
            &e,
            &format!("{WAYS}.options"),
            "a checkboxes field needs at least one choice"
        ),
        "{e:#?}"
    );
    let e = errors_after(|v| v["sections"][2]["fields"][0]["min"] = json!(5));
    assert!(
        has_error(
            &e,
            &format!("{WAYS}.min"),
            "min is a number of choices from 0 to 4, not 5"
        ),
        "{e:#?}"
    );
    let e = errors_after(|v| v["sections"][2]["fields"][0]["max"] = json!(0));
    assert!(
        has_error(
            &e,
            &format!("{WAYS}.max"),
            "max is a number of choices from 1 to 4, not 0"
        ),
        "{e:#?}"
    );
    let e = errors_after(|v| v["sections"][2]["fields"][0]["max_length"] = json!(3));
    assert!(
        e.iter().any(|e| e.path == format!("{WAYS}.max_length")
            && e.message.ends_with("fields, not checkboxes")),
        "{e:#?}"
    );
    // min and max name every kind that takes them.
    let e = errors_after(|v| v["sections"][0]["fields"][0]["min"] = json!(1));
    assert!(
        e.iter().any(|e| e.path == "sections[0].fields[0].min"
            && e.message.starts_with("min and max only apply to integer")
            && e.message.contains("checkboxes")),
        "{e:#?}"
    );
    // A condition on a checkbox group names one of its choices.
    let e =
        errors_after(|v| v["sections"][2]["fields"][1]["required_when"]["equals"] = json!("fax"));
    assert!(
        has_error(
            &e,
            "sections[2].fields[1].required_when.equals",
            "“fax” is not one of the choices of “ways”"
        ),
        "{e:#?}"
    );
}

// ---------------------------------------------------------------- choice values

#[test]
fn choice_values_are_safe_slugs() {
    for bad in ["video call", "a/b", "-email", "<b>", "é"] {
        let e = errors_after(|v| v["sections"][2]["fields"][0]["options"][0]["value"] = json!(bad));
        assert!(
            e.iter()
                .any(|e| e.path == format!("{WAYS}.options[0].value")
                    && e.message.starts_with(&format!(
                        "“{bad}” is not a choice value: use letters, digits, - or _"
                    ))),
            "{bad}: {e:#?}"
        );
    }
    let e = errors_after(|v| v["sections"][0]["fields"][0]["id"] = json!("_name"));
    assert!(
        e.iter().any(|e| e.path == "sections[0].fields[0].id"
            && e.message.contains("starting with a letter or digit")),
        "{e:#?}"
    );
}

#[test]
fn two_elements_cannot_get_the_same_page_id() {
    // `f-match-yes` is the radio choice `yes` of `match`, and a field `match-yes`.
    let e = errors_after(|v| {
        v["sections"][1]["fields"][1]["id"] = json!("match-yes");
    });
    assert!(
        has_error(
            &e,
            "sections[1].fields[1].id",
            "the page id “f-match-yes” would be used by both “match” and “match-yes”: rename a field or a choice"
        ),
        "{e:#?}"
    );
    // A choice called `hint` would take the hint's id.
    let e = errors_after(|v| v["sections"][0]["fields"][5]["options"][0]["value"] = json!("hint"));
    assert!(
        has_error(
            &e,
            "sections[0].fields[5].id",
            "the page id “f-match-hint” is used twice within “match”: a choice value cannot be hint, error or conf"
        ),
        "{e:#?}"
    );
}

// ---------------------------------------------------------------- date

const START: &str = "sections[2].fields[2]";

fn text(s: &str) -> Value {
    Value::Text(s.into())
}

#[test]
fn dates_must_be_real_and_within_the_cycles_range() {
    let c = cycle();
    let not_real = "The date must be a real date".to_string();
    let between = "The date must be between 1 January 2027 and 31 December 2027".to_string();
    let cases: Vec<(Option<Value>, Outcome)> = vec![
        (
            None,
            Some((
                ProblemKind::Missing,
                "Enter a date for “When can you start?”".into(),
            )),
        ),
        (
            Some(text("  ")),
            Some((
                ProblemKind::Missing,
                "Enter a date for “When can you start?”".into(),
            )),
        ),
        (Some(text("2027-03-01")), None),
        (Some(text(" 2027-01-01 ")), None),
        (Some(text("2027-12-31")), None),
        (
            Some(text("2026-12-31")),
            Some((ProblemKind::Format, between.clone())),
        ),
        (
            Some(text("2028-01-01")),
            Some((ProblemKind::Format, between)),
        ),
        (
            Some(text("2027-02-29")),
            Some((ProblemKind::Format, not_real.clone())),
        ),
        (
            Some(text("2027-13-01")),
            Some((ProblemKind::Format, not_real.clone())),
        ),
        (
            Some(text("2027-04-31")),
            Some((ProblemKind::Format, not_real.clone())),
        ),
        (
            Some(text("1 March 2027")),
            Some((ProblemKind::Format, not_real.clone())),
        ),
        (
            Some(text("2027-3-1")),
            Some((ProblemKind::Format, not_real.clone())),
        ),
        // What the control stores for a date typed only in part.
        (
            Some(text("part of a date")),
            Some((ProblemKind::Format, not_real)),
        ),
        (
            Some(Value::Number(20270301)),
            Some((
                ProblemKind::Missing,
                "Enter a date for “When can you start?”".into(),
            )),
        ),
    ];
    for (value, want) in cases {
        let a = match &value {
            Some(v) => with(&[("start", v.clone())]),
            None => Answers::new(),
        };
        assert_eq!(problem(&c, "start", &a), want, "start = {value:?}");
    }
    // Leap years.
    assert_eq!(
        problem(&c, "birthday", &with(&[("birthday", text("2008-02-29"))])),
        None
    );
    assert_eq!(
        problem(&c, "birthday", &with(&[("birthday", text("1900-02-29"))])).map(|p| p.1),
        Some("Date of birth must be a real date".into())
    );
    // The cycle's own range message; a label that is not a question is the subject.
    assert_eq!(
        problem(&c, "birthday", &with(&[("birthday", text("2010-05-05"))])).map(|p| p.1),
        Some("You must be 18 or older on 1 January 2027".into())
    );
    let mut c2 = c.clone();
    c2.sections[2].fields[3].messages = Default::default();
    assert_eq!(
        problem(&c2, "birthday", &with(&[("birthday", text("2010-05-05"))])).map(|p| p.1),
        Some("Date of birth must be the same as or before 1 January 2009".into())
    );
}

#[test]
fn dates_read_as_gov_uk_dates_and_travel_as_iso_dates() {
    let c = cycle();
    let a = with(&[("start", text(" 2027-03-01 "))]);
    let start = c.field("start").unwrap();
    assert_eq!(
        answer(&c, start, &a),
        Some(Answer::Date("2027-03-01".into()))
    );
    assert_eq!(answer_text(&c, start, &a).as_deref(), Some("1 March 2027"));
    assert_eq!(json_answers(&c, &a)["start"], json!("2027-03-01"));
    assert!(form_pairs(&c, &a).contains(&("start".into(), "2027-03-01".into())));
    let blank = with(&[("start", text(""))]);
    assert_eq!(answer_text(&c, start, &blank), None);
    assert!(json_answers(&c, &blank).get("start").is_none());
}

#[test]
fn the_cycle_check_knows_the_date_keys() {
    let e = errors_after(|v| v["sections"][2]["fields"][2]["min"] = json!("2027-02-30"));
    assert!(
        has_error(
            &e,
            &format!("{START}.min"),
            "min is a date like 2027-01-01 for date fields, not “2027-02-30”"
        ),
        "{e:#?}"
    );
    let e = errors_after(|v| v["sections"][2]["fields"][2]["max"] = json!(2027));
    assert!(
        has_error(
            &e,
            &format!("{START}.max"),
            "max is a date like 2027-01-01 for date fields, not “2027”"
        ),
        "{e:#?}"
    );
    let e = errors_after(|v| {
        v["sections"][2]["fields"][2]["min"] = json!("2028-01-01");
    });
    assert!(
        has_error(
            &e,
            &format!("{START}.max"),
            "max (2027-12-31) is smaller than min (2028-01-01)"
        ),
        "{e:#?}"
    );
    // A date where a number belongs.
    let e = errors_after(|v| v["sections"][0]["fields"][3]["max"] = json!("2027-01-01"));
    assert!(
        has_error(
            &e,
            "sections[0].fields[3].max",
            "max is a whole number for integer fields, not “2027-01-01”"
        ),
        "{e:#?}"
    );
    let e = errors_after(|v| {
        v["sections"][2]["fields"][2]["options"] = json!([{"value": "a", "label": "A"}])
    });
    assert!(
        e.iter()
            .any(|e| e.path == format!("{START}.options") && e.message.ends_with("not date")),
        "{e:#?}"
    );
    // The parse error for a min that is neither names both.
    let e = errors_after(|v| v["sections"][2]["fields"][2]["min"] = json!(true));
    assert!(
        e.iter().any(|e| e.path == format!("{START}.min")
            && e.message
                == "wrong type: boolean `true`, expected a whole number or a date like 2027-01-01"),
        "{e:#?}"
    );
}

// ---------------------------------------------------------------- drafts

#[test]
fn drafts_keep_checkbox_lists_and_dates_and_set_aside_what_no_longer_fits() {
    use mentor_form::form::draft::{draft_to_store, read_draft, KeptAside, Loaded};
    let c = cycle();
    let a = with(&[
        ("ways", list(&["email", "phone"])),
        ("start", text("2027-03-01")),
        ("birthday", text("part of a date")),
        ("name", text("Ann")),
    ]);
    let stored = serde_json::to_string(&draft_to_store(1, 0.0, &a, &KeptAside::new(), None))
        .expect("a record serialises");
    let Loaded::Draft(d) = read_draft(&c, Some(&stored), None) else {
        panic!("not a draft: {stored}");
    };
    assert_eq!(d.answers, a, "{stored}");
    assert!(d.kept_aside.is_empty());
    // A list whose choices are gone, or a list for a text question, is kept aside.
    let mut stale = a.clone();
    stale.insert("ways".into(), list(&["fax"]));
    stale.insert("name".into(), list(&["Ann"]));
    let stored = serde_json::to_string(&draft_to_store(2, 0.0, &stale, &KeptAside::new(), None))
        .expect("a record serialises");
    let Loaded::Draft(d) = read_draft(&c, Some(&stored), None) else {
        panic!("not a draft: {stored}");
    };
    assert_eq!(d.kept_aside.get("ways"), Some(&json!(["fax"])));
    assert_eq!(d.kept_aside.get("name"), Some(&json!(["Ann"])));
    assert_eq!(d.answers.get("start"), Some(&text("2027-03-01")));
}
