//! The shipped Fall 2020 cycle: it parses, it carries the seed's wording
//! verbatim, and its structure matches the SPEC.

use cycle::{Cycle, FieldKind, Section};
use serde_json::Value;
use std::path::Path;

const SHIPPED: &str = include_str!("../../public/cycles/fall-2020-mentor.json");

fn cycle() -> Cycle {
    cycle::parse(SHIPPED).unwrap_or_else(|errs| panic!("shipped cycle rejected: {errs:#?}"))
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn is_url(s: &str) -> bool {
    s.starts_with("http://") || s.starts_with("https://")
}

/// Every string in the cycle file, plus the composed contact line and the
/// links as "label: url", joined and whitespace-collapsed.
fn all_cycle_text(c: &Cycle) -> String {
    fn strings(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::String(s) => out.push(s.clone()),
            Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
            Value::Object(o) => o.values().for_each(|x| strings(x, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    strings(&serde_json::from_str(SHIPPED).unwrap(), &mut out);
    let k = &c.contact;
    out.push(format!("{} {}, {}, {}.", k.lead, k.name, k.role, k.email));
    let section_links = c.sections.iter().flat_map(|s: &Section| s.links.iter());
    for l in c.links.iter().chain(section_links) {
        out.push(format!("{}: {}", l.label, l.url));
    }
    collapse(&out.join("\n"))
}

/// Sentences in one paragraph: split after `.`, `?` or `!` followed by a space.
fn sentences(paragraph: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut chars = paragraph.chars().peekable();
    while let Some(ch) = chars.next() {
        current.push(ch);
        if matches!(ch, '.' | '?' | '!') && chars.peek().is_none_or(|n| n.is_whitespace()) {
            out.push(current.trim().to_string());
            current.clear();
        }
    }
    if !current.trim().is_empty() {
        out.push(current.trim().to_string());
    }
    out
}

/// The seed's form text: bullet and markup lines dropped, URLs apart.
struct Seed {
    sentences: Vec<String>,
    urls: Vec<String>,
}

/// The seed as kept in the repository, so the test runs wherever the repository is
/// cloned; `the_kept_seed_is_the_shared_one` keeps it equal to the team's copy.
const SEED_TEXT: &str = include_str!("seed/fall-2020-mentor-application.txt");

/// The team's copy, next to the repository on a development machine.
fn shared_seed_path() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/seed/fall-2020-mentor-application.txt")
}

#[test]
fn the_kept_seed_is_the_shared_one() {
    // A clone without the team's folder beside it (CI's may be anywhere) has only
    // the kept copy; where both exist they must not drift apart.
    if let Ok(shared) = std::fs::read_to_string(shared_seed_path()) {
        assert_eq!(
            shared, SEED_TEXT,
            "cycle/tests/seed/ differs from ../shared/seed/: copy the shared one over"
        );
    }
}

fn seed() -> Seed {
    let text = SEED_TEXT;
    let mut seed = Seed {
        sentences: Vec::new(),
        urls: Vec::new(),
    };
    for raw in text.lines() {
        // `trim` also removes the no-break spaces of the empty bullets.
        let line = raw.trim();
        let line = line.strip_prefix('•').unwrap_or(line).trim();
        let markup = line.is_empty()
            || line.chars().all(|c| c == '-' || c.is_whitespace())
            || matches!(line, "1" | "2" | "3" | "4" | "5")
            || matches!(line, "Uncomfortable" | "Comfortable");
        if markup {
            continue;
        }
        if is_url(line) {
            seed.urls.push(line.to_string());
            continue;
        }
        // "Privacy Policy: http://…" lines: the label and URL are checked as a link.
        if let Some((label, url)) = line.split_once(": ") {
            if is_url(url) {
                seed.sentences.push(format!("{label}: {url}"));
                continue;
            }
        }
        // Headings ("Skills and Core Competencies:") lose their colon in a title.
        let line = line.strip_suffix(':').unwrap_or(line);
        seed.sentences.extend(sentences(&collapse(line)));
    }
    seed
}

#[test]
fn shipped_cycle_parses() {
    let c = cycle();
    assert_eq!(c.id.as_str(), "fall-2020-mentor");
    assert_eq!(c.program, "ALSC Mentoring Program");
    assert_eq!(c.title, "Fall 2020 Mentor Application");
}

#[test]
fn sentence_splitter_works() {
    assert_eq!(
        sentences("One thing. Two? Three! eserrano@ala.org. Four"),
        ["One thing.", "Two?", "Three!", "eserrano@ala.org.", "Four"]
    );
}

#[test]
fn the_seed_was_read_sensibly() {
    let s = seed();
    assert!(s.sentences.len() > 25, "{:#?}", s.sentences);
    assert_eq!(s.urls, ["http://www.ala.org/alsc/edcareeers/alsccorecomps"]);
    for markup in ["•", "- - -", "1", "5", "Uncomfortable", "Comfortable", ""] {
        assert!(!s.sentences.iter().any(|x| x == markup), "{markup:?} kept");
    }
}

#[test]
fn every_seed_sentence_appears_verbatim_in_the_cycle() {
    let c = cycle();
    let haystack = all_cycle_text(&c);
    let seed = seed();
    let missing: Vec<&String> = seed
        .sentences
        .iter()
        .filter(|s| !haystack.contains(s.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "seed sentences missing from the cycle: {missing:#?}"
    );
    for url in &seed.urls {
        let linked = c
            .sections
            .iter()
            .flat_map(|s| s.links.iter())
            .any(|l| &l.url == url);
        assert!(linked, "{url} is not a section link");
    }
}

#[test]
fn the_contact_line_is_the_seeds() {
    let c = cycle();
    let k = &c.contact;
    assert_eq!(
        format!("{} {}, {}, {}.", k.lead, k.name, k.role, k.email),
        "Contact: Should you have any questions during this application process, please \
         contact Elizabeth Serrano, Membership/Marketing Specialist, eserrano@ala.org."
    );
}

#[test]
fn policy_links_and_competencies_link() {
    let c = cycle();
    let links: Vec<(&str, &str)> = c
        .links
        .iter()
        .map(|l| (l.label.as_str(), l.url.as_str()))
        .collect();
    assert_eq!(
        links,
        [
            ("Privacy Policy", "http://www.ala.org/privacypolicy"),
            (
                "Personal Data Notification",
                "http://www.ala.org/personal-data-notification"
            ),
        ]
    );
    let (_, comps) = c.section_named("competencies").unwrap();
    assert_eq!(
        comps.links[0].url,
        "http://www.ala.org/alsc/edcareeers/alsccorecomps"
    );
}

#[test]
fn deadline_line_is_the_seeds() {
    assert_eq!(
        cycle().deadline.text,
        "Applications are due Monday, November 16, 2020 and matches will be announced later in November."
    );
}

#[test]
fn six_sections_in_order() {
    let ids: Vec<String> = cycle().sections.iter().map(|s| s.id.to_string()).collect();
    assert_eq!(
        ids,
        [
            "membership",
            "about-you",
            "gender",
            "ethnicity",
            "region",
            "competencies"
        ]
    );
}

#[test]
fn seven_competency_ratings_in_the_specs_order() {
    let c = cycle();
    let ratings: Vec<&str> = c
        .fields()
        .filter(|f| f.kind.tag() == FieldKind::Rating)
        .map(|f| f.label.as_str())
        .collect();
    assert_eq!(
        ratings,
        [
            "Commitment to Client Group",
            "Reference and User Services",
            "Programming Skills",
            "Knowledge, Curation, and Management of Materials",
            "Outreach and Advocacy",
            "Administrative and Management Skills",
            "Professionalism and Professional Development",
        ]
    );
    let (_, comps) = c.section_named("competencies").unwrap();
    assert!(comps
        .fields
        .iter()
        .all(|f| f.kind.tag() == FieldKind::Rating));
    assert!(comps.fields.iter().all(|f| !f.optional));
}

#[test]
fn rating_scale_runs_from_uncomfortable_to_comfortable() {
    let s = cycle().rating_scale;
    assert_eq!((s.min, s.max), (1, 5));
    assert_eq!(s.low_label, "Uncomfortable");
    assert_eq!(s.high_label, "Comfortable");
}

#[test]
fn state_select_has_states_dc_territories_and_outside_us() {
    let c = cycle();
    let state = c.field_named("state").unwrap();
    assert_eq!(state.kind.tag(), FieldKind::Select);
    let values: Vec<&str> = state.options().iter().map(|o| o.value.as_str()).collect();
    const STATES: [&str; 50] = [
        "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA",
        "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ",
        "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT",
        "VA", "WA", "WV", "WI", "WY",
    ];
    let required: Vec<&str> = STATES
        .iter()
        .copied()
        .chain(["DC", "PR", "GU", "VI", "AS", "MP", "outside_us"])
        .collect();
    for v in &required {
        assert!(values.contains(v), "state select lacks {v}");
    }
    // The shipped file also lists the U.S. Minor Outlying Islands; nothing else.
    let extra: Vec<&&str> = values.iter().filter(|v| !required.contains(v)).collect();
    assert_eq!(extra, [&"UM"], "unexpected state options");
    assert_eq!(values.last(), Some(&"outside_us"));
    let mut unique = values.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), values.len(), "a state is listed twice");
    let outside = state.options().last().unwrap();
    assert_eq!(outside.label, "Outside the US");
}

#[test]
fn optional_fields_are_exactly_the_confidential_and_regional_ones() {
    let c = cycle();
    let optional: Vec<&str> = c
        .fields()
        .filter(|f| f.optional)
        .map(|f| f.id.as_str())
        .collect();
    assert_eq!(
        optional,
        [
            "phone",
            "city",
            "state",
            "gender",
            "gender_match",
            "ethnicity",
            "ethnicity_match"
        ]
    );
    for id in ["city", "state"] {
        let cond = c.field_named(id).unwrap().required_when.as_ref().unwrap();
        assert_eq!(
            (cond.field.as_str(), cond.equals.as_str()),
            ("region_match", "yes")
        );
    }
}

#[test]
fn every_cycle_file_in_public_cycles_parses() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../public/cycles");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        if let Err(errs) = cycle::parse(&text) {
            let list: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
            panic!("{} is rejected:\n{}", path.display(), list.join("\n"));
        }
        seen += 1;
    }
    assert!(seen >= 1, "no cycle files in {}", dir.display());
}
