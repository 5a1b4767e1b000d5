//! The draft record shared by tabs, and application versions: reading a saved
//! draft against the cycle (nothing dropped), merging two tabs' answers, and
//! which version a send is. Runs on a small fixture cycle.

use cycle::payload::{encode_form, encode_json, prepare};
use cycle::{Answers, Value};
use cycle::{Cycle, FieldId};
use mentor_form::form::copy::answers_copy;
use mentor_form::form::draft::{
    changes_since, draft_to_store, ended_record, merge, read_draft, Ended, KeptAside, Loaded,
    UNREADABLE_KEY,
};
use mentor_form::form::version::{
    bumped, fingerprint, next_send, secret_from_bytes, uuid_from_bytes, Application, Identity,
};
use serde_json::json;

fn cycle() -> Cycle {
    cycle::parse(include_str!("fixtures/drafts-cycle.json")).expect("fixture cycle parses")
}

fn text(s: &str) -> Value {
    Value::Text(s.into())
}

fn answers(pairs: &[(&str, Value)]) -> Answers {
    pairs.iter().map(|(k, v)| (fid(k), v.clone())).collect()
}

fn loaded(c: &Cycle, stored: &str) -> mentor_form::form::draft::LoadedDraft {
    match read_draft(c, Some(stored), None) {
        Loaded::Draft(d) => d,
        other => panic!("expected a draft, got {other:?}"),
    }
}

#[test]
fn nothing_stored_reads_as_empty() {
    assert_eq!(read_draft(&cycle(), None, None), Loaded::Empty);
}

#[test]
fn a_draft_round_trips_with_its_revision_and_application() {
    let c = cycle();
    let a = answers(&[
        ("name", text("Zoë")),
        ("years", text("12")),
        ("agree", Value::Bool(true)),
        ("skill", Value::Number(4)),
    ]);
    let app = Application {
        reference: "r-1".into(),
        version: 2,
        submitted_at: "2026-12-01T10:00:00.000Z".into(),
        fingerprint: fingerprint(&a),
        version_secret: "s-1".into(),
    };
    let record = draft_to_store(7, 1234.0, &a, &KeptAside::new(), Some(&app));
    let d = loaded(&c, &serde_json::to_string(&record).unwrap());
    assert_eq!(d.revision, 7);
    assert_eq!(d.saved_at, 1234.0);
    assert_eq!(d.answers, a);
    assert_eq!(d.application, Some(app));
    assert!(d.kept_aside.is_empty());
}

#[test]
fn a_draft_of_the_first_format_still_loads() {
    // Drafts written before revisions existed: {saved_at, answers}.
    let d = loaded(
        &cycle(),
        r#"{"saved_at": 99.0, "answers": {"name": "Ada", "skill": 3}}"#,
    );
    assert_eq!(d.revision, 0);
    assert_eq!(
        d.answers,
        answers(&[("name", text("Ada")), ("skill", Value::Number(3))])
    );
}

#[test]
fn answers_that_no_longer_fit_are_kept_aside_not_dropped() {
    // A renamed question, a value of another shape, a choice no longer offered,
    // a rating off the scale.
    let d = loaded(
        &cycle(),
        r#"{"revision": 3, "answers": {
            "name": "Ada",
            "first_name": "Ada (old name of the question)",
            "agree": "yes",
            "colour": "green",
            "skill": 9,
            "years": {"odd": true}
        }}"#,
    );
    assert_eq!(d.answers, answers(&[("name", text("Ada"))]));
    assert_eq!(d.kept_aside.len(), 5);
    assert_eq!(
        d.kept_aside["first_name"],
        json!("Ada (old name of the question)")
    );
    assert_eq!(d.kept_aside["agree"], json!("yes"));
    assert_eq!(d.kept_aside["colour"], json!("green"));
    assert_eq!(d.kept_aside["skill"], json!(9));
    assert_eq!(d.kept_aside["years"], json!({"odd": true}));
}

#[test]
fn kept_aside_answers_survive_the_next_save() {
    let c = cycle();
    let d = loaded(
        &c,
        r#"{"revision": 1, "answers": {"name": "Ada", "website": "x.example"}}"#,
    );
    let mut now = d.answers.clone();
    now.insert(fid("years"), text("3"));
    let record = draft_to_store(2, 0.0, &now, &d.kept_aside, None);
    let again = loaded(&c, &serde_json::to_string(&record).unwrap());
    assert_eq!(again.kept_aside["website"], json!("x.example"));
    assert_eq!(again.answers, now);
}

#[test]
fn text_that_is_no_draft_record_is_kept_whole() {
    let d = loaded(&cycle(), "{not json at all");
    assert!(d.answers.is_empty());
    assert_eq!(d.kept_aside[UNREADABLE_KEY], json!("{not json at all"));
}

#[test]
fn an_ended_record_holds_no_answers_and_keeps_its_revision() {
    let c = cycle();
    for ended in [
        Ended::Cleared,
        Ended::Sent {
            reference: "R-9".into(),
        },
    ] {
        let record = ended_record(12, 5.0, ended.clone());
        let stored = serde_json::to_string(&record).unwrap();
        assert!(!stored.contains("answers"), "{stored}");
        assert_eq!(
            read_draft(&c, None, Some(&stored)),
            Loaded::Ended {
                revision: 12,
                ended
            }
        );
    }
}

#[test]
fn the_newer_of_draft_and_ended_record_wins() {
    let c = cycle();
    let a = answers(&[("name", text("Ada"))]);
    let draft = |rev| {
        serde_json::to_string(&draft_to_store(rev, 0.0, &a, &KeptAside::new(), None)).unwrap()
    };
    let ended = serde_json::to_string(&ended_record(5, 0.0, Ended::Cleared)).unwrap();
    // A draft left behind by a tab that had not heard of the clear.
    assert_eq!(
        read_draft(&c, Some(&draft(4)), Some(&ended)),
        Loaded::Ended {
            revision: 5,
            ended: Ended::Cleared
        }
    );
    // Typing after the clear starts a newer draft.
    match read_draft(&c, Some(&draft(6)), Some(&ended)) {
        Loaded::Draft(d) => assert_eq!((d.revision, d.answers), (6, a)),
        other => panic!("expected the newer draft, got {other:?}"),
    }
}

#[test]
fn changes_are_new_changed_and_removed_answers() {
    let base = answers(&[("name", text("Ada")), ("years", text("3"))]);
    let now = answers(&[("name", text("Ada L")), ("agree", Value::Bool(true))]);
    let ch = changes_since(&base, &now);
    assert_eq!(ch.len(), 3);
    assert_eq!(ch[&fid("name")], Some(text("Ada L")));
    assert_eq!(ch[&fid("agree")], Some(Value::Bool(true)));
    assert_eq!(ch[&fid("years")], None);
    assert!(changes_since(&now, &now).is_empty());
}

#[test]
fn merge_keeps_the_other_tabs_answers_and_lays_this_tabs_changes_over() {
    let theirs = answers(&[
        ("name", text("Ada")),
        ("years", text("12")),
        ("skill", Value::Number(2)),
    ]);
    let base = answers(&[("name", text("Ada")), ("skill", Value::Number(2))]);
    // This tab changed the rating and removed the name; it never saw "years".
    let mine = changes_since(
        &base,
        &answers(&[("skill", Value::Number(5)), ("agree", Value::Bool(true))]),
    );
    let merged = merge(&theirs, &mine);
    assert_eq!(
        merged,
        answers(&[
            ("years", text("12")),
            ("skill", Value::Number(5)),
            ("agree", Value::Bool(true)),
        ])
    );
    // An untouched tab changes nothing.
    assert_eq!(merge(&theirs, &changes_since(&base, &base)), theirs);
}

#[test]
fn first_send_is_version_one_of_a_new_application() {
    let a = answers(&[("name", text("Ada"))]);
    let app = next_send(None, &a, new_ref, || "T1".into());
    assert_eq!(app.reference, "ref-1");
    assert_eq!(app.version, 1);
    assert_eq!(app.submitted_at, "T1");
    assert_eq!(app.fingerprint, fingerprint(&a));
}

#[test]
fn a_retry_of_the_same_answers_is_the_same_version_with_the_same_body() {
    let c = cycle();
    let a = answers(&[("name", text("Ada")), ("skill", Value::Number(3))]);
    let first = next_send(None, &a, new_ref, || "T1".into());
    let again = next_send(
        Some(&first),
        &a,
        || panic!("no new reference for a retry"),
        || "T2".into(),
    );
    assert_eq!(again, first);
    let r1 = prepare(&c, "/api", &a, &first.meta(None));
    let r2 = prepare(&c, "/api", &a, &again.meta(None));
    assert_eq!(r1, r2, "a retry must send the very same request");
}

#[test]
fn an_edit_after_an_unconfirmed_send_is_the_next_version_of_the_same_application() {
    let a = answers(&[("name", text("Ada"))]);
    let first = next_send(None, &a, new_ref, || "T1".into());
    let edited = answers(&[("name", text("Ada Lovelace"))]);
    let second = next_send(
        Some(&first),
        &edited,
        || panic!("same application"),
        || "T2".into(),
    );
    assert_eq!(second.reference, "ref-1");
    assert_eq!(second.version, 2);
    assert_eq!(second.submitted_at, "T2");
    assert_ne!(second.fingerprint, first.fingerprint);
    let k1 = first.meta(None).idempotency_key();
    let k2 = second.meta(None).idempotency_key();
    assert_eq!(k1, "ref-1.v1");
    assert_eq!(k2, "ref-1.v2");
}

#[test]
fn a_reused_key_moves_to_the_next_version() {
    let a = answers(&[("name", text("Ada"))]);
    let first = next_send(None, &a, new_ref, || "T1".into());
    let next = bumped(&first, "T3".into());
    assert_eq!(
        (
            next.reference.as_str(),
            next.version,
            next.submitted_at.as_str()
        ),
        ("ref-1", 2, "T3")
    );
}

#[test]
fn payloads_carry_the_reference_and_the_version() {
    let c = cycle();
    let a = answers(&[("name", text("Ada"))]);
    let app = Application {
        reference: "ref-1".into(),
        version: 3,
        submitted_at: "T".into(),
        fingerprint: fingerprint(&a),
        version_secret: "s-1".into(),
    };
    let meta = app.meta(None);
    let body: serde_json::Value = serde_json::from_str(&encode_json(&c, &a, &meta)).unwrap();
    assert_eq!(body["reference"], json!("ref-1"));
    assert_eq!(body["version"], json!(3));
    assert!(encode_form(&c, &a, &meta).contains("&reference=ref-1&version=3&version_secret=s-1&"));
    assert_eq!(body["version_secret"], json!("s-1"));
    let req = prepare(&c, "/api", &a, &meta);
    assert!(req
        .headers
        .contains(&("Idempotency-Key".to_string(), "ref-1.v3".to_string())));
}

#[test]
fn uuid_from_random_bytes_is_a_version_4_uuid() {
    let id = uuid_from_bytes([0xff; 16]);
    assert_eq!(id, "ffffffff-ffff-4fff-bfff-ffffffffffff");
    let id = uuid_from_bytes([0; 16]);
    assert_eq!(id, "00000000-0000-4000-8000-000000000000");
    assert_eq!(id.len(), 36);
}

#[test]
fn the_copy_offers_answers_kept_aside() {
    let c = cycle();
    let a = answers(&[("name", text("Zoë"))]);
    let mut kept = KeptAside::new();
    kept.insert("website".into(), json!("old.example"));
    let copy: serde_json::Value = serde_json::from_str(&answers_copy(&c, &a, &kept, "T")).unwrap();
    assert_eq!(copy["answers"]["name"], json!("Zoë"));
    assert_eq!(copy["readable"]["Name"], json!("Zoë"));
    assert_eq!(copy["no_longer_asked"]["website"], json!("old.example"));
    let plain: serde_json::Value =
        serde_json::from_str(&answers_copy(&c, &a, &KeptAside::new(), "T")).unwrap();
    assert!(plain.get("no_longer_asked").is_none());
}

#[test]
fn texts_default_in_one_place_and_a_cycle_can_replace_any() {
    use cycle::texts::{fill, Texts};
    let c = cycle();
    assert_eq!(c.texts, Texts::default());
    assert_eq!(c.texts.continue_button(), "Continue");
    let mut v: serde_json::Value =
        serde_json::from_str(include_str!("fixtures/drafts-cycle.json")).unwrap();
    v["texts"] = json!({"continue_button": "Weiter", "section_of": "Abschnitt {n} von {total}"});
    let c = cycle::parse(&v.to_string()).expect("a texts block parses");
    assert_eq!(c.texts.continue_button(), "Weiter");
    assert_eq!(
        c.texts.back_link(),
        "Back",
        "texts left out keep their defaults"
    );
    assert_eq!(
        fill(c.texts.section_of(), &[("n", "2"), ("total", "6")]),
        "Abschnitt 2 von 6"
    );
    v["texts"] = json!({"continue_buton": "typo"});
    assert!(
        cycle::parse(&v.to_string()).is_err(),
        "an unknown text key is reported"
    );
}

/// A field id of the fixture.
fn fid(s: &str) -> FieldId {
    FieldId::new(s).expect("a field id")
}

/// A new application's identity, as the browser makes one.
fn new_ref() -> Identity {
    Identity {
        reference: "ref-1".into(),
        version_secret: "secret-1".into(),
    }
}

#[test]
fn a_new_application_keeps_its_secret_across_versions() {
    let a = answers(&[("name", text("Ada"))]);
    let first = next_send(None, &a, new_ref, || "T1".into());
    assert_eq!(first.version_secret, "secret-1");
    let edited = answers(&[("name", text("Ada L"))]);
    let second = next_send(
        Some(&first),
        &edited,
        || panic!("same application"),
        || "T2".into(),
    );
    assert_eq!(second.version_secret, "secret-1");
    assert_eq!(bumped(&second, "T3".into()).version_secret, "secret-1");
}

#[test]
fn secrets_are_22_base64url_characters() {
    assert_eq!(secret_from_bytes([0; 16]), "AAAAAAAAAAAAAAAAAAAAAA");
    assert_eq!(secret_from_bytes([0xff; 16]), "_____________________w");
    let s = secret_from_bytes(*b"0123456789abcdef");
    assert_eq!(s, "MDEyMzQ1Njc4OWFiY2RlZg");
    assert_eq!(s.len(), 22);
}
