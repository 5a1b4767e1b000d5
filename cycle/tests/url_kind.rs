//! The `url` kind, added as the proof of what a new kind takes: read with
//! `www.…` taken as `https://…`, checked, sent as text, shown as written,
//! and its settings checked like every text kind's.

use cycle::answers::{Answer, Reading, Value};
use cycle::{Cycle, FieldKind};
use serde_json::{json, Value as Json};

const FIXTURE: &str = include_str!("../../tests/fixtures/every-kind.json");

/// The fixture with one more question, `site`, of kind `url`, and `change` applied to it.
fn with_site(change: impl FnOnce(&mut Json)) -> Result<Cycle, Vec<cycle::Problem>> {
    let mut v: Json = serde_json::from_str(FIXTURE).unwrap();
    let mut site =
        json!({"id": "site", "kind": "url", "label": "Your library's website", "optional": true});
    change(&mut site);
    v["sections"][0]["fields"]
        .as_array_mut()
        .unwrap()
        .push(site);
    cycle::parse(&v.to_string())
}

fn read(c: &Cycle, typed: &str) -> Reading {
    c.field_named("site")
        .unwrap()
        .read(c, &Value::Text(typed.into()))
}

#[test]
fn addresses_are_read_with_their_scheme_and_checked() {
    let c = with_site(|_| {}).unwrap();
    let fine = |typed: &str, want: &str| {
        assert_eq!(
            read(&c, typed),
            Reading::Answered {
                answer: Answer::Text(want.into()),
                problem: None
            },
            "{typed}"
        );
    };
    fine("www.example.org", "https://www.example.org");
    fine(
        "  https://Example.org/path?q=1#top ",
        "https://Example.org/path?q=1#top",
    );
    fine("HTTP://library.example.org", "HTTP://library.example.org");
    fine(
        "https://bibliothèque.example/",
        "https://bibliothèque.example/",
    );
    fine("http://localhost:8080/x", "http://localhost:8080/x");
    for bad in [
        "example",
        "https://ex ample.org",
        "ftp://x.org",
        "https://user@evil.example",
        "https://-x.org",
        "https://x.org:port",
    ] {
        let Reading::Answered {
            problem: Some(message),
            ..
        } = read(&c, bad)
        else {
            panic!("{bad} was taken");
        };
        assert_eq!(
            message,
            "Enter a web address in the correct format, like https://www.example.org"
        );
    }
    assert_eq!(read(&c, "   "), Reading::Unanswered);
}

#[test]
fn the_kind_has_a_name_a_description_and_text_settings_only() {
    assert_eq!(FieldKind::named("url"), Some(FieldKind::Url));
    assert!(FieldKind::ALL.contains(&FieldKind::Url));
    assert!(!FieldKind::Url.description().is_empty());
    assert!(with_site(|s| s["max_length"] = json!(200)).is_ok());
    let problems = with_site(|s| s["options"] = json!([{"value": "a", "label": "A"}])).unwrap_err();
    assert!(
        problems
            .iter()
            .any(|p| p.message
                == "options only applies to select, radio and checkboxes fields, not url"),
        "{problems:#?}"
    );
}

#[test]
fn answers_travel_and_read_back_as_text() {
    let c = with_site(|_| {}).unwrap();
    let field = c.field_named("site").unwrap();
    let answer = read(&c, "www.example.org").answer().unwrap();
    assert_eq!(answer.to_json(), json!("https://www.example.org"));
    assert_eq!(field.display(&c, &answer), "https://www.example.org");
    let back = field
        .kind
        .value_from_payload(&json!("https://www.example.org"))
        .unwrap();
    assert_eq!(field.read(&c, &back).answer(), Some(answer));
    let written = cycle::write::to_canonical_json(&c);
    assert!(written.contains("\"kind\": \"url\""));
    assert_eq!(cycle::parse(&written).unwrap(), c);
}
