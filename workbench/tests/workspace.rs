//! What the staff page does with the files it is given, without a browser:
//! telling cycle files from exports, the table's columns and cells as the
//! review page words them, confidential columns, the field map from a typed
//! cycle, the pairing of a mentor and a mentee export, the matching worker's
//! messages and a kept session.

use std::collections::BTreeMap;

use serde_json::{json, Value};
use workbench::from_cycle::{field_map, CycleMapError};
use workbench::matching::{suggest, PairRef, Settings};
use workbench::people::{FieldMap, MappedFact, Role};
use workbench::protocol::{answer, SuggestRequest, WorkerReply};
use workbench::saved::{RestoreProblem, SavedSession};
use workbench::sheet::{applicant_page, ColumnKey, Sheet};
use workbench::table::{ChoiceFilter, Query};
use workbench::workspace::{is_cycle_file, CycleOrigin, Opened, PairingProblem, Tone, Workspace};

fn read(path: &str) -> String {
    std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn shipped() -> Vec<(&'static str, String)> {
    vec![
        (
            "fall-2020-mentor.json",
            read("../public/cycles/fall-2020-mentor.json"),
        ),
        (
            "fall-2020-mentee.json",
            read("../public/cycles/fall-2020-mentee.json"),
        ),
    ]
}

fn workspace() -> Workspace {
    let files = shipped();
    let pairs: Vec<(&str, &str)> = files.iter().map(|(n, t)| (*n, t.as_str())).collect();
    let (ws, problems) = Workspace::new(&pairs);
    assert!(problems.is_empty(), "{problems:?}");
    ws
}

fn open_fixtures(ws: &mut Workspace) {
    for name in ["mentors.export.jsonl", "mentees.export.jsonl"] {
        let opened = ws.open(name, read(&format!("tests/fixtures/{name}")).as_bytes());
        let problems: Vec<String> = opened
            .messages_en()
            .into_iter()
            .filter(|(t, _)| *t == Tone::Problem)
            .map(|(_, m)| m)
            .collect();
        assert!(problems.is_empty(), "{problems:?}");
    }
}

#[test]
fn both_exports_give_the_known_best_pairing() {
    let mut ws = workspace();
    open_fixtures(&mut ws);
    let groups: Vec<(&str, Option<Role>, usize, bool)> = ws
        .groups()
        .iter()
        .map(|g| (g.cycle_id, g.role, g.applications, g.cycle.is_some()))
        .collect();
    assert_eq!(
        groups,
        vec![
            ("fall-2020-mentor", Some(Role::Mentor), 4, true),
            ("fall-2020-mentee", Some(Role::Mentee), 5, true)
        ]
    );
    let pairing = ws.pairing().unwrap();
    assert!(pairing.problems.is_empty(), "{:?}", pairing.problems);
    assert_eq!(pairing.competency_labels.len(), 7);
    assert_eq!(pairing.competency_labels[4], "Outreach and Advocacy");
    let s = suggest(&pairing.mentors, &pairing.mentees, &Settings::default());
    assert_eq!(s.total_score, 540);
    let names: Vec<(&str, &str)> = s
        .pairs
        .iter()
        .map(|p| {
            (
                pairing.mentors[p.mentor].name.as_str(),
                pairing.mentees[p.mentee].name.as_str(),
            )
        })
        .collect();
    assert_eq!(
        names,
        vec![
            ("Maya Okafor", "Ana Ruiz"),
            ("Daniel Reyes", "Luis Romero"),
            ("Grace Liu", "Hannah Berg"),
            ("Samuel Brooks", "Priya Shah")
        ]
    );
}

#[test]
fn the_table_reads_as_the_review_page_in_the_cycles_order() {
    let mut ws = workspace();
    open_fixtures(&mut ws);
    let known = ws.cycle("fall-2020-mentee").unwrap();
    let rows: Vec<_> = ws
        .applications()
        .of_cycle("fall-2020-mentee")
        .map(|r| &r.row)
        .collect();
    let sheet = Sheet::new(&known.cycle, rows.iter().copied());
    let labels: Vec<&str> = sheet.columns.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(labels[0], "I am 18 or older");
    assert_eq!(labels[1], "First name");
    assert_eq!(labels[8], "State");
    assert_eq!(
        &labels[labels.len() - 3..],
        ["Versions received", "Received (UTC)", "Reference"]
    );
    let col = |id: &str| sheet.columns.iter().position(|c| c.id == id).unwrap();
    let text = |row: usize, id: &str| sheet.table.cell(row, col(id)).unwrap().text.clone();
    // Ana Ruiz, row 0.
    assert_eq!(sheet.names[0], "Ana Ruiz");
    assert_eq!(text(0, "state"), "Ohio");
    assert_eq!(text(0, "age_confirmed"), "Yes");
    assert_eq!(text(0, "ways_to_meet"), "Email\nVideo call");
    assert_eq!(text(0, "start_date"), "15 January 2021");
    assert_eq!(text(0, "comp_outreach"), "2 of 5, towards Uncomfortable");
    assert_eq!(text(0, "gender_match"), "Yes, if possible");
    assert_eq!(text(0, ":versions"), "1");
    assert_eq!(text(1, "ethnicity"), "latino");
    // Zoë's goals are text, never markup or a formula.
    assert_eq!(
        text(4, "goals"),
        "Outreach <b>not bold</b> & =SUM(1) stays text."
    );
    // A missing answer is an empty cell.
    assert_eq!(text(2, "gender"), "");

    let confidential: Vec<&str> = sheet
        .columns
        .iter()
        .filter(|c| c.confidential)
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(
        confidential,
        vec![
            "phone",
            "gender",
            "gender_match",
            "ethnicity",
            "ethnicity_match"
        ]
    );
    assert_eq!(
        sheet.columns[col("ways_to_meet")].choices,
        vec!["Email", "Phone", "Video call", "In person"]
    );
    assert_eq!(sheet.columns[col("comp_outreach")].choices.len(), 5);
    assert!(sheet.columns[col("goals")].choices.is_empty());
    assert!(
        !sheet
            .columns
            .iter()
            .any(|c| c.key == ColumnKey::SuspectedAutomated),
        "no row is flagged"
    );

    // Filter by a choice, by a rating's words, and by text over visible
    // columns only: a hidden confidential column never makes a row match.
    let by = |column: &str, accepted: &[&str]| ChoiceFilter {
        column: col(column),
        accepted: accepted.iter().map(|s| s.to_string()).collect(),
    };
    let q = Query {
        choices: vec![by("ways_to_meet", &["Video call"])],
        ..Query::default()
    };
    assert_eq!(sheet.table.view(&q), vec![0]);
    let q = Query {
        choices: vec![by(
            "comp_outreach",
            &["3 of 5, between Uncomfortable and Comfortable"],
        )],
        ..Query::default()
    };
    assert_eq!(sheet.table.view(&q), vec![1, 3, 4]);
    let visible: Vec<usize> = (0..sheet.columns.len())
        .filter(|&c| !sheet.columns[c].confidential)
        .collect();
    let all: Vec<usize> = (0..sheet.columns.len()).collect();
    let search = |cols: Vec<usize>| {
        sheet.table.view(&Query {
            text: "woman".into(),
            search_columns: cols,
            ..Query::default()
        })
    };
    assert_eq!(search(visible), Vec::<usize>::new());
    assert_eq!(search(all), vec![0, 3]);
}

#[test]
fn the_applicants_page_has_every_answer_by_section() {
    let mut ws = workspace();
    open_fixtures(&mut ws);
    let known = ws.cycle("fall-2020-mentee").unwrap();
    let mut row = ws
        .applications()
        .of_cycle("fall-2020-mentee")
        .next()
        .unwrap()
        .row
        .clone();
    row.answers.insert("old_question".into(), json!("kept"));
    row.readable
        .insert("old_question".into(), json!("Kept, as worded"));
    let (sections, others) = applicant_page(&known.cycle, &row);
    assert_eq!(sections.len(), known.cycle.sections.len());
    let gender = sections
        .iter()
        .flat_map(|s| &s.answers)
        .find(|a| a.field_id == "gender")
        .unwrap();
    assert_eq!(gender.text.as_deref(), Some("Woman"));
    assert!(gender.confidential);
    let ethnicity = sections
        .iter()
        .flat_map(|s| &s.answers)
        .find(|a| a.field_id == "ethnicity")
        .unwrap();
    assert_eq!(ethnicity.text, None);
    assert_eq!(
        others,
        vec![("old_question".to_string(), "Kept, as worded".to_string())]
    );
}

#[test]
fn a_broken_export_names_file_line_and_problem_and_keeps_good_rows() {
    let mut ws = workspace();
    let good = read("tests/fixtures/mentors.export.jsonl");
    let mut lines: Vec<&str> = good.lines().collect();
    lines.insert(1, "{\"reference\": \"broken");
    lines.insert(3, r#"{"export_version":2,"cycle_id":"fall-2020-mentor","reference":"r","version":1,"answers":{}}"#);
    let text = lines.join("\n");
    let opened = ws.open("mentors-broken.jsonl", text.as_bytes());
    let messages: Vec<(Tone, String)> = opened.messages_en();
    assert_eq!(
        messages,
        vec![
            (
                Tone::Done,
                "mentors-broken.jsonl: 4 applications added of the cycle \"fall-2020-mentor\""
                    .to_string()
            ),
            (
                Tone::Problem,
                "mentors-broken.jsonl, line 2: not JSON (the line ends inside a value, column 21)"
                    .to_string()
            ),
            (
                Tone::Problem,
                "mentors-broken.jsonl, line 4: the row is in a newer export format (2) than this \
                 page reads (1); update the workbench"
                    .to_string()
            ),
        ]
    );
    assert_eq!(ws.applications().rows().len(), 4);
}

#[test]
fn cycle_files_are_told_from_exports_and_replace_the_shipped_copy() {
    let mut ws = workspace();
    let mentor = read("../public/cycles/fall-2020-mentor.json");
    let export = read("tests/fixtures/mentors.export.jsonl");
    assert!(is_cycle_file("anything.txt", mentor.as_bytes()));
    assert!(!is_cycle_file("mentors.json", export.as_bytes()));
    assert!(!is_cycle_file("mentors.jsonl", export.as_bytes()));
    assert!(is_cycle_file(
        "broken-cycle.json",
        b"{\n  \"id\": \"x\",\n  oops\n}"
    ));

    let mut edited: Value = serde_json::from_str(&mentor).unwrap();
    edited["sections"][1]["fields"][0]["label"] = json!("Given name");
    let opened = ws.open("my-mentor-cycle.json", edited.to_string().as_bytes());
    assert_eq!(
        opened,
        Opened::Cycle {
            file: "my-mentor-cycle.json".into(),
            cycle_id: "fall-2020-mentor".into(),
            replaced: Some(CycleOrigin::Shipped),
            map_problem: None
        }
    );
    assert_eq!(
        opened.messages_en()[0].1,
        "my-mentor-cycle.json: the cycle \"fall-2020-mentor\" is used for its applications \
         (instead of the shipped copy)"
    );
    ws.open("mentors.export.jsonl", export.as_bytes());
    let known = ws.cycle("fall-2020-mentor").unwrap();
    let rows: Vec<_> = ws.applications().rows().iter().map(|r| &r.row).collect();
    let sheet = Sheet::new(&known.cycle, rows.iter().copied());
    assert_eq!(sheet.columns[1].label, "Given name");

    let bad = ws.open("broken-cycle.json", b"{\n  \"id\": \"x\",\n  oops\n}");
    let Opened::BadCycle { problems, .. } = &bad else {
        panic!("{bad:?}")
    };
    assert!(problems[0].contains("line 3"), "{problems:?}");
    assert_eq!(
        bad.messages_en()[0],
        (
            Tone::Problem,
            "broken-cycle.json is a cycle file with problems; nothing was added".to_string()
        )
    );
    assert_eq!(ws.files().len(), 2, "the bad cycle is not kept");
}

#[test]
fn applications_of_an_unknown_cycle_wait_for_its_cycle_file() {
    let mut ws = workspace();
    let mentee = read("../public/cycles/fall-2020-mentee.json");
    let export =
        read("tests/fixtures/mentees.export.jsonl").replace("fall-2020-mentee", "spring-2021");
    let opened = ws.open("spring.jsonl", export.as_bytes());
    assert_eq!(
        opened.messages_en()[1].1,
        "spring.jsonl: the applications of the cycle \"spring-2021\" need its cycle file; open \
         it too to see them"
    );
    ws.open(
        "mentors.export.jsonl",
        read("tests/fixtures/mentors.export.jsonl").as_bytes(),
    );
    assert_eq!(
        ws.pairing().unwrap_err(),
        PairingProblem::NoCycle {
            cycle_id: "spring-2021".into()
        }
    );
    let mut cycle: Value = serde_json::from_str(&mentee).unwrap();
    cycle["id"] = json!("spring-2021");
    ws.open("spring-2021.json", cycle.to_string().as_bytes());
    // Its id does not say which side it is: staff do.
    assert_eq!(
        ws.pairing().unwrap_err(),
        PairingProblem::RoleUnknown {
            cycle_id: "spring-2021".into()
        }
    );
    assert_eq!(
        ws.pairing().unwrap_err().to_string(),
        "Say whether the applications of \"spring-2021\" are mentors or mentees."
    );
    ws.set_role("spring-2021", Role::Mentee);
    let pairing = ws.pairing().unwrap();
    assert_eq!((pairing.mentors.len(), pairing.mentees.len()), (4, 5));
}

#[test]
fn the_field_map_from_a_typed_cycle_names_what_is_missing() {
    let mentor = read("../public/cycles/fall-2020-mentor.json");
    let mut v: Value = serde_json::from_str(&mentor).unwrap();
    // Drop the ethnicity wish question.
    let fields = v["sections"][3]["fields"].as_array_mut().unwrap();
    assert_eq!(fields[1]["id"], "ethnicity_match");
    fields.remove(1);
    let c = cycle::parse(&v.to_string()).unwrap();
    let Err(CycleMapError::Missing(e)) = field_map(&c) else {
        panic!()
    };
    assert_eq!(
        e.missing,
        vec![(MappedFact::EthnicityWish, "ethnicity_match".to_string())]
    );

    let mut v: Value = serde_json::from_str(&mentor).unwrap();
    v["sections"][2]["fields"][1]["options"][0]["value"] = json!("si");
    let c = cycle::parse(&v.to_string()).unwrap();
    let err = field_map(&c).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the question \"gender_match\" (wish to share gender) has no choice with the value \
         \"yes\", which matching reads as a wish"
    );

    // Fewer competencies: the map follows the cycle; pairing it with the
    // shipped mentee cycle is refused.
    let mut v: Value = serde_json::from_str(&mentor).unwrap();
    v["sections"][5]["fields"].as_array_mut().unwrap().pop();
    let c = cycle::parse(&v.to_string()).unwrap();
    let map = field_map(&c).unwrap();
    assert_eq!(map.ratings.len(), 6);
    assert!(FieldMap::check_pair(&map, &FieldMap::shipped()).is_err());
}

#[test]
fn the_worker_answers_exactly_what_suggest_gives() {
    let mut ws = workspace();
    open_fixtures(&mut ws);
    let pairing = ws.pairing().unwrap();
    let mut settings = Settings::default();
    settings.rule_outs.insert(PairRef::new(
        pairing.mentors[0].reference.clone(),
        pairing.mentees[0].reference.clone(),
    ));
    let request = SuggestRequest {
        id: 7,
        mentors: pairing.mentors.clone(),
        mentees: pairing.mentees.clone(),
        settings: settings.clone(),
    };
    let json = serde_json::to_string(&request).unwrap();
    let reply = answer(&json);
    let expected = suggest(&pairing.mentors, &pairing.mentees, &settings);
    assert_eq!(
        reply,
        WorkerReply::Suggested {
            id: 7,
            suggestion: expected.clone()
        }
    );
    // Through JSON and back, as the page reads it.
    let text = workbench::protocol::to_json(&reply);
    let back: WorkerReply = serde_json::from_str(&text).unwrap();
    assert_eq!(back, reply);
    assert!(
        expected.total_score < 540,
        "the rule-out changed the result"
    );
    assert!(matches!(
        answer("{\"id\":"),
        WorkerReply::Failed { id: None, .. }
    ));
}

#[test]
fn a_kept_session_reopens_the_same_files_and_settings() {
    let mut ws = workspace();
    open_fixtures(&mut ws);
    ws.set_role("fall-2020-mentor", Role::Mentor);
    let mut settings = Settings::default();
    settings.weights.gender = 55;
    settings
        .capacity
        .insert("3f2b8c1e-6d4a-4b7e-9a51-0c8d2e7f1a01".into(), 2);
    settings.pins.push(PairRef::new("a", "b"));
    let mut hidden = BTreeMap::new();
    hidden.insert("fall-2020-mentee".to_string(), vec!["goals".to_string()]);
    let saved = SavedSession::new(&ws, &settings, &hidden);
    let text = saved.to_json();

    let back = SavedSession::from_json(&text).unwrap();
    assert_eq!(back, saved);
    let mut fresh = workspace();
    let opened = back.restore_into(&mut fresh);
    assert_eq!(opened.len(), 2);
    assert_eq!(fresh.applications().rows(), ws.applications().rows());
    assert_eq!(fresh.roles_set(), ws.roles_set());
    assert_eq!(back.settings, settings);
    assert_eq!(back.hidden_columns, hidden);

    let mut newer: Value = serde_json::from_str(&text).unwrap();
    newer["format"] = json!(2);
    assert_eq!(
        SavedSession::from_json(&newer.to_string()),
        Err(RestoreProblem::NewerFormat(2))
    );
    assert!(matches!(
        SavedSession::from_json("{\"format\":1}"),
        Err(RestoreProblem::NotASession(_))
    ));
}

#[test]
fn pins_rule_outs_and_capacity_on_the_fixture() {
    let mut ws = workspace();
    open_fixtures(&mut ws);
    let p = ws.pairing().unwrap();
    let mentor = |name: &str| {
        p.mentors
            .iter()
            .find(|m| m.name == name)
            .unwrap()
            .reference
            .clone()
    };
    let mentee = |name: &str| {
        p.mentees
            .iter()
            .find(|m| m.name == name)
            .unwrap()
            .reference
            .clone()
    };
    let mut settings = Settings::default();
    settings
        .pins
        .push(PairRef::new(mentor("Daniel Reyes"), mentee("Hannah Berg")));
    settings
        .rule_outs
        .insert(PairRef::new(mentor("Maya Okafor"), mentee("Ana Ruiz")));
    let names = |settings: &Settings| {
        let s = suggest(&p.mentors, &p.mentees, settings);
        let pairs: Vec<(String, String, bool)> = s
            .pairs
            .iter()
            .map(|x| {
                (
                    p.mentors[x.mentor].name.clone(),
                    p.mentees[x.mentee].name.clone(),
                    x.pinned,
                )
            })
            .collect();
        let unmatched: Vec<String> = s
            .unmatched
            .iter()
            .map(|u| match u.role {
                Role::Mentor => format!("mentor {}: {:?}", p.mentors[u.index].name, u.reason),
                Role::Mentee => format!("mentee {}: {:?}", p.mentees[u.index].name, u.reason),
            })
            .collect();
        (pairs, unmatched)
    };
    let pair = |a: &str, b: &str, pinned: bool| (a.to_string(), b.to_string(), pinned);
    let (pairs, unmatched) = names(&settings);
    assert_eq!(
        pairs,
        vec![
            pair("Daniel Reyes", "Hannah Berg", true),
            pair("Samuel Brooks", "Priya Shah", false)
        ]
    );
    assert_eq!(
        unmatched,
        vec![
            "mentee Ana Ruiz: RuledOutWithAll",
            "mentee Luis Romero: AllTaken { area: None }",
            "mentee Zoë O'Brien-Søren: NoneInArea { area: Region(CaribbeanTerritories) }",
            "mentor Maya Okafor: RuledOutWithAll",
            "mentor Grace Liu: AllTaken { area: Some(Region(Northeast)) }"
        ]
    );
    // Daniel takes a second mentee: Luis, whom only he could have.
    settings.capacity.insert(mentor("Daniel Reyes"), 2);
    let (pairs, unmatched) = names(&settings);
    assert_eq!(
        pairs,
        vec![
            pair("Daniel Reyes", "Luis Romero", false),
            pair("Daniel Reyes", "Hannah Berg", true),
            pair("Samuel Brooks", "Priya Shah", false)
        ]
    );
    assert_eq!(unmatched.len(), 4);
}

#[test]
fn the_end_to_end_fixture_cycles_read_like_the_shipped_ones() {
    for side in ["mentor", "mentee"] {
        let text = read(&format!(
            "../tests/e2e/fixtures/workbench-{side}-cycle.json"
        ));
        let c = cycle::parse(&text).unwrap();
        assert_eq!(c.id.as_str(), format!("fixture-{side}"));
        assert_eq!(field_map(&c), Ok(FieldMap::shipped()), "{side}");
        let city = c.field_named("city").unwrap();
        assert!(
            city.confidential,
            "the fixture marks a question confidential"
        );
    }
}
