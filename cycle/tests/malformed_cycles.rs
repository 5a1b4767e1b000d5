//! A staff member editing a cycle file must be told exactly what is wrong and
//! where. Each case takes a mentor-like fixture cycle
//! (`tests/fixtures/engine-cycle.json`, so editing the shipped cycle breaks
//! nothing here), breaks one thing and checks the error's path, line and
//! column (every problem found in a file's text has them) and words.

use cycle::problem::Step;
use cycle::Problem as ConfigError;
use serde_json::{json, Value};

const SHIPPED: &str = include_str!("../../tests/fixtures/engine-cycle.json");

fn shipped() -> Value {
    serde_json::from_str(SHIPPED).expect("the fixture is JSON")
}

fn pretty(v: &Value) -> String {
    serde_json::to_string_pretty(v).unwrap()
}

/// Parses `text`, expecting exactly one error.
fn one_error(text: &str) -> ConfigError {
    match cycle::parse(text) {
        Ok(_) => panic!("the broken cycle was accepted"),
        Err(errs) if errs.len() == 1 => errs.into_iter().next().unwrap(),
        Err(errs) => panic!("expected one error, got {}: {errs:#?}", errs.len()),
    }
}

/// Breaks the shipped cycle with `edit` and expects one semantic error (the
/// file is well-formed JSON of the right types), located at its place.
fn semantic(edit: impl FnOnce(&mut Value), path: &str, words: &[&str]) -> ConfigError {
    let mut v = shipped();
    edit(&mut v);
    let text = pretty(&v);
    let e = one_error(&text);
    assert_eq!(e.place.to_string(), path, "{e:?}");
    points_at_its_place(&text, &e);
    has_words(&e, words);
    e
}

/// The text from `e`'s line and column to the end of that line.
fn text_at<'t>(text: &'t str, e: &ConfigError) -> &'t str {
    let (Some(line), Some(column)) = (e.line, e.column) else {
        panic!("no line and column: {e:?}");
    };
    let line_text = text.lines().nth(line - 1).expect("the line is in the text");
    &line_text[column - 1..]
}

/// `e`'s line and column are where its place is written: its key (`"max":`),
/// or for a list item or the whole file, the value. A place the text does
/// not have (an answer's id that `field_names` does not map) is shown at the
/// nearest one around it.
fn points_at_its_place(text: &str, e: &ConfigError) {
    let here = text_at(text, e);
    let steps = e.place.steps();
    let found = (0..=steps.len()).rev().any(|n| match steps[..n].last() {
        Some(Step::Key(key)) => here.starts_with(&format!("\"{key}\":")),
        // Only the place itself may be shown at a bare value.
        Some(Step::Index(_)) | None => {
            n == steps.len()
                && (here.starts_with(['{', '[', '"', '-', 't', 'f', 'n'])
                    || here.starts_with(|c: char| c.is_ascii_digit()))
        }
    });
    assert!(found, "{e:?} points at “{here}”");
}

fn has_words(e: &ConfigError, words: &[&str]) {
    for w in words {
        assert!(e.message.contains(w), "message lacks “{w}”: {e:?}");
    }
    // The Display form leads with the place, so it is never a bare message.
    assert!(e.to_string().starts_with(&e.where_()), "{e}");
}

/// 1-based (line, column) of the byte just after the first `needle` in `text`.
fn end_of(text: &str, needle: &str) -> (usize, usize) {
    let at = text.find(needle).expect("needle in text") + needle.len();
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before.len() - before.rfind('\n').map_or(0, |i| i + 1);
    (line, column)
}

fn some_pair((line, column): (usize, usize)) -> (Option<usize>, Option<usize>) {
    (Some(line), Some(column))
}

/// 1-based (line, column) of the first byte of `needle` in `text`.
fn start_of(text: &str, needle: &str) -> (usize, usize) {
    let (line, column) = end_of(text, needle);
    (line, column - needle.len() + 1)
}

#[test]
fn the_fixture_has_no_problems() {
    if let Err(errs) = cycle::parse(SHIPPED) {
        panic!("{errs:#?}");
    }
}

#[test]
fn syntax_error_missing_comma_gives_line_and_column() {
    let text = SHIPPED.replacen(
        "\"id\": \"fixture-engine\",",
        "\"id\": \"fixture-engine\"",
        1,
    );
    let e = one_error(&text);
    // The place names the last key read: the comma is missing after it.
    assert_eq!(e.place.to_string(), "id");
    // serde_json stops at the key after the missing comma.
    let (line, column) = start_of(&text, "\"program\"");
    assert_eq!((e.line, e.column), (Some(line), Some(column)), "{e:?}");
    has_words(&e, &["JSON syntax error", "expected `,` or `}`"]);
    assert!(
        e.to_string().starts_with(&format!(
            "id, line {line}, column {column}: JSON syntax error"
        )),
        "{e}"
    );
}

#[test]
fn truncated_file_says_it_ends_too_early() {
    let cut = SHIPPED.find("\"low_label\"").unwrap();
    let text = &SHIPPED[..cut];
    let e = one_error(text);
    assert_eq!(e.place.to_string(), "rating_scale", "{e:?}");
    let last_line = text.matches('\n').count() + 1;
    assert_eq!(e.line, Some(last_line), "{e:?}");
    assert!(e.column.is_some());
    has_words(&e, &["ends too early", "bracket or quote may be missing"]);
}

#[test]
fn empty_file_says_it_ends_too_early() {
    let e = one_error("");
    assert_eq!(e.place.to_string(), "");
    has_words(&e, &["ends too early"]);
}

#[test]
fn trailing_garbage_after_the_closing_brace() {
    let text = format!("{}\n}}\n", SHIPPED.trim_end());
    let e = one_error(&text);
    assert_eq!(e.place.to_string(), "");
    let last_line = SHIPPED.trim_end().matches('\n').count() + 2;
    assert_eq!((e.line, e.column), (Some(last_line), Some(1)), "{e:?}");
    has_words(&e, &["JSON syntax error", "trailing characters"]);
}

#[test]
fn unknown_top_level_key_names_the_typo_and_the_right_keys() {
    let text = SHIPPED.replacen("\"title\":", "\"titel\":", 1);
    let errs = cycle::parse(&text).unwrap_err();
    // The typo, and the key it was meant to be, both reported (in the order
    // of the file: the object that lacks `title` begins first).
    let [missing, e] = errs.as_slice() else {
        panic!("expected two errors: {errs:#?}");
    };
    assert_eq!(e.place.to_string(), "titel");
    assert_eq!(
        (e.line, e.column),
        some_pair(start_of(&text, "\"titel\"")),
        "{e:?}"
    );
    has_words(e, &["unknown key `titel`", "`title`"]);
    assert_eq!(missing.place.to_string(), "");
    assert_eq!(
        (missing.line, missing.column),
        (Some(1), Some(1)),
        "{missing:?}"
    );
    has_words(missing, &["missing key `title`"]);
}

#[test]
fn unknown_nested_key_is_reported_at_its_path() {
    let mut v = shipped();
    v["sections"][1]["fields"][0]["lable"] = json!("First name");
    let e = one_error(&pretty(&v));
    assert_eq!(e.place.to_string(), "sections[1].fields[0].lable", "{e:?}");
    has_words(&e, &["unknown key `lable`", "`label`"]);
}

// The `texts` block has a hand-written Deserialize (config::texts); these hold it
// to what the derive said.
#[test]
fn unknown_text_key_names_the_typo_the_place_and_the_right_keys() {
    let mut v = shipped();
    v["texts"] = json!({"continue_button": "Weiter", "continue_buton": "typo"});
    let text = pretty(&v);
    let e = one_error(&text);
    assert_eq!(e.place.to_string(), "texts.continue_buton", "{e:?}");
    points_at_its_place(&text, &e);
    assert_eq!(e.line, Some(end_of(&text, "\"continue_buton\"").0), "{e:?}");
    has_words(
        &e,
        &[
            "unknown key `continue_buton`",
            "`continue_button`",
            "`loading`",
        ],
    );
}

#[test]
fn a_text_given_twice_is_reported() {
    let mut v = shipped();
    v["texts"] = json!({"back_link": "Zurück"});
    let text = pretty(&v).replacen(
        "\"back_link\": \"Zurück\"",
        "\"back_link\": \"Zurück\", \"back_link\": \"Retour\"",
        1,
    );
    let e = one_error(&text);
    assert_eq!(e.place.to_string(), "texts.back_link", "{e:?}");
    // The second one is the duplicate.
    assert_eq!(
        (e.line, e.column),
        some_pair(start_of(&text, "\"back_link\": \"Retour\"")),
        "{e:?}"
    );
    has_words(&e, &["duplicate key `back_link`"]);
}

#[test]
fn a_text_that_is_not_a_string() {
    let mut v = shipped();
    v["texts"] = json!({"send_button": 3});
    let e = one_error(&pretty(&v));
    assert_eq!(e.place.to_string(), "texts.send_button", "{e:?}");
    assert!(e.line.is_some() && e.column.is_some(), "{e:?}");
    has_words(&e, &["wrong type", "integer `3`", "expected a string"]);
}

#[test]
fn texts_as_a_list_asks_for_an_object() {
    let mut v = shipped();
    v["texts"] = json!(["Weiter"]);
    let e = one_error(&pretty(&v));
    assert_eq!(e.place.to_string(), "texts", "{e:?}");
    has_words(&e, &["wrong type", "expected an object { … }"]);
}

// serde's derive would read a struct from a positional list; the cycle
// parser reads objects from the parsed value by hand (`file::read`).
#[test]
fn an_object_given_as_a_list_is_a_wrong_type_not_read_by_position() {
    let mut v = shipped();
    v["contact"] = json!(["Contact:", "Jo", "Librarian", "jo@example.org"]);
    let text = pretty(&v);
    let e = one_error(&text);
    assert_eq!(e.place.to_string(), "contact", "{e:?}");
    assert!(e.line.is_some() && e.column.is_some(), "{e:?}");
    has_words(&e, &["wrong type", "expected an object { … }"]);
}

#[test]
fn a_nested_object_given_as_a_list_is_reported_at_its_path() {
    let mut v = shipped();
    assert!(v["sections"][1]["fields"][0].is_object());
    v["sections"][1]["fields"][0] = json!(["first_name", "First name", "text"]);
    let e = one_error(&pretty(&v));
    assert_eq!(e.place.to_string(), "sections[1].fields[0]", "{e:?}");
    has_words(&e, &["wrong type", "expected an object { … }"]);
}

#[test]
fn missing_required_key() {
    let mut v = shipped();
    v.as_object_mut().unwrap().remove("title");
    let e = one_error(&pretty(&v));
    // The place is the object that lacks the key (here the whole file).
    assert_eq!(e.place.to_string(), "");
    assert!(e.line.is_some());
    has_words(&e, &["missing key `title`"]);
}

#[test]
fn missing_key_in_a_field_names_the_field() {
    let mut v = shipped();
    v["sections"][1]["fields"][2]
        .as_object_mut()
        .unwrap()
        .remove("kind");
    let e = one_error(&pretty(&v));
    assert_eq!(e.place.to_string(), "sections[1].fields[2]");
    has_words(&e, &["missing key `kind`"]);
}

#[test]
fn wrong_type_rating_min_as_string() {
    let mut v = shipped();
    v["rating_scale"]["min"] = json!("1");
    let text = pretty(&v);
    let e = one_error(&text);
    assert_eq!(e.place.to_string(), "rating_scale.min");
    // Where the member begins (its key), as for every problem found in the text.
    assert_eq!(
        (e.line, e.column),
        some_pair(start_of(&text, "\"min\": \"1\"")),
        "{e:?}"
    );
    has_words(&e, &["wrong type", "string \"1\"", "whole number"]);
    assert!(!e.message.contains("u8"), "Rust type names leak: {e:?}");
}

#[test]
fn negative_max_length_is_a_wrong_value() {
    let mut v = shipped();
    v["sections"][1]["fields"][1]["max_length"] = json!(-3);
    let e = one_error(&pretty(&v));
    assert_eq!(e.place.to_string(), "sections[1].fields[1].max_length");
    assert!(e.line.is_some() && e.column.is_some());
    has_words(&e, &["wrong value", "-3", "whole number, 0 or more"]);
    assert!(!e.message.contains("usize"), "{e:?}");
}

#[test]
fn sections_as_an_object_asks_for_a_list() {
    let mut v = shipped();
    v["sections"] = json!({});
    let e = one_error(&pretty(&v));
    assert_eq!(e.place.to_string(), "sections");
    has_words(&e, &["wrong type", "expected a list"]);
}

#[test]
fn unknown_field_kind() {
    let mut v = shipped();
    v["sections"][5]["fields"][0]["kind"] = json!("slider");
    let text = pretty(&v);
    let e = one_error(&text);
    assert_eq!(e.place.to_string(), "sections[5].fields[0].kind");
    assert_eq!(e.line, Some(end_of(&text, "\"slider\"").0), "{e:?}");
    has_words(&e, &["unknown value `slider`", "`rating`", "`select`"]);
}

#[test]
fn duplicate_field_id() {
    semantic(
        |v| v["sections"][1]["fields"][1]["id"] = json!("first_name"),
        "sections[1].fields[1].id",
        &["field id “first_name” is used twice"],
    );
}

#[test]
fn duplicate_field_id_across_sections() {
    semantic(
        |v| v["sections"][3]["fields"][0]["id"] = json!("gender"),
        "sections[3].fields[0].id",
        &["“gender” is used twice"],
    );
}

#[test]
fn duplicate_section_id() {
    semantic(
        |v| v["sections"][3]["id"] = json!("gender"),
        "sections[3].id",
        &["section id “gender” is used twice"],
    );
}

#[test]
fn id_that_is_not_a_slug() {
    semantic(
        |v| v["sections"][1]["id"] = json!("About You"),
        "sections[1].id",
        &["“About You” is not an id", "lower-case"],
    );
}

#[test]
fn required_when_on_a_missing_field() {
    semantic(
        |v| v["sections"][1]["fields"][6]["required_when"]["field"] = json!("region_matches"),
        "sections[1].fields[6].required_when.field",
        &["“region_matches”", "does not exist"],
    );
}

#[test]
fn required_when_equals_a_value_not_among_the_choices() {
    semantic(
        |v| v["sections"][1]["fields"][7]["required_when"]["equals"] = json!("Yes"),
        "sections[1].fields[7].required_when.equals",
        &["“Yes” is not one of the choices of “region_match”"],
    );
}

#[test]
fn required_when_on_a_required_field() {
    semantic(
        |v| v["sections"][1]["fields"][6]["optional"] = json!(false),
        "sections[1].fields[6].required_when",
        &["only makes sense on an optional field"],
    );
}

#[test]
fn date_without_a_time_zone() {
    semantic(
        |v| v["deadline"]["opens_at"] = json!("2020-10-01T00:00:00"),
        "deadline.opens_at",
        &[
            "“2020-10-01T00:00:00”",
            "needs a time zone offset",
            "-06:00",
        ],
    );
}

#[test]
fn date_only_without_time() {
    semantic(
        |v| v["deadline"]["closes_at"] = json!("2020-11-16"),
        "deadline.closes_at",
        &["“2020-11-16” is not a date-time like 2020-11-16T23:59:59-06:00"],
    );
}

#[test]
fn impossible_dates() {
    for bad in ["2020-11-31T23:59:59-06:00", "2021-02-29T12:00:00Z"] {
        semantic(
            |v| v["deadline"]["closes_at"] = json!(bad),
            "deadline.closes_at",
            &[bad, "has no such day"],
        );
    }
    semantic(
        |v| v["deadline"]["closes_at"] = json!("2020-11-16T25:00:00Z"),
        "deadline.closes_at",
        &["has no such time of day"],
    );
}

#[test]
fn closing_before_opening() {
    semantic(
        |v| v["deadline"]["closes_at"] = json!("2020-09-30T23:59:59-05:00"),
        "deadline.closes_at",
        &["closes (2020-09-30T23:59:59-05:00) before it opens (2020-10-01T00:00:00-05:00)"],
    );
}

#[test]
fn empty_competency_list() {
    semantic(
        |v| v["sections"][5]["fields"] = json!([]),
        "sections[5].fields",
        &["“Skills and Core Competencies” has no questions"],
    );
}

#[test]
fn no_sections_at_all() {
    semantic(
        |v| v["sections"] = json!([]),
        "sections",
        &["at least one section"],
    );
}

#[test]
fn select_without_options() {
    semantic(
        |v| v["sections"][1]["fields"][7]["options"] = json!([]),
        "sections[1].fields[7].options",
        &["select field needs at least one choice"],
    );
}

#[test]
fn duplicate_choice() {
    semantic(
        |v| v["sections"][4]["fields"][0]["options"][1]["value"] = json!("yes"),
        "sections[4].fields[0].options[1].value",
        &["“yes” is listed twice"],
    );
}

#[test]
fn options_on_a_text_field() {
    semantic(
        |v| v["sections"][1]["fields"][0]["options"] = json!([{"value": "a", "label": "A"}]),
        "sections[1].fields[0].options",
        &["options only applies to select, radio", "fields, not text"],
    );
}

#[test]
fn max_length_on_a_rating() {
    semantic(
        |v| v["sections"][5]["fields"][2]["max_length"] = json!(3),
        "sections[5].fields[2].max_length",
        &["max_length only applies to text, email, phone, integer, textarea and url fields, not rating"],
    );
}

#[test]
fn field_min_greater_than_max() {
    semantic(
        |v| v["sections"][1]["fields"][8]["min"] = json!(70),
        "sections[1].fields[8].max",
        &["max (60) is smaller than min (70)"],
    );
}

#[test]
fn rating_scale_min_greater_than_max() {
    semantic(
        |v| {
            v["rating_scale"]["min"] = json!(5);
            v["rating_scale"]["max"] = json!(1);
        },
        "rating_scale",
        &["smaller to a larger number", "5 to 1"],
    );
}

#[test]
fn submit_url_must_be_http_or_a_path() {
    for bad in [
        "ftp://forms.example.org/submit",
        "//evil.example/collect",
        "https://",
        "api/submissions",
    ] {
        semantic(
            |v| v["submit"]["url"] = json!(bad),
            "submit.url",
            &[&format!("“{bad}”"), "http(s) URL or a path starting with /"],
        );
    }
}

#[test]
fn field_names_mapping_an_unknown_field() {
    semantic(
        |v| v["submit"]["field_names"] = json!({"emial": "entry.1"}),
        "submit.field_names.emial",
        &["maps a field “emial” that does not exist"],
    );
}

#[test]
fn field_names_sending_two_answers_under_one_name() {
    semantic(
        |v| v["submit"]["field_names"] = json!({"first_name": "entry.1", "last_name": "entry.1"}),
        "submit.field_names.last_name",
        &["“last_name” would be sent as “entry.1”", "already used"],
    );
    // An unmapped id counts as a name too.
    semantic(
        |v| v["submit"]["field_names"] = json!({"first_name": "email"}),
        "submit.field_names.email",
        &["“email” would be sent as “email”"],
    );
}

#[test]
fn form_encoding_cannot_reuse_a_metadata_name() {
    semantic(
        |v| {
            v["submit"]["encoding"] = json!("form");
            v["submit"]["field_names"] = json!({"email": "reference"});
        },
        "submit.field_names.email",
        &["“email” would be sent as “reference”"],
    );
    semantic(
        |v| {
            v["submit"]["encoding"] = json!("form");
            v["submit"]["field_names"] = json!({"email": "version"});
        },
        "submit.field_names.email",
        &["“email” would be sent as “version”"],
    );
    // In JSON the answers are nested, so the same mapping is fine.
    let mut v = shipped();
    v["submit"]["field_names"] = json!({"email": "reference"});
    assert!(cycle::parse(&pretty(&v)).is_ok());
}

#[test]
fn bad_header_name() {
    semantic(
        |v| v["submit"]["headers"] = json!({"X Api Key": "abc"}),
        "submit.headers.X Api Key",
        &["“X Api Key” is not an HTTP header name"],
    );
}

#[test]
fn timeout_out_of_range() {
    for bad in [500, 200_000] {
        semantic(
            |v| v["submit"]["timeout_ms"] = json!(bad),
            "submit.timeout_ms",
            &["milliseconds", "between 1000 and 120000"],
        );
    }
}

#[test]
fn too_many_retries() {
    semantic(
        |v| v["submit"]["retries"] = json!(9),
        "submit.retries",
        &["at most 5 retries"],
    );
}

#[test]
fn bad_contact_email_and_link() {
    semantic(
        |v| v["contact"]["email"] = json!("eserrano at ala.org"),
        "contact.email",
        &["“eserrano at ala.org” is not an email address"],
    );
    semantic(
        |v| v["links"][0]["url"] = json!("www.ala.org/privacypolicy"),
        "links[0].url",
        &["must start with https://, http:// or mailto:"],
    );
}

#[test]
fn bad_embed_origin() {
    semantic(
        |v| v["embed"]["allowed_origins"][0] = json!("https://www.ala.org/mentoring"),
        "embed.allowed_origins[0]",
        &["not an origin like https://www.ala.org"],
    );
}

#[test]
fn schema_version_two() {
    semantic(
        |v| v["schema_version"] = json!(2),
        "schema_version",
        &["schema version 1, not 2"],
    );
}

#[test]
fn schema_version_two_with_keys_this_build_does_not_know() {
    // A newer file fails on its new keys and lacks old ones; the version is
    // what to report, alone.
    semantic(
        |v| {
            v["schema_version"] = json!(2);
            v["pages"] = json!([]);
            v.as_object_mut().unwrap().remove("sections");
            v["rating_scale"] = json!("1-5");
        },
        "schema_version",
        &["schema version 1, not 2"],
    );
}

#[test]
fn several_problems_are_reported_together_in_file_order() {
    let mut v = shipped();
    v["id"] = json!("Fall 2020");
    v["sections"][3]["id"] = json!("gender");
    v["submit"]["timeout_ms"] = json!(5);
    let errs = cycle::parse(&pretty(&v)).unwrap_err();
    let paths: Vec<String> = errs.iter().map(|e| e.place.to_string()).collect();
    assert_eq!(paths, ["id", "sections[3].id", "submit.timeout_ms"]);
}

// Problems of shape are all reported at once (serde's derive stopped at the
// first), in the order of the file, each with its place, line and column.
#[test]
fn a_wrong_type_an_unknown_key_and_a_missing_key_are_reported_together() {
    let mut v = shipped();
    v["contact"].as_object_mut().unwrap().remove("email");
    v["rating_scale"]["min"] = json!("1");
    v["sections"][1]["fields"][0]["lable"] = json!("First name");
    let text = pretty(&v);
    let errs = cycle::parse(&text).unwrap_err();
    let [missing, wrong, unknown] = errs.as_slice() else {
        panic!("expected three errors: {errs:#?}");
    };
    // The object that lacks the key, where it begins.
    assert_eq!(missing.place.to_string(), "contact");
    assert_eq!(
        (missing.line, missing.column),
        some_pair(start_of(&text, "\"contact\":")),
        "{missing:?}"
    );
    has_words(missing, &["missing key `email`"]);
    assert_eq!(wrong.place.to_string(), "rating_scale.min");
    assert_eq!(
        (wrong.line, wrong.column),
        some_pair(start_of(&text, "\"min\": \"1\"")),
        "{wrong:?}"
    );
    has_words(
        wrong,
        &["wrong type: string \"1\", expected a whole number from 0 to 255"],
    );
    assert_eq!(unknown.place.to_string(), "sections[1].fields[0].lable");
    assert_eq!(
        (unknown.line, unknown.column),
        some_pair(start_of(&text, "\"lable\"")),
        "{unknown:?}"
    );
    has_words(
        unknown,
        &["unknown key `lable`, expected one of `id`, `kind`, `label`"],
    );
    assert!(
        errs[0].to_string().starts_with(&format!(
            "contact, line {}, column {}: missing key `email`",
            missing.line.unwrap(),
            missing.column.unwrap()
        )),
        "{}",
        errs[0]
    );
}

// serde_json's `Value` keeps the last of a repeated key silently; the reader
// finds the repeat in the text, in any object.
#[test]
fn a_key_given_twice_is_reported_at_the_second() {
    let text = SHIPPED.replacen(
        "\"program\": ",
        "\"program\": \"Another\",\n  \"program\": ",
        1,
    );
    let e = one_error(&text);
    assert_eq!(e.place.to_string(), "program", "{e:?}");
    let second = text.match_indices("\"program\"").nth(1).unwrap().0;
    let line = text[..second].matches('\n').count() + 1;
    let column = second - text[..second].rfind('\n').map_or(0, |i| i + 1) + 1;
    assert_eq!((e.line, e.column), (Some(line), Some(column)), "{e:?}");
    assert!(line > 1, "{e:?}");
    has_words(&e, &["duplicate key `program`"]);

    // In a list's object too, and in the free-keyed `headers`.
    let mut v = shipped();
    v["submit"]["headers"] = json!({"X-Key": "a"});
    let text = pretty(&v)
        .replacen(
            "\"label\": \"First name\"",
            "\"label\": \"First name\", \"label\": \"Name\"",
            1,
        )
        .replacen("\"X-Key\": \"a\"", "\"X-Key\": \"a\", \"X-Key\": \"b\"", 1);
    let errs = cycle::parse(&text).unwrap_err();
    let places: Vec<String> = errs.iter().map(|e| e.place.to_string()).collect();
    assert_eq!(
        places,
        ["sections[1].fields[0].label", "submit.headers.X-Key"],
        "{errs:#?}"
    );
    assert!(
        errs.iter().all(|e| e.message.starts_with("duplicate key")),
        "{errs:#?}"
    );
}

#[test]
fn null_and_fractions_are_wrong_types_in_plain_words() {
    let mut v = shipped();
    v["title"] = json!(null);
    v["submit"]["retries"] = json!(1.5);
    v["sections"][0]["fields"] = json!(null);
    let errs = cycle::parse(&pretty(&v)).unwrap_err();
    let said: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
    // In the order of the file (`pretty` writes the keys sorted).
    let [fields, retries, title] = errs.as_slice() else {
        panic!("expected three errors: {said:#?}");
    };
    assert_eq!(title.place.to_string(), "title");
    has_words(title, &["wrong type: null, expected a string"]);
    assert_eq!(fields.place.to_string(), "sections[0].fields");
    has_words(fields, &["wrong type: null, expected a list [ … ]"]);
    assert_eq!(retries.place.to_string(), "submit.retries");
    has_words(
        retries,
        &["wrong type: floating point `1.5`, expected a whole number, 0 or more"],
    );
}
