//! "Save and continue later" as data (`form::resume`): the resume code (made
//! from random bytes, read back however it is typed), the link and the mail,
//! the sealed draft and its checks, the drafts endpoint's replies, and how
//! saved answers are taken into a device that already holds some. Runs on the
//! drafts fixture cycle.

use cycle::{Answers, Cycle, FieldId, Value};
use mentor_form::form::draft::{draft_to_store, KeptAside, LoadedDraft, Stamped};
use mentor_form::form::resume::{
    base64url_decode, code_in_fragment, expiry_in_reply, fetched_in_reply, fit, judge_lookup,
    judge_save, mailto, percent_encode, put_body, reserved_application, resume_link, seal_text,
    take, unseal, wait_minutes, Choice, CodeProblem, Fetched, Fit, Held, LeftAt, LookupFailure,
    OnlineCopy, ResumeCode, SaveFailure, CODE_CHARS,
};
use mentor_form::form::version::{base64url, next_send, Application, Fresh, Stage};
use serde_json::json;

fn cycle() -> Cycle {
    cycle::parse(include_str!("fixtures/drafts-cycle.json")).expect("fixture cycle parses")
}

fn fid(s: &str) -> FieldId {
    FieldId::new(s).expect("a field id")
}

fn text(s: &str) -> Value {
    Value::Text(s.into())
}

fn stamped(pairs: &[(&str, Option<Value>, f64)]) -> Stamped {
    let mut s = Stamped::default();
    for (k, v, at) in pairs {
        if let Some(v) = v {
            s.answers.insert(fid(k), v.clone());
        }
        s.edited_at.set(&fid(k), *at);
    }
    s
}

fn app(reference: &str) -> Application {
    reserved_application(reference.into(), "c2VjcmV0LXNlY3JldC1zZQ".into(), 10.0)
}

/// A saved draft as the device that resumes reads it.
fn saved(s: &Stamped, application: Option<Application>, aside: &[(&str, &str)]) -> LoadedDraft {
    let c = cycle();
    let mut kept = KeptAside::new();
    for (k, v) in aside {
        kept.insert((*k).into(), json!(v));
    }
    let mut record = draft_to_store(0, 99.0, &s.answers, &kept, application.as_ref());
    record.edited_at = s.edited_at.clone();
    let two = LeftAt::from_path(&c, "section/two");
    let sealed = seal_text(
        "fixture-drafts",
        two.as_ref(),
        &serde_json::to_string(&record).unwrap(),
    );
    unseal(&c, &sealed).expect("unseals").0
}

#[test]
fn codes_are_twenty_crockford_characters_from_all_hundred_bits() {
    let zero = ResumeCode::from_random([0; 13]);
    assert_eq!(zero.as_str(), "00000000000000000000");
    let ones = ResumeCode::from_random([0xff; 13]);
    assert_eq!(ones.as_str(), "ZZZZZZZZZZZZZZZZZZZZ");
    // 0x08 0x42 ... = 00001 00001 00001 …: every character reads its own 5 bits.
    let pattern = ResumeCode::from_random([
        0x08, 0x42, 0x10, 0x84, 0x21, 0x08, 0x42, 0x10, 0x84, 0x21, 0x08, 0x42, 0x10,
    ]);
    assert_eq!(pattern.as_str(), "11111111111111111111");
    // The last 4 bits of the 13 bytes are not used: 100 bits, not 104.
    let mut last = [0u8; 13];
    last[12] = 0x0f;
    assert_eq!(
        ResumeCode::from_random(last).as_str(),
        "00000000000000000000"
    );
    last[12] = 0x10;
    assert_eq!(
        ResumeCode::from_random(last).as_str(),
        "00000000000000000001"
    );
    let code = ResumeCode::from_random([7, 1, 200, 9, 33, 4, 5, 6, 250, 8, 9, 10, 11]);
    assert_eq!(code.as_str().len(), CODE_CHARS);
    assert_eq!(code.grouped().len(), 24);
    assert_eq!(code.grouped().matches('-').count(), 4);
    assert_eq!(ResumeCode::parse(&code.grouped()), Ok(code));
}

#[test]
fn a_code_is_read_however_it_is_typed() {
    let want = ResumeCode::parse("ABCD-EFGH-1100-JKMN-PQRS").unwrap();
    assert_eq!(want.grouped(), "ABCD-EFGH-1100-JKMN-PQRS");
    for typed in [
        "ABCDEFGH1100JKMNPQRS",
        "abcd-efgh-1100-jkmn-pqrs",
        "  abcd efgh 1100 jkmn pqrs  ",
        "ABCD–EFGH—IlOo-JKMN-PQRS", // en and em dashes, I l O o
        "abcd.efgh.i1o0.jkmn.pqrs",
        "https://apply.example.org/#resume=ABCD-EFGH-1100-JKMN-PQRS",
    ] {
        assert_eq!(ResumeCode::parse(typed), Ok(want.clone()), "{typed}");
    }
    assert_eq!(
        ResumeCode::parse("UUUU-UUUU-UUUU-UUUU-UUUU")
            .unwrap()
            .as_str(),
        "VVVVVVVVVVVVVVVVVVVV",
        "U, left out of the alphabet, is read as the V it looks like"
    );
    assert_eq!(ResumeCode::parse(""), Err(CodeProblem::Empty));
    assert_eq!(ResumeCode::parse(" - - "), Err(CodeProblem::Empty));
    for bad in [
        "ABCD-EFGH-1100-JKMN-PQR",
        "ABCD-EFGH-1100-JKMN-PQRST",
        "ABCD-EFGH-1100-JKMN-PQR!",
        "ABCD-EFGH-1100-JKMN-PQRÉ",
        "<script>alert(1)</script>",
    ] {
        assert_eq!(ResumeCode::parse(bad), Err(CodeProblem::Malformed), "{bad}");
    }
    // Stored codes are read through the same check.
    let copy = OnlineCopy {
        code: want.clone(),
        reference: "r".into(),
        expires_at: "2027-01-01T00:00:00Z".into(),
    };
    assert_eq!(OnlineCopy::from_stored(&copy.to_stored()), Some(copy));
    assert_eq!(
        OnlineCopy::from_stored(
            r#"{"code": "not a code", "reference": "r", "expires_at": "2027-01-01T00:00:00Z"}"#
        ),
        None
    );
    assert_eq!(OnlineCopy::from_stored("[]"), None);
}

#[test]
fn the_link_carries_the_code_in_its_fragment_only() {
    let code = ResumeCode::parse("ABCD-EFGH-1100-JKMN-PQRS").unwrap();
    let link = resume_link("https://apply.example.org/mentoring/#old", &code);
    assert_eq!(
        link,
        "https://apply.example.org/mentoring/#resume=ABCD-EFGH-1100-JKMN-PQRS"
    );
    assert_eq!(code_in_fragment(&link), Some("ABCD-EFGH-1100-JKMN-PQRS"));
    assert_eq!(code_in_fragment("#a=1&resume=XY&b=2"), Some("XY"));
    assert_eq!(code_in_fragment("#other=1"), None);
    assert_eq!(
        code_in_fragment("https://x.org/?resume=XY"),
        None,
        "never the query"
    );
}

#[test]
fn the_mail_is_percent_encoded() {
    assert_eq!(percent_encode("a b&c=d/é"), "a%20b%26c%3Dd%2F%C3%A9");
    assert_eq!(
        mailto("Continue", "Open https://x.org/#resume=AB\nbye"),
        "mailto:?subject=Continue&body=Open%20https%3A%2F%2Fx.org%2F%23resume%3DAB%0Abye"
    );
}

#[test]
fn base64url_reads_back_what_the_app_writes() {
    for len in 0..40 {
        let bytes: Vec<u8> = (0..len).map(|i| (i * 37 + 11) as u8).collect();
        assert_eq!(base64url_decode(&base64url(&bytes)), Some(bytes));
    }
    assert_eq!(base64url_decode("AQID"), Some(vec![1, 2, 3]));
    assert_eq!(
        base64url_decode("AQI="),
        Some(vec![1, 2]),
        "padding tolerated"
    );
    assert_eq!(base64url_decode("AQ+/"), None, "not the url alphabet");
}

#[test]
fn replies_are_read_by_status() {
    assert_eq!(judge_save(200, None), Ok(()));
    assert_eq!(judge_save(413, None), Err(SaveFailure::TooLarge));
    assert_eq!(
        judge_save(429, Some("125")),
        Err(SaveFailure::RateLimited { wait_secs: 125 })
    );
    assert_eq!(judge_save(410, None), Err(SaveFailure::Closed));
    assert_eq!(
        judge_save(503, Some("5")),
        Err(SaveFailure::Server { status: 503 })
    );
    assert_eq!(judge_lookup(200, None), Ok(()));
    assert_eq!(judge_lookup(404, None), Err(LookupFailure::NotFound));
    assert_eq!(judge_lookup(410, None), Err(LookupFailure::Expired));
    assert_eq!(
        judge_lookup(429, Some("not a number")),
        Err(LookupFailure::RateLimited { wait_secs: 60 })
    );
    assert_eq!(
        judge_lookup(500, None),
        Err(LookupFailure::Server { status: 500 })
    );
    assert_eq!(wait_minutes(1), 1);
    assert_eq!(wait_minutes(60), 1);
    assert_eq!(wait_minutes(61), 2);
    assert_eq!(wait_minutes(600), 10);
}

#[test]
fn a_sealed_draft_round_trips_and_must_be_this_cycles() {
    let c = cycle();
    let a: Answers = [
        (fid("name"), text("Zoë")),
        (fid("agree"), Value::Bool(true)),
        (fid("skill"), Value::Number(4)),
    ]
    .into_iter()
    .collect();
    let mut kept = KeptAside::new();
    kept.insert("old_question".into(), json!("kept"));
    let application = app("ref-1");
    let mut record = draft_to_store(3, 5.0, &a, &kept, Some(&application));
    record
        .answers
        .insert("gone".into(), json!("a question no longer asked"));
    let two = LeftAt::from_path(&c, "section/two");
    let text = seal_text(
        "fixture-drafts",
        two.as_ref(),
        &serde_json::to_string(&record).unwrap(),
    );
    let plain: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(plain["format"], 1);
    assert_eq!(plain["cycle_id"], "fixture-drafts");
    assert_eq!(plain["page"], "section/two");
    assert!(
        plain["draft"].is_string(),
        "the record goes as its own JSON text"
    );
    let (loaded, left_at) = unseal(&c, &text).unwrap();
    assert_eq!(loaded.answers, a);
    assert_eq!(loaded.application, Some(application));
    assert_eq!(loaded.kept_aside["old_question"], json!("kept"));
    assert_eq!(
        loaded.kept_aside["gone"],
        json!("a question no longer asked"),
        "nothing dropped"
    );
    assert_eq!(
        left_at,
        Some(LeftAt::Section(cycle::SectionId::new("two").unwrap()))
    );

    let elsewhere = text.replace("fixture-drafts", "another-cycle");
    assert_eq!(
        unseal(&c, &elsewhere).unwrap_err(),
        LookupFailure::OtherForm
    );
    let future = text.replace("\"format\":1", "\"format\":2");
    assert_ne!(future, text);
    assert_eq!(unseal(&c, &future).unwrap_err(), LookupFailure::Unreadable);
    assert_eq!(
        unseal(&c, "not json").unwrap_err(),
        LookupFailure::Unreadable
    );
    assert_eq!(
        unseal(&c, r#"{"format":1,"cycle_id":"fixture-drafts"}"#).unwrap_err(),
        LookupFailure::Unreadable
    );
    // A record that is no draft record at all is kept aside whole, not lost.
    let odd = seal_text("fixture-drafts", None, "not a record");
    let (kept_whole, nowhere) = unseal(&c, &odd).unwrap();
    assert!(kept_whole.answers.is_empty());
    assert_eq!(kept_whole.kept_aside.len(), 1);
    assert_eq!(nowhere, None);
    let nowhere = text.replace("section/two", "section/gone");
    assert_eq!(
        unseal(&c, &nowhere).unwrap().1,
        None,
        "a section no longer there"
    );
    assert_eq!(LeftAt::from_path(&c, "review"), Some(LeftAt::Review));
    assert_eq!(LeftAt::Review.to_path(), "review");
}

#[test]
fn the_endpoints_bodies_are_the_contracts() {
    let body: serde_json::Value =
        serde_json::from_str(&put_body("ref-1", "bm9uY2U", "Y2lwaGVy", "fixture-drafts")).unwrap();
    assert_eq!(
        body,
        json!({"format": 1, "reference": "ref-1", "nonce": "bm9uY2U", "ciphertext": "Y2lwaGVy",
               "cycle_id": "fixture-drafts"})
    );
    assert_eq!(
        expiry_in_reply(r#"{"expires_at":"2027-01-01T00:00:00.000Z"}"#).as_deref(),
        Some("2027-01-01T00:00:00.000Z")
    );
    assert_eq!(expiry_in_reply("<html>sign in</html>"), None);
    assert_eq!(
        fetched_in_reply(
            r#"{"format":1,"nonce":"n","ciphertext":"c","saved_at":"s","expires_at":"e"}"#
        ),
        Some(Fetched {
            nonce: "n".into(),
            ciphertext: "c".into(),
            expires_at: "e".into()
        })
    );
    assert_eq!(
        fetched_in_reply(r#"{"format":2,"nonce":"n","ciphertext":"c"}"#),
        None
    );
    assert_eq!(fetched_in_reply(r#"{"format":1,"nonce":"n"}"#), None);
}

#[test]
fn a_reserved_reference_becomes_version_one_with_its_secret() {
    let reserved = app("ref-9");
    assert_eq!(reserved.version, 0);
    let a: Answers = [(fid("name"), text("Ada"))].into_iter().collect();
    let fresh = Fresh {
        reference: &|| panic!("the reserved reference is used"),
        secret: &|| panic!("the reserved secret is used"),
        now_iso: &|| "T".into(),
    };
    let first = next_send(Some(&reserved), &a, fresh, 50.0);
    assert_eq!(first.reference, "ref-9");
    assert_eq!(first.version, 1);
    assert_eq!(first.version_secret, reserved.version_secret);
    assert_eq!(first.stage, Stage::Sending);
}

#[test]
fn an_empty_device_restores_the_saved_answers() {
    let s = saved(
        &stamped(&[("name", Some(text("Ada")), 5.0)]),
        Some(app("r")),
        &[],
    );
    let held = Held::default();
    assert_eq!(fit(&held, &s), Fit::Restore);
    let taken = take(&held, &s, Choice::Combine, 1000.0);
    assert_eq!(taken.stamped.answers, s.answers);
    assert_eq!(taken.application.unwrap().reference, "r");
}

#[test]
fn the_same_application_combines_question_by_question() {
    let s = saved(
        &stamped(&[
            ("name", Some(text("Saved later")), 20.0),
            ("years", Some(text("3")), 5.0),
        ]),
        Some(app("r")),
        &[("old", "saved aside")],
    );
    let mut device_app = app("r");
    device_app.noted_at = 30.0;
    device_app.version = 1;
    let held = Held {
        stamped: stamped(&[
            ("name", Some(text("Device earlier")), 10.0),
            ("years", Some(text("4")), 15.0),
            ("colour", Some(text("red")), 12.0),
        ]),
        application: Some(device_app.clone()),
        kept_aside: [("mine".to_string(), json!("device aside"))]
            .into_iter()
            .collect(),
    };
    assert_eq!(fit(&held, &s), Fit::Combine);
    let taken = take(&held, &s, Choice::Combine, 1000.0);
    assert_eq!(taken.stamped.answers[&fid("name")], text("Saved later"));
    assert_eq!(taken.stamped.answers[&fid("years")], text("4"));
    assert_eq!(taken.stamped.answers[&fid("colour")], text("red"));
    assert_eq!(
        taken.application,
        Some(device_app),
        "the later record of it"
    );
    assert_eq!(taken.kept_aside.len(), 2, "both sides' answers kept aside");
}

#[test]
fn answers_of_no_application_that_agree_are_combined_silently() {
    let s = saved(
        &stamped(&[("name", Some(text("Ada")), 5.0)]),
        Some(app("r")),
        &[],
    );
    let held = Held {
        stamped: stamped(&[
            ("name", Some(text("Ada")), 7.0),
            ("years", Some(text("4")), 7.0),
        ]),
        ..Held::default()
    };
    assert_eq!(fit(&held, &s), Fit::Combine);
    let taken = take(&held, &s, Choice::Combine, 1000.0);
    assert_eq!(taken.stamped.answers.len(), 2);
    assert_eq!(
        taken.application.unwrap().reference,
        "r",
        "the saved application goes on"
    );
}

#[test]
fn differing_answers_or_another_application_ask_and_nothing_is_lost() {
    let s = saved(
        &stamped(&[
            ("name", Some(text("Saved")), 5.0),
            ("years", Some(text("3")), 5.0),
        ]),
        Some(app("saved-ref")),
        &[],
    );
    let held = Held {
        stamped: stamped(&[
            ("name", Some(text("Device")), 50.0),
            ("agree", Some(Value::Bool(true)), 50.0),
        ]),
        application: None,
        kept_aside: KeptAside::new(),
    };
    assert_eq!(
        fit(&held, &s),
        Fit::Ask {
            differing: vec![fid("name")]
        }
    );
    let combined = take(&held, &s, Choice::Combine, 1000.0);
    assert_eq!(
        combined.stamped.answers[&fid("name")],
        text("Device"),
        "the later edit"
    );
    assert_eq!(combined.stamped.answers[&fid("years")], text("3"));
    assert_eq!(combined.stamped.answers[&fid("agree")], Value::Bool(true));
    assert_eq!(combined.application.unwrap().reference, "saved-ref");

    let replaced = take(&held, &s, Choice::SavedOnly, 1000.0);
    assert_eq!(replaced.stamped.answers, s.answers);
    for key in ["name", "years", "agree"] {
        assert_eq!(
            replaced.stamped.edited_at.at(&fid(key)),
            1000.0,
            "{key}: set or removed now, so no other tab of this browser brings the old answer back"
        );
    }

    // Another application on the device, even with agreeing answers: asked.
    let other = Held {
        stamped: stamped(&[("name", Some(text("Saved")), 50.0)]),
        application: Some(app("device-ref")),
        kept_aside: KeptAside::new(),
    };
    assert_eq!(fit(&other, &s), Fit::Ask { differing: vec![] });
    assert_eq!(
        take(&other, &s, Choice::SavedOnly, 1.0)
            .application
            .unwrap()
            .reference,
        "saved-ref"
    );
}
