//! Reading exports: every bad-line case with its message, and the good rows
//! still load.

use workbench::exports::{
    Applications, CycleSource, Expected, FileProblem, JsonFault, JsonKind, LineProblem, Place,
    Version, SUPPORTED_EXPORT_VERSION,
};

fn row(reference: &str, cycle: &str, version: u64, answers: &str) -> String {
    format!(
        r#"{{"reference":"{reference}","version":{version},"versions":{version},"received_at":"2020-11-10T15:00:00.000Z","submitted_at":"2020-11-10T15:00:00Z","cycle_id":"{cycle}","answers":{answers}}}"#
    )
}

fn messages(report: &workbench::exports::FileReport) -> Vec<String> {
    report.messages_en()
}

#[test]
fn every_bad_line_is_reported_with_file_line_and_problem() {
    let mut lines: Vec<Vec<u8>> = vec![
        row("r1", "mentor", 1, r#"{"first_name":"Ana"}"#).into_bytes(), // 1 good
        b"not json {".to_vec(),                                        // 2
        b"[1, 2]".to_vec(),                                            // 3
        br#"{"reference":"r4","cycle_id":"mentor","answers":{}}"#.to_vec(), // 4
        br#"{"version":1,"cycle_id":"mentor","answers":{}}"#.to_vec(), // 5
        br#"{"export_version":2,"reference":"r6","version":1,"cycle_id":"mentor","answers":{}}"#
            .to_vec(), // 6
        row("r7", "mentee", 1, "{}").into_bytes(),                     // 7 other cycle
        b"   ".to_vec(),                                               // 8 blank: skipped
        b"{\"reference\":\"\xff\xfe\"}".to_vec(),                      // 9 not UTF-8
        br#"{"reference":"r10","version":1,"#.to_vec(),                // 10 ends early
        row(
            "r11",
            "mentor",
            1,
            r#"{"first_name":"<script>alert(1)</script>","last_name":"=HYPERLINK(\"x\")"}"#,
        )
        .into_bytes(), // 11 good, hostile text
        row("r1", "mentor", 3, r#"{"first_name":"Ana v3"}"#).into_bytes(), // 12 duplicate, newer
        br#"{"reference":"r13","version":1,"cycle_id":"mentor","answers":[]}"#.to_vec(), // 13
        br#"{"reference":"r14","version":0,"cycle_id":"mentor","answers":{}}"#.to_vec(), // 14
        br#"{"reference":" ","version":1,"cycle_id":"mentor","answers":{}}"#.to_vec(), // 15
        br#"{"reference":"r16","version":1,"cycle_id":"mentor","answers":{},"suspected_automated":"yes"}"#.to_vec(), // 16
        b"\"just text\"".to_vec(),                                     // 17
        row("r18", "mentor", 1, "{}").into_bytes(),                    // 18 good
        br#"{"reference":"r19","version":1,"cycle_id":"mentor","answers":{},"suspected_automated":true,"honeypot":"<a href=x>buy</a>"}"#.to_vec(), // 19 good, flagged
        br#"{"reference":"r20","version":1,"cycle_id":"mentor","answers":{},"honeypot":7}"#.to_vec(), // 20
    ];
    // CRLF line ends and a byte order mark, as a Windows editor would save it.
    lines[0].splice(0..0, "\u{feff}".bytes());
    let file = lines.join(&b"\r\n"[..]);

    let mut apps = Applications::new();
    let report = apps.add_file("mentors.jsonl", &file, None);
    assert_eq!(report.cycle_id.as_deref(), Some("mentor"));
    assert_eq!(report.file_problem, None);
    assert_eq!((report.added, report.replaced), (4, 1));

    let problems: Vec<(usize, LineProblem)> = report
        .lines
        .iter()
        .map(|l| (l.place.line, l.problem.clone()))
        .collect();
    let place = |line| Place {
        file: "mentors.jsonl".into(),
        line,
    };
    assert_eq!(
        problems,
        vec![
            (
                2,
                LineProblem::NotJson {
                    fault: JsonFault::Syntax,
                    column: 2
                }
            ),
            (
                3,
                LineProblem::NotAnObject {
                    found: JsonKind::List
                }
            ),
            (4, LineProblem::MissingKey { key: "version" }),
            (5, LineProblem::MissingKey { key: "reference" }),
            (
                6,
                LineProblem::NewerFormat {
                    found: 2,
                    supported: SUPPORTED_EXPORT_VERSION
                }
            ),
            (
                7,
                LineProblem::OtherCycle {
                    found: "mentee".into(),
                    expected: "mentor".into(),
                    source: CycleSource::RestOfFile
                }
            ),
            (9, LineProblem::NotUtf8),
            (
                10,
                LineProblem::NotJson {
                    fault: JsonFault::EndsEarly,
                    column: 31
                }
            ),
            (
                12,
                LineProblem::Duplicate {
                    reference: "r1".into(),
                    kept: Version {
                        place: place(12),
                        version: 3
                    },
                    set_aside: Version {
                        place: place(1),
                        version: 1
                    },
                }
            ),
            (
                13,
                LineProblem::WrongType {
                    key: "answers",
                    expected: Expected::Object
                }
            ),
            (
                14,
                LineProblem::WrongType {
                    key: "version",
                    expected: Expected::PositiveWholeNumber
                }
            ),
            (
                15,
                LineProblem::WrongType {
                    key: "reference",
                    expected: Expected::NonEmptyText
                }
            ),
            (
                16,
                LineProblem::WrongType {
                    key: "suspected_automated",
                    expected: Expected::TrueOrFalse
                }
            ),
            (
                17,
                LineProblem::NotAnObject {
                    found: JsonKind::Text
                }
            ),
            (
                20,
                LineProblem::WrongType {
                    key: "honeypot",
                    expected: Expected::Text
                }
            ),
        ]
    );

    assert_eq!(
        messages(&report),
        vec![
            "mentors.jsonl, line 2: not JSON (syntax error at column 2)",
            "mentors.jsonl, line 3: not an application row (a JSON object), but a list",
            "mentors.jsonl, line 4: the row has no \"version\"",
            "mentors.jsonl, line 5: the row has no \"reference\"",
            "mentors.jsonl, line 6: the row is in a newer export format (2) than this page \
             reads (1); update the workbench",
            "mentors.jsonl, line 7: the row belongs to the cycle \"mentee\", not \"mentor\" \
             (the rest of the file)",
            "mentors.jsonl, line 9: not UTF-8 text",
            "mentors.jsonl, line 10: not JSON (the line ends inside a value, column 31)",
            "mentors.jsonl, line 12: application r1 is also in mentors.jsonl, line 1; kept \
             version 3 from mentors.jsonl, line 12, set aside version 1 from mentors.jsonl, line 1",
            "mentors.jsonl, line 13: \"answers\" must be an object of answers",
            "mentors.jsonl, line 14: \"version\" must be a whole number of 1 or more",
            "mentors.jsonl, line 15: \"reference\" must be text that is not empty",
            "mentors.jsonl, line 16: \"suspected_automated\" must be true or false",
            "mentors.jsonl, line 17: not an application row (a JSON object), but text",
            "mentors.jsonl, line 20: \"honeypot\" must be text",
        ]
    );

    // The good rows: r1 (now version 3, in its first place), r11, r18, r19.
    let rows = apps.rows();
    let refs: Vec<&str> = rows.iter().map(|r| r.row.reference.as_str()).collect();
    assert_eq!(refs, vec!["r1", "r11", "r18", "r19"]);
    assert!(rows[3].row.suspected_automated);
    assert_eq!(rows[3].row.honeypot.as_deref(), Some("<a href=x>buy</a>"));
    assert_eq!(rows[2].row.honeypot, None);
    assert_eq!(rows[0].row.version, 3);
    assert_eq!(rows[0].place, place(12));
    assert_eq!(rows[0].row.answers["first_name"], "Ana v3");
    // Hostile text is kept exactly as text.
    assert_eq!(
        rows[1].row.answers["first_name"],
        "<script>alert(1)</script>"
    );
    assert_eq!(rows[1].row.answers["last_name"], "=HYPERLINK(\"x\")");
    assert_eq!(rows[1].row.versions, Some(1));
    assert!(!rows[1].row.suspected_automated);
}

#[test]
fn duplicates_across_files_keep_the_higher_version_and_say_so() {
    let mut apps = Applications::new();
    let a = [
        row("r1", "c", 2, r#"{"v":"a2"}"#),
        row("r2", "c", 1, r#"{"v":"b1"}"#),
    ]
    .join("\n");
    let b = [
        row("r1", "c", 1, r#"{"v":"a1"}"#),
        row("r2", "c", 4, r#"{"v":"b4"}"#),
        row("r3", "c", 1, "{}"),
    ]
    .join("\n");
    let first = apps.add_file("monday.jsonl", a.as_bytes(), Some("c"));
    assert_eq!((first.added, first.replaced, first.lines.len()), (2, 0, 0));
    let second = apps.add_file("friday.jsonl", b.as_bytes(), Some("c"));
    assert_eq!((second.added, second.replaced), (1, 1));
    assert_eq!(
        second.messages_en(),
        vec![
            "friday.jsonl, line 1: application r1 is also in monday.jsonl, line 1; kept version 2 \
             from monday.jsonl, line 1, set aside version 1 from friday.jsonl, line 1",
            "friday.jsonl, line 2: application r2 is also in monday.jsonl, line 2; kept version 4 \
             from friday.jsonl, line 2, set aside version 1 from monday.jsonl, line 2",
        ]
    );
    let got: Vec<(&str, u64, &str)> = apps
        .rows()
        .iter()
        .map(|r| {
            (
                r.row.reference.as_str(),
                r.row.version,
                r.place.file.as_str(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("r1", 2, "monday.jsonl"),
            ("r2", 4, "friday.jsonl"),
            ("r3", 1, "friday.jsonl")
        ]
    );
}

#[test]
fn a_row_of_another_cycle_than_the_one_given_is_reported() {
    let mut apps = Applications::new();
    let text = [
        row("r1", "fall-2020-mentee", 1, "{}"),
        row("r2", "fall-2020-mentee", 1, "{}"),
    ]
    .join("\n");
    let report = apps.add_file("export.jsonl", text.as_bytes(), Some("fall-2020-mentor"));
    assert_eq!(report.file_problem, Some(FileProblem::NoRows));
    assert_eq!(
        report.messages_en(),
        vec![
            "export.jsonl is not an export in JSON Lines: no line is an application row",
            "export.jsonl, line 1: the row belongs to the cycle \"fall-2020-mentee\", not \
             \"fall-2020-mentor\" (the cycle this file was opened for)",
            "export.jsonl, line 2: the row belongs to the cycle \"fall-2020-mentee\", not \
             \"fall-2020-mentor\" (the cycle this file was opened for)",
        ]
    );
    assert!(apps.rows().is_empty());
    // Two cycles open together stay apart.
    let mentors = row("m1", "fall-2020-mentor", 1, "{}");
    apps.add_file("mentors.jsonl", mentors.as_bytes(), None);
    apps.add_file("mentees.jsonl", text.as_bytes(), None);
    assert_eq!(
        apps.cycle_ids(),
        vec!["fall-2020-mentor", "fall-2020-mentee"]
    );
    assert_eq!(apps.of_cycle("fall-2020-mentee").count(), 2);
}

#[test]
fn whole_file_problems() {
    let mut apps = Applications::new();
    let good = row("r1", "c", 1, "{}");
    assert_eq!(
        apps.add_file("a.jsonl", good.as_bytes(), None).file_problem,
        None
    );
    let again = apps.add_file("copy of a.jsonl", good.as_bytes(), None);
    assert_eq!(
        again.messages_en(),
        vec!["copy of a.jsonl is already open (as a.jsonl); nothing added"]
    );

    let cycle = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../public/cycles/fall-2020-mentor.json"
    ))
    .unwrap();
    let report = apps.add_file("fall-2020-mentor.json", &cycle, None);
    assert_eq!(report.file_problem, Some(FileProblem::IsACycleFile));
    assert!(report.lines.is_empty());
    assert!(
        report.messages_en()[0].starts_with("fall-2020-mentor.json is a cycle file, not an export")
    );

    let empty = apps.add_file("empty.jsonl", b"\n \n", None);
    assert_eq!(empty.messages_en(), vec!["empty.jsonl is empty"]);

    let csv = b"Reference,Version\r\nabc,1\r\n";
    let report = apps.add_file("export.csv", csv, None);
    assert_eq!(report.file_problem, Some(FileProblem::NoRows));
    assert_eq!(report.lines.len(), 2);
    assert_eq!(apps.rows().len(), 1);
}

#[test]
fn the_receivers_real_export_reads_cleanly() {
    for (name, cycle, count) in [
        ("mentors.export.jsonl", "fall-2020-mentor", 4),
        ("mentees.export.jsonl", "fall-2020-mentee", 5),
    ] {
        let bytes = std::fs::read(format!(
            "{}/tests/fixtures/{name}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap();
        let mut apps = Applications::new();
        let report = apps.add_file(name, &bytes, Some(cycle));
        assert_eq!(report.messages_en(), Vec::<String>::new(), "{name}");
        assert_eq!(report.added, count);
        assert!(apps.rows().iter().all(|r| r.row.versions == Some(1)));
    }
}

#[test]
fn export_version_is_the_row_format_and_readable_is_kept() {
    let mut apps = Applications::new();
    let text = [
        // Written by the receiver today.
        r#"{"export_version":1,"cycle_id":"c","reference":"r1","version":1,"versions":1,"answers":{"state":"IL","comp":4,"ways":["email","phone"]},"readable":{"state":"Illinois","comp":"4 of 5","ways":"Email\nPhone"}}"#,
        // No export_version: the first format.
        r#"{"cycle_id":"c","reference":"r2","version":1,"answers":{}}"#,
        // A payload's schema_version (2 with the version secret) copied into
        // a row does not make it a newer export.
        r#"{"schema_version":2,"cycle_id":"c","reference":"r3","version":1,"answers":{}}"#,
        r#"{"export_version":3,"cycle_id":"c","reference":"r4","version":1,"answers":{}}"#,
        r#"{"export_version":"1","cycle_id":"c","reference":"r5","version":1,"answers":{}}"#,
        r#"{"cycle_id":"c","reference":"r6","version":1,"answers":{},"readable":"Illinois"}"#,
    ]
    .join("\n");
    let report = apps.add_file("x.jsonl", text.as_bytes(), None);
    assert_eq!(
        report.messages_en(),
        vec![
            "x.jsonl, line 4: the row is in a newer export format (3) than this page reads (1); \
             update the workbench",
            "x.jsonl, line 5: \"export_version\" must be a whole number of 1 or more",
            "x.jsonl, line 6: \"readable\" must be an object of answers",
        ]
    );
    let rows = apps.rows();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0].row.answers["state"], "IL");
    assert_eq!(rows[0].row.answers["ways"][1], "phone");
    assert_eq!(rows[0].row.readable["state"], "Illinois");
    assert!(rows[1].row.readable.is_empty());
}
