//! The draft record shared by tabs, and application versions: reading a saved
//! draft against the cycle (nothing dropped), merging tabs' answers question
//! by question (also when two tabs wrote the same revision), what outlives a
//! clear or a confirmed send in another tab, which version a send is, and
//! the version secret. Runs on a small fixture cycle.

use cycle::payload::{encode_form, encode_json, prepare};
use cycle::{Answers, Value};
use cycle::{Cycle, FieldId};
use mentor_form::form::copy::answers_copy;
use mentor_form::form::draft::{
    changes_since, draft_to_store, ended_record, merge_newest, newer_application, read_draft,
    read_ended, survives_end, DraftRecord, EditTimes, EndRecord, Ended, KeptAside, Loaded,
    SentVersion, Stamped, UNREADABLE_KEY,
};
use mentor_form::form::version::{
    after_confirmation, base64url, bumped, fingerprint, next_send, secret_from_bytes,
    uuid_from_bytes, AfterConfirm, Application, Fresh, Stage,
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

/// Fixed references, secrets and times, so versions are predictable.
fn fixed<'a>(reference: &'a dyn Fn() -> String, now: &'a dyn Fn() -> String) -> Fresh<'a> {
    Fresh {
        reference,
        secret: &|| "c2VjcmV0LXNlY3JldC1zZQ".to_string(),
        now_iso: now,
    }
}

fn no_new_reference() -> String {
    panic!("no new reference: the same application")
}

fn first_app(a: &Answers) -> Application {
    next_send(None, a, fixed(&|| "ref-1".into(), &|| "T1".into()), 100.0)
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

fn times(pairs: &[(&str, f64)]) -> EditTimes {
    let mut t = EditTimes::default();
    for (k, at) in pairs {
        t.set(&fid(k), *at);
    }
    t
}

/// A stored record as another tab wrote it, read back.
fn stored_stamped(c: &Cycle, s: &Stamped, revision: u64) -> Stamped {
    let mut record = draft_to_store(revision, 0.0, &s.answers, &KeptAside::new(), None);
    record.edited_at = s.edited_at.clone();
    loaded(c, &serde_json::to_string(&record).unwrap()).stamped()
}

#[test]
fn nothing_stored_reads_as_empty() {
    assert_eq!(read_draft(&cycle(), None, None), Loaded::Empty);
}

#[test]
fn a_draft_round_trips_with_its_revision_times_and_application() {
    let c = cycle();
    let a = answers(&[
        ("name", text("Zoë")),
        ("years", text("12")),
        ("agree", Value::Bool(true)),
        ("skill", Value::Number(4)),
    ]);
    let mut app = first_app(&a);
    app.stage = Stage::Waiting;
    app.waiting_answers = mentor_form::form::draft::answers_to_json(&a);
    let mut record = draft_to_store(7, 1234.0, &a, &KeptAside::new(), Some(&app));
    record.edited_at = times(&[("name", 55.0), ("colour", 56.0)]);
    let d = loaded(&c, &serde_json::to_string(&record).unwrap());
    assert_eq!(d.revision, 7);
    assert_eq!(d.saved_at, 1234.0);
    assert_eq!(d.answers, a);
    assert_eq!(d.edited_at.at(&fid("name")), 55.0);
    assert_eq!(
        d.edited_at.at(&fid("colour")),
        56.0,
        "a removed answer keeps its time"
    );
    assert_eq!(d.application, Some(app.clone()));
    assert!(d.kept_aside.is_empty());
    let app = d.application.unwrap();
    assert_eq!(app.version_secret.len(), 22);
    assert_eq!(app.stage, Stage::Waiting);
    assert_eq!(
        mentor_form::form::draft::answers_from_json(&c, &app.waiting_answers),
        a,
        "the waiting version's answers come back exactly"
    );
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
    assert!(
        d.edited_at.is_empty(),
        "answers without times count as set at 0"
    );
}

#[test]
fn an_application_saved_before_secrets_and_stages_still_loads_and_gets_a_secret() {
    let c = cycle();
    let d = loaded(
        &c,
        r#"{"revision": 2, "answers": {"name": "Ada"}, "application": {"reference": "old-ref",
            "version": 1, "submitted_at": "T0", "fingerprint": "ffff"}}"#,
    );
    let old = d.application.expect("the application is read");
    assert_eq!(
        (old.version_secret.as_str(), old.stage),
        ("", Stage::Sending)
    );
    let next = next_send(
        Some(&old),
        &d.answers,
        fixed(&no_new_reference, &|| "T1".into()),
        5.0,
    );
    assert_eq!(next.reference, "old-ref");
    assert_eq!(
        next.version, 2,
        "its answers' fingerprint differs, so a new version"
    );
    assert_eq!(next.version_secret, "c2VjcmV0LXNlY3JldC1zZQ");
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
        }, "edited_at": {"name": 4, "first_name": 5}}"#,
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
    assert_eq!(
        d.edited_at,
        times(&[("name", 4.0)]),
        "an answer set aside takes no time into the merges"
    );
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

// The records are read by hand (form::json), as serde's derive read them
// before: every member back as written, unknown members ignored, a member of
// another type (or a required one missing) makes the record unreadable.
#[test]
fn a_record_reads_back_every_member_it_was_written_with() {
    let a = answers(&[("name", text("Ada")), ("years", text("3"))]);
    let mut kept = KeptAside::new();
    kept.insert("gone".into(), json!(["x", 1]));
    let mut app = first_app(&a);
    app.stage = Stage::Waiting;
    app.noted_at = 123.5;
    app.waiting_answers.insert("name".into(), json!("Ada"));
    let mut record = draft_to_store(7, 1700.25, &a, &kept, Some(&app));
    record.edited_at.set(&fid("name"), 99.0);
    let text = serde_json::to_string(&record).unwrap();
    assert_eq!(DraftRecord::read(&text), Some(record));
    for ended in [Ended::Cleared, sent("ref-1", "ALSC-9", 2, 50.0)] {
        let record = ended_record(3, 10.0, ended);
        let text = serde_json::to_string(&record).unwrap();
        assert_eq!(DraftRecord::read(&text), Some(record));
    }
}

#[test]
fn a_record_ignores_unknown_members_and_takes_defaults_for_missing_ones() {
    let app = r#"{"reference": "r", "version": 1, "submitted_at": "T", "fingerprint": "f"}"#;
    let text = format!(r#"{{"later": {{"x": 1}}, "application": {app}, "ended": null}}"#);
    let record = DraftRecord::read(&text).expect("readable");
    assert_eq!(record.revision, 0);
    let app = record.application.expect("an application");
    assert_eq!((app.reference.as_str(), app.version), ("r", 1));
    assert_eq!(
        (app.stage, app.taken_at, app.version_secret.as_str()),
        (Stage::Sending, 0.0, "")
    );
    assert_eq!(
        DraftRecord::read(r#"{"application": null}"#),
        Some(DraftRecord::default())
    );
}

#[test]
fn a_member_of_another_type_keeps_the_whole_record_aside() {
    let app = |extra: &str| {
        format!(
            r#"{{"application": {{"reference": "r", "version": 1, "submitted_at": "T", "fingerprint": "f"{extra}}}}}"#
        )
    };
    let unreadable = [
        r#"[1, 2]"#.to_string(),
        r#"{"revision": 1} trailing"#.into(),
        r#"{"revision": "1"}"#.into(),
        r#"{"revision": -1}"#.into(),
        r#"{"revision": 1.5}"#.into(),
        r#"{"revision": null}"#.into(),
        r#"{"saved_at": "now"}"#.into(),
        r#"{"answers": []}"#.into(),
        r#"{"answers": null}"#.into(),
        r#"{"edited_at": 5}"#.into(),
        r#"{"kept_aside": "x"}"#.into(),
        r#"{"application": 5}"#.into(),
        r#"{"application": {"reference": "r"}}"#.into(),
        app(r#", "version_secret": null"#),
        app(r#", "stage": "lost""#),
        app(r#", "noted_at": "x""#),
        app(r#", "waiting_answers": []"#),
        app(r#", "version": 4294967296"#),
        r#"{"ended": {"reference": "r"}}"#.into(),
        r#"{"ended": {"because": "lost"}}"#.into(),
        r#"{"ended": {"because": "sent", "version": "2"}}"#.into(),
    ];
    for text in unreadable {
        assert_eq!(DraftRecord::read(&text), None, "{text}");
        let d = loaded(&cycle(), &text);
        assert_eq!(d.kept_aside[UNREADABLE_KEY], json!(text), "{text}");
    }
}

fn sent(reference: &str, shown: &str, version: u32, taken_at: f64) -> Ended {
    Ended::Sent(SentVersion {
        reference: reference.into(),
        shown: shown.into(),
        version,
        taken_at,
    })
}

#[test]
fn an_ended_record_holds_no_answers_nor_secret_and_keeps_its_revision() {
    let c = cycle();
    for ended in [
        Ended::Cleared,
        sent("ref-1", "ALSC-9", 2, 50.0),
        sent("ref-1", "ref-1", 1, 50.0),
    ] {
        let record = ended_record(12, 5.0, ended.clone());
        let stored = serde_json::to_string(&record).unwrap();
        assert!(!stored.contains("answers"), "{stored}");
        assert!(!stored.contains("secret"), "{stored}");
        let end = EndRecord {
            revision: 12,
            at: 5.0,
            ended,
        };
        assert_eq!(
            read_draft(&c, None, Some(&stored)),
            Loaded::Ended(end.clone())
        );
        assert_eq!(read_ended(Some(&stored)), Some(end));
    }
}

#[test]
fn an_ended_record_of_the_first_format_names_the_reference_shown() {
    let end = read_ended(Some(
        r#"{"revision": 3, "ended": {"because": "sent", "reference": "R-9"}}"#,
    ))
    .expect("an old sent record reads");
    assert_eq!(end.ended, sent("R-9", "R-9", 1, 0.0));
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
    assert!(matches!(
        read_draft(&c, Some(&draft(4)), Some(&ended)),
        Loaded::Ended(EndRecord {
            revision: 5,
            ended: Ended::Cleared,
            ..
        })
    ));
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
fn stamping_gives_each_changed_or_removed_answer_the_edit_time() {
    let base = answers(&[("name", text("Ada")), ("years", text("3"))]);
    let mut mine = Stamped {
        answers: answers(&[("name", text("Ada L")), ("agree", Value::Bool(true))]),
        edited_at: times(&[("name", 1.0), ("skill", 2.0)]),
    };
    assert!(mine.stamp_changes(&base, 40.0));
    assert_eq!(mine.edited_at.at(&fid("name")), 40.0);
    assert_eq!(mine.edited_at.at(&fid("agree")), 40.0);
    assert_eq!(
        mine.edited_at.at(&fid("years")),
        40.0,
        "a removal is an edit too"
    );
    assert_eq!(
        mine.edited_at.at(&fid("skill")),
        2.0,
        "untouched answers keep their time"
    );
    let before = mine.clone();
    assert!(
        !mine.stamp_changes(&before.answers, 50.0),
        "no change, no stamp"
    );
    assert_eq!(mine, before);
}

#[test]
fn two_tabs_that_wrote_the_same_revision_both_keep_their_edits() {
    // Both tabs read revision 3, then each wrote revision 4 with its own edit
    // before hearing of the other's (localStorage tells other tabs late). The
    // record holds tab B's write; tab A's edit is not in it.
    let c = cycle();
    let base = stamped(&[("name", Some(text("Ada")), 10.0)]);
    let mut tab_a = base.clone();
    tab_a.answers.insert(fid("years"), text("12"));
    assert!(tab_a.stamp_changes(&base.answers, 20.0));
    let mut tab_b = base.clone();
    tab_b.answers.insert(fid("skill"), Value::Number(5));
    assert!(tab_b.stamp_changes(&base.answers, 21.0));
    let stored = stored_stamped(&c, &tab_b, 4);
    // Tab A hears of it: its own edit is newer than anything stored for that
    // question, so the merge keeps both, and differs from the record: A writes.
    let merged_a = merge_newest(&stored, &tab_a);
    assert_eq!(
        merged_a.answers,
        answers(&[
            ("name", text("Ada")),
            ("years", text("12")),
            ("skill", Value::Number(5))
        ])
    );
    assert_ne!(merged_a, stored, "tab A must write its lost edit back");
    // Tab B then hears of A's write: nothing of B's is missing, so B writes
    // nothing and shows the same answers.
    let rewritten = stored_stamped(&c, &merged_a, 5);
    let merged_b = merge_newest(&rewritten, &tab_b);
    assert_eq!(merged_b, rewritten, "tab B has nothing to add");
    // Had the browser kept A's write instead, the outcome is the same.
    let other_way = merge_newest(&stored_stamped(&c, &tab_a, 4), &tab_b);
    assert_eq!(other_way.answers, merged_a.answers);
}

#[test]
fn for_one_question_the_later_edit_wins_in_either_order() {
    let a = stamped(&[
        ("name", Some(text("Ada")), 30.0),
        ("years", Some(text("1")), 5.0),
    ]);
    let b = stamped(&[
        ("name", Some(text("Grace")), 31.0),
        ("years", Some(text("2")), 6.0),
    ]);
    for merged in [merge_newest(&a, &b), merge_newest(&b, &a)] {
        assert_eq!(
            merged.answers,
            answers(&[("name", text("Grace")), ("years", text("2"))])
        );
    }
    // A removal is an edit: the later one wins over an older answer.
    let removed = stamped(&[("name", None, 40.0)]);
    assert!(!merge_newest(&a, &removed)
        .answers
        .contains_key(&fid("name")));
    assert_eq!(merge_newest(&removed, &a).answers.get(&fid("name")), None);
    // And a later answer wins over an older removal.
    let again = stamped(&[("name", Some(text("Mary")), 41.0)]);
    assert_eq!(
        merge_newest(&removed, &again).answers.get(&fid("name")),
        Some(&text("Mary"))
    );
}

#[test]
fn an_idle_tab_with_older_answers_changes_nothing() {
    // It last read the record before another tab's edits: merging its view
    // gives the stored record back, so it writes nothing.
    let stored = stamped(&[
        ("name", Some(text("Ada Lovelace")), 50.0),
        ("years", None, 51.0),
        ("skill", Some(Value::Number(2)), 10.0),
    ]);
    let idle = stamped(&[
        ("name", Some(text("Ada")), 10.0),
        ("years", Some(text("12")), 10.0),
        ("skill", Some(Value::Number(2)), 10.0),
    ]);
    assert_eq!(merge_newest(&stored, &idle), stored);
    // Answers from before edit times existed (time 0) never override a record.
    let untimed = Stamped {
        answers: answers(&[("agree", Value::Bool(true))]),
        edited_at: EditTimes::default(),
    };
    assert_eq!(merge_newest(&stored, &untimed), stored);
}

#[test]
fn of_two_records_of_the_application_the_later_one_holds() {
    let a = answers(&[("name", text("Ada"))]);
    let sending = first_app(&a);
    let mut confirmed = sending.clone();
    confirmed.stage = Stage::Confirmed;
    confirmed.noted_at = sending.noted_at + 1.0;
    assert_eq!(
        newer_application(Some(&sending), Some(&confirmed)),
        Some(confirmed.clone())
    );
    assert_eq!(
        newer_application(Some(&confirmed), Some(&sending)),
        Some(confirmed.clone())
    );
    assert_eq!(
        newer_application(None, Some(&sending)),
        Some(sending.clone())
    );
    assert_eq!(newer_application(Some(&sending), None), Some(sending));
}

#[test]
fn a_clear_in_another_tab_keeps_only_answers_edited_after_it() {
    let mine = stamped(&[
        ("name", Some(text("Ada")), 10.0),
        ("years", Some(text("12")), 30.0),
    ]);
    let app = first_app(&mine.answers);
    let end = EndRecord {
        revision: 9,
        at: 20.0,
        ended: Ended::Cleared,
    };
    let (kept, application) = survives_end(&end, &mine, Some(&app));
    assert_eq!(kept.answers, answers(&[("years", text("12"))]));
    assert_eq!(application, None, "a clear ends the application");
}

#[test]
fn a_version_confirmed_elsewhere_ends_this_tab_unless_it_edited_after_the_send() {
    let a = answers(&[("name", text("Ada")), ("years", text("12"))]);
    let mut app = first_app(&a);
    app.taken_at = 100.0;
    let end = EndRecord {
        revision: 9,
        at: 150.0,
        ended: sent("ref-1", "ALSC-1", 1, 100.0),
    };
    // Nothing edited after Send was pressed: the tab ends too.
    let untouched = stamped(&[
        ("name", Some(text("Ada")), 50.0),
        ("years", Some(text("12")), 60.0),
    ]);
    assert_eq!(
        survives_end(&end, &untouched, Some(&app)),
        (Stamped::default(), None)
    );
    // An answer edited during the send: every answer of this tab stays, as
    // the next version of the same application, whose version 1 is confirmed.
    let edited = stamped(&[
        ("name", Some(text("Ada")), 50.0),
        ("years", Some(text("13")), 120.0),
    ]);
    let (kept, application) = survives_end(&end, &edited, Some(&app));
    assert_eq!(kept, edited);
    let application = application.expect("the application continues");
    assert_eq!(application.stage, Stage::Confirmed);
    assert_eq!(
        (application.reference.as_str(), application.version),
        ("ref-1", 1)
    );
    assert_eq!(application.version_secret, app.version_secret);
    let next = next_send(
        Some(&application),
        &kept.answers,
        fixed(&no_new_reference, &|| "T2".into()),
        200.0,
    );
    assert_eq!((next.version, next.stage), (2, Stage::Sending));
    // A tab that never saw the version that was sent (it knew version 1, the
    // endpoint confirmed version 2): its next send is version 3 whatever its
    // answers, never a replay of a version it does not know.
    let end_v2 = EndRecord {
        ended: sent("ref-1", "ref-1", 2, 100.0),
        ..end
    };
    let (_, application) = survives_end(&end_v2, &edited, Some(&app));
    let application = application.expect("the application continues");
    assert_eq!(application.version, 2);
    let next = next_send(
        Some(&application),
        &a,
        fixed(&no_new_reference, &|| "T3".into()),
        300.0,
    );
    assert_eq!(next.version, 3);
}

#[test]
fn a_confirmation_ends_the_draft_only_for_the_answers_it_carried() {
    let a = answers(&[("name", text("Ada"))]);
    let app = first_app(&a);
    assert_eq!(after_confirmation(&app, &a), AfterConfirm::End);
    let changed = answers(&[("name", text("Ada Lovelace"))]);
    assert_eq!(after_confirmation(&app, &changed), AfterConfirm::KeepNewer);
    let added = answers(&[("name", text("Ada")), ("years", text("3"))]);
    assert_eq!(after_confirmation(&app, &added), AfterConfirm::KeepNewer);
}

#[test]
fn first_send_is_version_one_of_a_new_application_with_its_own_secret() {
    let a = answers(&[("name", text("Ada"))]);
    let app = first_app(&a);
    assert_eq!(app.reference, "ref-1");
    assert_eq!(app.version, 1);
    assert_eq!(app.submitted_at, "T1");
    assert_eq!(app.fingerprint, fingerprint(&a));
    assert_eq!(app.version_secret, "c2VjcmV0LXNlY3JldC1zZQ");
    assert_eq!((app.stage, app.taken_at), (Stage::Sending, 100.0));
}

#[test]
fn a_retry_of_the_same_answers_is_the_same_version_with_the_same_body() {
    let c = cycle();
    let a = answers(&[("name", text("Ada")), ("skill", Value::Number(3))]);
    let first = first_app(&a);
    let mut waited = first.clone();
    waited.stage = Stage::Waiting;
    let again = next_send(
        Some(&waited),
        &a,
        fixed(&no_new_reference, &|| "T2".into()),
        150.0,
    );
    assert_eq!(
        (again.version, again.submitted_at.as_str(), again.stage),
        (1, "T1", Stage::Sending)
    );
    assert_eq!(again.version_secret, first.version_secret);
    let r1 = prepare(&c, "/api", &a, &meta_of(&first));
    let r2 = prepare(&c, "/api", &a, &meta_of(&again));
    assert_eq!(r1, r2, "a retry must send the very same request");
}

#[test]
fn an_edit_after_a_send_is_the_next_version_of_the_same_application() {
    let a = answers(&[("name", text("Ada"))]);
    let edited = answers(&[("name", text("Ada Lovelace"))]);
    for stage in [Stage::Sending, Stage::Waiting, Stage::Confirmed] {
        let mut first = first_app(&a);
        first.stage = stage;
        let second = next_send(
            Some(&first),
            &edited,
            fixed(&no_new_reference, &|| "T2".into()),
            200.0,
        );
        assert_eq!(second.reference, "ref-1");
        assert_eq!(
            second.version_secret, first.version_secret,
            "one secret per application"
        );
        assert_eq!(second.version, 2);
        assert_eq!(second.submitted_at, "T2");
        assert_ne!(second.fingerprint, first.fingerprint);
        assert_eq!(meta_of(&first).idempotency_key(), "ref-1.v1");
        assert_eq!(meta_of(&second).idempotency_key(), "ref-1.v2");
    }
}

#[test]
fn a_reused_key_moves_to_the_next_version() {
    let a = answers(&[("name", text("Ada"))]);
    let first = first_app(&a);
    let next = bumped(&first, "T3".into());
    assert_eq!(
        (
            next.reference.as_str(),
            next.version,
            next.submitted_at.as_str(),
            next.version_secret.as_str()
        ),
        ("ref-1", 2, "T3", first.version_secret.as_str())
    );
}

#[test]
fn payloads_carry_the_reference_the_version_and_the_secret() {
    let c = cycle();
    let a = answers(&[("name", text("Ada"))]);
    let mut app = first_app(&a);
    app.version = 3;
    let meta = meta_of(&app);
    let body: serde_json::Value = serde_json::from_str(&encode_json(&c, &a, &meta)).unwrap();
    assert_eq!(body["schema_version"], json!(2));
    assert_eq!(body["reference"], json!("ref-1"));
    assert_eq!(body["version"], json!(3));
    assert_eq!(body["version_secret"], json!("c2VjcmV0LXNlY3JldC1zZQ"));
    assert!(encode_form(&c, &a, &meta)
        .contains("&reference=ref-1&version=3&version_secret=c2VjcmV0LXNlY3JldC1zZQ&"));
    let req = prepare(&c, "/api", &a, &meta);
    assert!(req
        .headers
        .contains(&("Idempotency-Key".to_string(), "ref-1.v3".to_string())));
}

#[test]
fn the_secret_is_16_bytes_in_base64url_without_padding() {
    // RFC 4648 §10 test vectors (base64url has the same output for these).
    for (input, out) in [
        ("", ""),
        ("f", "Zg"),
        ("fo", "Zm8"),
        ("foo", "Zm9v"),
        ("foob", "Zm9vYg"),
        ("fooba", "Zm9vYmE"),
        ("foobar", "Zm9vYmFy"),
    ] {
        assert_eq!(base64url(input.as_bytes()), out, "{input:?}");
    }
    // The URL-safe alphabet: 0xfb 0xff -> "-_8" (standard base64: "+/8=").
    assert_eq!(base64url(&[0xfb, 0xff]), "-_8");
    let secret = secret_from_bytes([0xff; 16]);
    assert_eq!(secret.len(), 22);
    assert_eq!(secret, "_____________________w");
    assert_eq!(secret_from_bytes([0; 16]), "AAAAAAAAAAAAAAAAAAAAAA");
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

/// The copy's text is what the document built as a JSON value wrote before
/// it was written from a struct: the same members, in the same order.
#[test]
fn the_copy_is_written_as_its_sorted_json_document() {
    let c = cycle();
    let a = answers(&[("name", text("Zoë")), ("years", text("3"))]);
    for kept in [
        KeptAside::new(),
        KeptAside::from([("website".into(), json!(["a", 1]))]),
    ] {
        let readable: serde_json::Map<String, serde_json::Value> = c
            .fields()
            .map(|f| {
                (
                    f.label.clone(),
                    json!(mentor_form::form::rules::display_answer(&c, f, &a)),
                )
            })
            .collect();
        let mut doc = json!({
            "cycle": c.title, "cycle_id": c.id.as_str(), "saved_at": "T",
            "answers": a, "readable": readable,
        });
        if !kept.is_empty() {
            doc["no_longer_asked"] = json!(kept);
        }
        assert_eq!(
            answers_copy(&c, &a, &kept, "T"),
            serde_json::to_string_pretty(&doc).unwrap()
        );
    }
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

#[test]
fn edit_times_are_compared_as_times_whatever_their_json_form() {
    // A record written elsewhere may hold whole numbers; `4` and `4.0` are one
    // time, so reading such a record back never looks like a change to write.
    let c = cycle();
    let d = loaded(
        &c,
        r#"{"revision": 2, "answers": {"name": "Ada"}, "edited_at": {"name": 4, "years": 5.5}}"#,
    );
    assert_eq!(d.edited_at, times(&[("name", 4.0), ("years", 5.5)]));
    assert_ne!(d.edited_at, times(&[("name", 4.0)]));
    assert_ne!(d.edited_at, times(&[("name", 4.0), ("years", 6.0)]));
    let theirs = d.stamped();
    assert_eq!(merge_newest(&theirs, &theirs.clone()), theirs);
    // Something that is no time counts as never edited.
    let odd = loaded(
        &c,
        r#"{"revision": 2, "answers": {"name": "Ada"}, "edited_at": {"name": "soon"}}"#,
    );
    assert_eq!(odd.edited_at.at(&fid("name")), 0.0);
}

/// A field id of the fixture.
fn fid(s: &str) -> FieldId {
    FieldId::new(s).expect("a field id")
}

/// The payload metadata of a version.
fn meta_of(app: &Application) -> cycle::payload::Meta {
    app.meta()
}
