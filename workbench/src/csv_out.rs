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

/// Characters a spreadsheet may drop from the start of a cell before
/// deciding whether it is a formula: spaces of every kind (ASCII, tab, CR,
/// LF, no-break, the Unicode spaces, `char::is_whitespace`), and zero-width
/// characters and the byte order mark, which `is_whitespace` leaves out.
fn is_trimmed(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}'
        )
}

/// The first characters that make a spreadsheet read a cell as a formula
/// (OWASP "CSV injection"), with their full-width forms.
fn starts_formula(c: char) -> bool {
    matches!(
        c,
        '=' | '+' | '-' | '@' | '\u{ff1d}' | '\u{ff0b}' | '\u{ff0d}' | '\u{ff20}'
    )
}

/// A plain number or a phone number staff read: a `+` or `-`, then digits,
/// spaces, `.`, `(`, `)` and `-` only, with at least one digit (`-3`,
/// `+1 555 0100`, `-2.5`). No spreadsheet finds a function, a reference or
/// a command in that, so it keeps its value; `-2+3`, `+1 555 0100 x`,
/// `-A1` are not plain.
fn is_plain_number(trimmed: &str) -> bool {
    let mut chars = trimmed.chars();
    let sign = matches!(chars.next(), Some('+' | '-'));
    let rest = chars.as_str();
    sign && rest.chars().any(|c| c.is_ascii_digit())
        && rest
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '.' | '(' | ')' | '-'))
}

/// Makes a cell safe to open in a spreadsheet, judging it by what the
/// spreadsheet sees after trimming: a cell that then starts with `=`, `+`,
/// `-`, `@` (or their full-width forms), or that starts with a tab or CR, gets
/// a leading `'` so it is shown as the text it is. Plain numbers and phone
/// numbers ([`is_plain_number`]) are left as they are.
pub fn defuse(cell: &str) -> String {
    let raw_first = cell.chars().next();
    let trimmed = cell.trim_start_matches(is_trimmed);
    let dangerous = matches!(raw_first, Some('\t' | '\r'))
        || trimmed
            .chars()
            .next()
            .is_some_and(|c| starts_formula(c) && !is_plain_number(trimmed));
    if dangerous {
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

    #[test]
    fn formulas_are_defused_by_what_a_spreadsheet_sees() {
        for bad in [
            "=1+1",
            "+1+1",
            "-2+3",
            "@SUM(1)",
            "=HYPERLINK(\"http://x\",\"y\")",
            "  =1+1",
            "\u{a0}=1+1",
            "\n=1+1",
            "\r\n@SUM(1)",
            "\u{3000}=1",
            "\u{200b}=1",
            "\u{feff}=1",
            "\u{ff1d}1+1",
            "\u{ff0b}1",
            "\u{ff0d}1",
            "\u{ff20}SUM(1)",
            "\tx",
            "\rx",
            "+1 555 0100 x",
            "-A1",
            "+",
            "-",
            "- ",
        ] {
            assert_eq!(defuse(bad), format!("'{bad}"), "{bad:?}");
        }
    }

    #[test]
    fn plain_text_numbers_and_phone_numbers_stay_readable() {
        for ok in [
            "Zoë O'Brien-Søren",
            "-3",
            "+3",
            "-2.5",
            "+1 555 0100",
            "+1 (555) 010-0100",
            " -3",
            "555-0100",
            "a=b",
            "",
            "'=already",
            "Both in the Midwest",
        ] {
            assert_eq!(defuse(ok), ok, "{ok:?}");
        }
    }
}
