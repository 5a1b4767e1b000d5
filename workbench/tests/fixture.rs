//! The hand-made fixture (tests/fixtures/mentors.jsonl, mentees.jsonl) has a
//! known best pairing, which a greedy "best pair first" would miss: Luis
//! Romero can only have Daniel Reyes (every other mentor asked for their own
//! region), although Hannah Berg scores higher with Daniel (150 against 140).
//!
//! | mentor | mentee | score | why |
//! |---|---|---|---|
//! | Maya Okafor (IL, asked region) | Ana Ruiz (OH, asked region, asked gender) | 140 | Midwest; "Woman"; outreach 5/2, admin 4/2, five 4/3 |
//! | Daniel Reyes (CA, asked ethnicity) | Luis Romero (AZ, asked ethnicity) | 140 | both "Latino"; reference, programming, materials 5/3 |
//! | Grace Liu (NY, asked region, asked gender) | Hannah Berg (VT) | 120 | Northeast; "woman"; client, reference, materials 3/1, programming 2/1, admin 3/2 |
//! | Samuel Brooks (TX, asked region) | Priya Shah (GA, asked region) | 140 | South; every competency 4/2 |
//!
//! Zoë O'Brien-Søren (Puerto Rico, asked region) has no mentor in the
//! Caribbean territories. The same holds for the files the real receiver
//! exported from these applications (`*.export.jsonl`, made by
//! `through-receiver.mjs`: answers typed by their kinds, with the form-encoded
//! mentee cycle's text read back into numbers, lists and `true`, and each
//! answer's readable words next to it).

use workbench::census::Region;
use workbench::csv_out::matches_csv;
use workbench::exports::Applications;
use workbench::matching::{suggest, Area, English, PairRef, PinProblem, Settings, UnmatchedReason};
use workbench::people::{people_from_rows, FieldMap, Person, Role};

const LABELS: [&str; 7] = [
    "Commitment to Client Group",
    "Reference and User Services",
    "Programming Skills",
    "Knowledge, Curation, and Management of Materials",
    "Outreach and Advocacy",
    "Administrative and Management Skills",
    "Professionalism and Professional Development",
];

fn people(file: &str, cycle: &str) -> Vec<Person> {
    let bytes = std::fs::read(format!(
        "{}/tests/fixtures/{file}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let mut apps = Applications::new();
    let report = apps.add_file(file, &bytes, Some(cycle));
    assert!(
        report.messages_en().is_empty(),
        "{:?}",
        report.messages_en()
    );
    let (people, problems) =
        people_from_rows(apps.of_cycle(cycle).map(|r| &r.row), &FieldMap::shipped());
    assert!(problems.is_empty(), "{problems:?}");
    people
}

fn name_pairs(
    mentors: &[Person],
    mentees: &[Person],
    settings: &Settings,
) -> Vec<(String, String, u64)> {
    suggest(mentors, mentees, settings)
        .pairs
        .iter()
        .map(|p| {
            (
                mentors[p.mentor].name.clone(),
                mentees[p.mentee].name.clone(),
                p.score,
            )
        })
        .collect()
}

fn expected() -> Vec<(String, String, u64)> {
    [
        ("Maya Okafor", "Ana Ruiz", 140),
        ("Daniel Reyes", "Luis Romero", 140),
        ("Grace Liu", "Hannah Berg", 120),
        ("Samuel Brooks", "Priya Shah", 140),
    ]
    .into_iter()
    .map(|(a, b, s)| (a.to_string(), b.to_string(), s))
    .collect()
}

#[test]
fn the_known_best_pairing_from_the_hand_made_and_the_exported_files() {
    for (mentor_file, mentee_file) in [
        ("mentors.jsonl", "mentees.jsonl"),
        ("mentors.export.jsonl", "mentees.export.jsonl"),
    ] {
        let mentors = people(mentor_file, "fall-2020-mentor");
        let mentees = people(mentee_file, "fall-2020-mentee");
        let settings = Settings::default();
        assert_eq!(
            name_pairs(&mentors, &mentees, &settings),
            expected(),
            "{mentor_file}"
        );
        let s = suggest(&mentors, &mentees, &settings);
        assert_eq!(s.total_score, 540);
        assert_eq!(s.unmatched.len(), 1);
        assert_eq!(s.unmatched[0].role, Role::Mentee);
        assert_eq!(mentees[s.unmatched[0].index].name, "Zoë O'Brien-Søren");
        assert_eq!(
            s.unmatched[0].reason,
            UnmatchedReason::NoneInArea {
                area: Area::Region(Region::CaribbeanTerritories)
            }
        );
    }
}

#[test]
fn each_pair_is_explained_in_words() {
    let mentors = people("mentors.export.jsonl", "fall-2020-mentor");
    let mentees = people("mentees.export.jsonl", "fall-2020-mentee");
    let s = suggest(&mentors, &mentees, &Settings::default());
    let labels: Vec<String> = LABELS.iter().map(|l| l.to_string()).collect();
    let words = English::new(&labels);
    let texts: Vec<Vec<String>> = s
        .pairs
        .iter()
        .map(|p| p.reasons.iter().map(|r| words.pair_reason(r)).collect())
        .collect();
    assert_eq!(
        texts[0],
        vec![
            "Both in the Midwest, as both asked",
            "Both describe their gender as \u{2018}Woman\u{2019}, as the mentee asked",
            "The mentor rates Outreach and Advocacy 5 where the mentee rates 2",
            "The mentor rates Administrative and Management Skills 4 where the mentee rates 2",
            "The mentor rates Commitment to Client Group 4 where the mentee rates 3",
            "The mentor rates Reference and User Services 4 where the mentee rates 3",
            "The mentor rates Programming Skills 4 where the mentee rates 3",
            "The mentor rates Knowledge, Curation, and Management of Materials 4 where the mentee rates 3",
            "The mentor rates Professionalism and Professional Development 4 where the mentee rates 3",
        ]
    );
    assert_eq!(
        texts[1][0],
        "Both describe their ethnicity as \u{2018}Latino\u{2019}, as both asked"
    );
    assert_eq!(
        texts[2][..2],
        [
            "Both in the Northeast, as the mentor asked",
            "Both describe their gender as \u{2018}woman\u{2019}, as the mentor asked",
        ]
    );
    assert_eq!(texts[3][0], "Both in the South, as both asked");
    assert_eq!(
        words.unmatched(Role::Mentee, s.unmatched[0].reason),
        "No mentor in their region (Caribbean territories)"
    );
    // Points in the reasons add up to the score.
    for p in &s.pairs {
        assert_eq!(
            p.reasons.iter().map(|r| u64::from(r.points())).sum::<u64>(),
            p.score
        );
    }
}

#[test]
fn pins_and_rule_outs_change_the_fixture_result() {
    let mentors = people("mentors.jsonl", "fall-2020-mentor");
    let mentees = people("mentees.jsonl", "fall-2020-mentee");
    let refs = |m: usize, e: usize| PairRef::new(&mentors[m].reference, &mentees[e].reference);

    // Pin Daniel with Hannah: Luis then has nobody (Grace wants the Northeast).
    let mut settings = Settings::default();
    settings.pins.push(refs(1, 3));
    let s = suggest(&mentors, &mentees, &settings);
    assert!(s.pins_not_applied.is_empty());
    let daniel = s.pairs.iter().find(|p| p.mentor == 1).unwrap();
    assert_eq!((daniel.mentee, daniel.pinned, daniel.score), (3, true, 150));
    let luis = s
        .unmatched
        .iter()
        .find(|u| u.role == Role::Mentee && u.index == 1)
        .unwrap();
    assert_eq!(luis.reason, UnmatchedReason::AllTaken { area: None });
    let grace = s
        .unmatched
        .iter()
        .find(|u| u.role == Role::Mentor && u.index == 2)
        .unwrap();
    assert_eq!(
        grace.reason,
        UnmatchedReason::AllTaken {
            area: Some(Area::Region(Region::Northeast))
        }
    );

    // A pin across regions someone asked for is refused and reported.
    let mut settings = Settings::default();
    settings.pins.push(refs(0, 2));
    let s = suggest(&mentors, &mentees, &settings);
    assert_eq!(s.pins_not_applied.len(), 1);
    assert!(matches!(
        s.pins_not_applied[0].problem,
        PinProblem::BreaksRegionRule(_)
    ));
    assert_eq!(name_pairs(&mentors, &mentees, &settings), expected());

    // Rule out Daniel–Luis: Luis is left with nobody.
    let mut settings = Settings::default();
    settings.rule_outs.insert(refs(1, 1));
    let s = suggest(&mentors, &mentees, &settings);
    let luis = s
        .unmatched
        .iter()
        .find(|u| u.role == Role::Mentee && u.index == 1)
        .unwrap();
    assert_eq!(luis.reason, UnmatchedReason::RuledOutWithAll);
    assert!(s.pairs.iter().any(|p| p.mentor == 1 && p.mentee == 3));

    // Daniel takes two: still one each for Luis and Hannah at best, but Hannah
    // now goes where she scores most.
    let mut settings = Settings::default();
    settings.capacity.insert(mentors[1].reference.clone(), 2);
    let s = suggest(&mentors, &mentees, &settings);
    let daniels: Vec<usize> = s
        .pairs
        .iter()
        .filter(|p| p.mentor == 1)
        .map(|p| p.mentee)
        .collect();
    assert_eq!(daniels, vec![1, 3]);
    assert_eq!(s.total_score, 140 + 140 + 150 + 140);
    let grace = s
        .unmatched
        .iter()
        .find(|u| u.role == Role::Mentor && u.index == 2)
        .unwrap();
    assert_eq!(
        grace.reason,
        UnmatchedReason::AllTaken {
            area: Some(Area::Region(Region::Northeast))
        }
    );
}

#[test]
fn the_matches_csv_of_the_fixture() {
    let mentors = people("mentors.export.jsonl", "fall-2020-mentor");
    let mentees = people("mentees.export.jsonl", "fall-2020-mentee");
    let s = suggest(&mentors, &mentees, &Settings::default());
    let labels: Vec<String> = LABELS.iter().map(|l| l.to_string()).collect();
    let words = English::new(&labels);
    let bytes = matches_csv(
        &s,
        &mentors,
        &mentees,
        Settings::default().region.rule,
        &words,
    )
    .unwrap();
    assert!(bytes.starts_with("\u{feff}".as_bytes()));
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header,
        [
            "Status",
            "Mentor",
            "Mentor reference",
            "Mentee",
            "Mentee reference",
            "Region",
            "Score",
            "Reasons"
        ]
    );
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    assert_eq!(rows.len(), 5);
    assert_eq!(
        rows[0][..4],
        ["Matched", "Maya Okafor", &mentors[0].reference, "Ana Ruiz"]
    );
    assert_eq!(rows[0][5], "Midwest");
    assert_eq!(rows[0][6], "140");
    assert!(rows[0][7].starts_with(
        "Both in the Midwest, as both asked; both describe their gender as \u{2018}Woman\u{2019}, as the mentee asked; the mentor rates Outreach and Advocacy 5 where the mentee rates 2;"
    ));
    assert_eq!(rows[1][5], "West");
    assert_eq!(
        rows[4],
        [
            "Unmatched",
            "",
            "",
            "Zoë O'Brien-Søren",
            &mentees[4].reference,
            "Caribbean territories",
            "",
            "No mentor in their region (Caribbean territories)"
        ]
    );
    assert!(text.contains("\r\n"));
}
