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
//! CRLF line ends, RFC 4180 quoting, and every text cell defused by the rule the receiver's export uses
//! (`cycle::sheet`).

use crate::census::Location;
use crate::matching::{Area, English, RegionRule, Suggestion};
use crate::people::{Person, Role};
use cycle::sheet::defuse_cell as defuse;

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
