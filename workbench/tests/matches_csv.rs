//! The matches CSV with hostile names and self-descriptions: every cell a
//! spreadsheet would read as a formula is defused, names stay readable, and
//! the file parses back to what was written.

use cycle::sheet::defuse_cell as defuse;
use workbench::census::{Location, UsState};
use workbench::csv_out::{matches_csv, HEADER};
use workbench::matching::{suggest, English, RegionRule, Settings};
use workbench::people::Person;

fn person(reference: &str, name: &str, state: UsState) -> Person {
    Person {
        reference: reference.into(),
        name: name.into(),
        location: Some(Location::Us(state)),
        region_wish: false,
        gender: Some("=1+1".into()),
        gender_wish: true,
        ethnicity: None,
        ethnicity_wish: false,
        ratings: vec![Some(3); 7],
    }
}

/// What a spreadsheet that trims and evaluates would take as a formula,
/// written independently of `defuse` and a little stricter: the first
/// character after any space, control or invisible character is a formula
/// sign (ASCII, full-width, small, or the minus sign), and the cell is not a
/// signed decimal number or a `+` phone number in groups of digits.
fn would_be_formula(cell: &str) -> bool {
    let invisible = |c: char| {
        c.is_whitespace()
            || c.is_control()
            || matches!(c, '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{206f}' | '\u{feff}')
    };
    let trimmed = cell.trim_matches(invisible);
    let Some(first) = trimmed.chars().next() else {
        return false;
    };
    let sign = "=+-@＝＋－＠﹦﹢﹣﹫−".contains(first);
    let rest = &trimmed[first.len_utf8()..];
    let number =
        rest.parse::<f64>().is_ok() && rest.chars().all(|c| c.is_ascii_digit() || c == '.');
    let phone = first == '+'
        && rest.split(' ').count() > 1
        && rest
            .split(' ')
            .all(|g| !g.is_empty() && g.chars().all(|c| c.is_ascii_digit()));
    (sign && !((first == '+' || first == '-') && (number || phone)))
        || cell.starts_with(['\t', '\r', '\0'])
}

#[test]
fn hostile_cells_are_defused_and_names_stay_readable() {
    let mentors = vec![
        person("=HYPERLINK(\"http://evil\",\"x\")", "@SUM(1)", UsState::IL),
        person("m2", " \u{a0}=cmd|'/c calc'!A1", UsState::OH),
        person("m3", "Zoë O'Brien-Søren", UsState::TX),
    ];
    let mentees = vec![
        person("e1", "\n-2+3", UsState::IL),
        person("e2", "\u{ff1d}1+1", UsState::OH),
        person("e3", "+1 555 0100", UsState::TX),
        person("e4", "\u{200b}+SUM(A1)", UsState::CA),
    ];
    let s = suggest(&mentors, &mentees, &Settings::default());
    assert_eq!(s.pairs.len(), 3);
    let words = English::new(&[]);
    let bytes = matches_csv(&s, &mentors, &mentees, RegionRule::CensusRegion, &words).unwrap();
    let text = std::str::from_utf8(&bytes).unwrap();
    let text = text.strip_prefix('\u{feff}').unwrap();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    assert_eq!(rows[0], HEADER);
    assert_eq!(rows.len(), 1 + 3 + 1);
    let mut cells = 0;
    for row in &rows {
        for cell in row {
            assert!(!would_be_formula(cell), "{cell:?}");
            cells += 1;
        }
    }
    assert_eq!(cells, 5 * HEADER.len());
    // Every hostile value is in the file, as text with a leading ', exactly once.
    let all: Vec<&String> = rows.iter().flatten().collect();
    for hostile in [
        "=HYPERLINK(\"http://evil\",\"x\")",
        "@SUM(1)",
        " \u{a0}=cmd|'/c calc'!A1",
        "\n-2+3",
        "\u{ff1d}1+1",
        "\u{200b}+SUM(A1)",
    ] {
        assert_eq!(
            all.iter().filter(|c| **c == &format!("'{hostile}")).count(),
            1,
            "{hostile:?}"
        );
    }
    // Readable ones are untouched.
    assert!(all.iter().any(|c| *c == "Zoë O'Brien-Søren"));
    assert!(all.iter().any(|c| *c == "+1 555 0100"));
    // The self-description "=1+1" sits inside a reason, which starts with our words.
    assert!(all
        .iter()
        .any(|c| c.starts_with("Both describe their gender as \u{2018}=1+1\u{2019}")));
    assert_eq!(defuse("+1 555 0100"), "+1 555 0100");
}
