//! "Download matches": the suggested pairs and the unmatched applicants as
//! one CSV file for spreadsheets.
//!
//! One file, so one download holds the whole suggestion; a `Status` column
//! ("Matched", "Pinned", "Unmatched") lets staff filter. Columns:
//! `Status, Mentor, Mentor reference, Mentee, Mentee reference, Region,
//! Score, Reasons`. A pair's row has both people; an unmatched applicant's
//! row has only its side, and the reason in `Reasons`. Pairs come first (by
//! mentor), then unmatched mentees, then unmatched mentors.
//!
//! UTF-8 with a byte order mark (so spreadsheet programs read "Zoë" right),
//! CRLF line ends, RFC 4180 quoting, and every text cell defused ([`defuse`]).

use crate::census::Location;
use crate::matching::{Area, English, RegionRule, Suggestion};
use crate::people::{Person, Role};

/// Characters a spreadsheet, or a clean-up step before it, may drop from the
/// start of a cell before deciding whether it is a formula: whitespace of
/// every kind (ASCII, no-break, en/em and ideographic spaces, line and
/// paragraph separators), control characters, and the invisible ones
/// (zero-width space and joiners, word joiner, BOM, soft hyphen, direction
/// marks and isolates, invisible operators, Hangul fillers).
fn is_trimmable(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(
            c,
            '\u{00AD}'
                | '\u{034F}'
                | '\u{061C}'
                | '\u{115F}'
                | '\u{1160}'
                | '\u{17B4}'
                | '\u{17B5}'
                | '\u{180E}'
                | '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{206F}'
                | '\u{3164}'
                | '\u{FE00}'..='\u{FE0F}'
                | '\u{FEFF}'
                | '\u{FFA0}'
        )
}

/// The first characters that make a spreadsheet read a cell as a formula
/// (OWASP "CSV injection"): `=`, `+`, `-`, `@`, their full-width forms
/// (`＝ ＋ － ＠`), small forms (`﹦ ﹢ ﹣ ﹫`) and the minus sign `−`, which
/// some programs fold to ASCII.
fn is_formula_start(c: char) -> bool {
    matches!(
        c,
        '=' | '+'
            | '-'
            | '@'
            | '\u{FF1D}'
            | '\u{FF0B}'
            | '\u{FF0D}'
            | '\u{FF20}'
            | '\u{FE66}'
            | '\u{FE62}'
            | '\u{FE63}'
            | '\u{FE6B}'
            | '\u{2212}'
    )
}

/// A plain number staff read: an ASCII sign, digits and at most one decimal
/// part (`-3`, `+12`, `-0.5`), or an international phone number written with
/// spaces (`+`, then groups of digits separated by single spaces: `+1 555
/// 0100`). Neither can hold a function call, a cell reference or anything but
/// a number. `-2+3` and `+1-555-0100` (which Excel computes as −654) are not.
fn is_plain_number(seen: &str) -> bool {
    let s = seen.trim_end_matches(is_trimmable);
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    let Some(unsigned) = s.strip_prefix(['+', '-']) else {
        return false;
    };
    let number = match unsigned.split_once('.') {
        Some((whole, fraction)) => digits(whole) && digits(fraction),
        None => digits(unsigned),
    };
    let phone =
        s.starts_with('+') && unsigned.split(' ').count() > 1 && unsigned.split(' ').all(digits);
    number || phone
}

/// Whether a spreadsheet could take `cell` as a formula: it starts with a
/// tab, CR or NUL (OWASP, ASVS 1.2.10), or, after the trimming a spreadsheet
/// may do ([`is_trimmable`]), with a formula sign ([`is_formula_start`]) and
/// is not a plain number ([`is_plain_number`]). The receiver's export
/// (`receiver/src/defuse.rs`) applies the same rule to the same cases.
pub fn is_dangerous(cell: &str) -> bool {
    if cell.starts_with(['\t', '\r', '\0']) {
        return true;
    }
    let seen = cell.trim_start_matches(is_trimmable);
    match seen.chars().next() {
        Some(c) if is_formula_start(c) => !is_plain_number(seen),
        _ => false,
    }
}

/// The cell as it is written to the CSV: a dangerous one ([`is_dangerous`])
/// gets a leading `'`, as OWASP advises, so every spreadsheet shows it as the
/// text it is; the characters the applicant typed are all still there.
pub fn defuse(cell: &str) -> String {
    if is_dangerous(cell) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// The CSV's header row.
pub const HEADER: [&str; 8] = [
    "Status",
    "Mentor",
    "Mentor reference",
    "Mentee",
    "Mentee reference",
    "Region",
    "Score",
    "Reasons",
];

/// "Midwest" when both share it; else each side's, "Midwest / West"; "not
/// given" for a missing place.
pub fn region_cell(mentor: Option<&Person>, mentee: Option<&Person>, rule: RegionRule) -> String {
    let area = |p: Option<&Person>| -> Option<String> {
        p.map(|p| match p.location {
            Some(loc @ Location::Us(_)) => Area::of(loc, rule).name_en().to_string(),
            Some(Location::OutsideUs) => "outside the US".to_string(),
            None => "not given".to_string(),
        })
    };
    match (area(mentor), area(mentee)) {
        (Some(a), Some(b)) if a == b => a,
        (Some(a), Some(b)) => format!("{a} / {b}"),
        (Some(a), None) | (None, Some(a)) => a,
        (None, None) => String::new(),
    }
}

/// Writes the matches CSV (see the module notes) into bytes ready to download.
pub fn matches_csv(
    suggestion: &Suggestion,
    mentors: &[Person],
    mentees: &[Person],
    rule: RegionRule,
    words: &English,
) -> Result<Vec<u8>, String> {
    let fail = |e: csv::Error| format!("could not write the matches file: {e}");
    let mut out = "\u{feff}".as_bytes().to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        w.write_record(HEADER).map_err(fail)?;
        for pair in &suggestion.pairs {
            let (mentor, mentee) = (mentors.get(pair.mentor), mentees.get(pair.mentee));
            w.write_record([
                if pair.pinned { "Pinned" } else { "Matched" }.to_string(),
                defuse(mentor.map_or("", |p| p.name.as_str())),
                defuse(mentor.map_or("", |p| p.reference.as_str())),
                defuse(mentee.map_or("", |p| p.name.as_str())),
                defuse(mentee.map_or("", |p| p.reference.as_str())),
                defuse(&region_cell(mentor, mentee, rule)),
                pair.score.to_string(),
                defuse(&words.pair_reasons(&pair.reasons)),
            ])
            .map_err(fail)?;
        }
        for u in &suggestion.unmatched {
            let (person, is_mentor) = match u.role {
                Role::Mentor => (mentors.get(u.index), true),
                Role::Mentee => (mentees.get(u.index), false),
            };
            let name = defuse(person.map_or("", |p| p.name.as_str()));
            let reference = defuse(person.map_or("", |p| p.reference.as_str()));
            let (mentor_cells, mentee_cells) = if is_mentor {
                ([name, reference], [String::new(), String::new()])
            } else {
                ([String::new(), String::new()], [name, reference])
            };
            let [mentor_name, mentor_ref] = mentor_cells;
            let [mentee_name, mentee_ref] = mentee_cells;
            w.write_record([
                "Unmatched".to_string(),
                mentor_name,
                mentor_ref,
                mentee_name,
                mentee_ref,
                defuse(&region_cell(
                    if is_mentor { person } else { None },
                    if is_mentor { None } else { person },
                    rule,
                )),
                String::new(),
                defuse(&words.unmatched(u.role, u.reason)),
            ])
            .map_err(fail)?;
        }
        w.flush()
            .map_err(|e| format!("could not write the matches file: {e}"))?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    // The receiver's cases (receiver/src/defuse.rs), then this crate's.
    #[test]
    fn formulas_are_defused_by_what_a_spreadsheet_sees() {
        for bad in [
            "=1+1",
            "+1+2",
            "-2+3",
            "@SUM(1)",
            "=HYPERLINK(\"http://evil.example\",\"click\")",
            "  =1+1",
            "\u{00A0}=1+1",
            "\n=1+1",
            "\r\n@SUM(1)",
            "\u{200B}=1+1",
            "\u{FEFF}=1+1",
            "\u{3000}+1+2",
            "\u{2003}-2+3",
            "＝1+1",
            "＋1",
            "－2+3",
            "＠SUM(1)",
            "﹦1+1",
            "\u{2212}2+3",
            "\tTabbed",
            "\rCR",
            "\0nul",
            "+1-555-0100",
            "-",
            "+",
            "-1e3",
            "-3 apples",
            "- 3",
            // This crate's own.
            "\u{202E}=1",
            "\u{00AD}@x",
            "+1 555 0100 x",
            "+1 (555) 010-0100",
            "-A1",
        ] {
            assert!(is_dangerous(bad), "{bad:?} must be defused");
            assert_eq!(defuse(bad), format!("'{bad}"));
        }
    }

    #[test]
    fn plain_text_and_numbers_keep_their_value() {
        for fine in [
            "Zoë O'Brien-Søren",
            "Ñúñez-O’Brien",
            "",
            "  ",
            "12",
            "-3",
            "+12",
            "-0.5",
            " -3",
            "+1 555 0100",
            "+44 20 7946 0958",
            "'=already quoted",
            "a=b",
            "2026-12-01",
            "email@example.org",
            // This crate's own.
            "555-0100",
            "Both in the Midwest, as the mentee asked",
        ] {
            assert!(!is_dangerous(fine), "{fine:?} must stay as it is");
            assert_eq!(defuse(fine), fine);
        }
    }
}
