//! Cells of the spreadsheets staff open (the receiver's CSV export, the
//! workbench's matches): formula defusing by what a spreadsheet sees (issue
//! 19 item 11), one rule for both.
//!
//! A spreadsheet that opens the export may first trim a cell (spaces, tabs,
//! line breaks, no-break and other Unicode spaces, zero-width characters, a
//! byte order mark) and then take it as a formula when it starts with `=`,
//! `+`, `-` or `@` (or their full-width and small forms, which some programs
//! fold to ASCII). Such a cell gets a leading `'`, as OWASP's CSV-injection
//! advice says: every spreadsheet then shows it as the text it is. A cell
//! that *starts* with a tab, a carriage return or a NUL is prefixed too
//! (OWASP, ASVS 1.2.10), whatever follows.
//!
//! Plain numbers are left alone, so staff read them as numbers: after the
//! trim, an optional sign, digits and at most one decimal part (`-3`, `+12`,
//! `4.5`), or an international phone number written with spaces (`+`, then
//! groups of digits separated by single spaces: `+1 555 0100`). Neither can
//! hold a function call, a cell reference or anything but a number, so no
//! spreadsheet can do harm with them. Anything else after a sign (`-2+3`,
//! `+1-555-0100`, which Excel would compute as −654) is prefixed: the `'`
//! is visible, but the characters the applicant typed are all there.

/// The cell as it should be written to the CSV.
pub fn defuse_cell(cell: &str) -> String {
    if is_dangerous(cell) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// True when a spreadsheet could take `cell` as a formula (see the module
/// documentation for the rule).
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

/// Characters a spreadsheet, or a clean-up step before it, may drop from the
/// start of a cell: whitespace of every kind (ASCII, no-break, en/em and
/// ideographic spaces, line and paragraph separators), control characters,
/// and the invisible ones (zero-width space and joiners, word joiner, BOM,
/// soft hyphen, direction marks and isolates, invisible operators, Hangul
/// fillers).
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

/// `=`, `+`, `-`, `@`, their full-width forms (`＝ ＋ － ＠`), small forms
/// (`﹦ ﹢ ﹣ ﹫`) and the minus sign `−`.
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

/// A signed decimal number (`-3`, `+12`, `-0.5`) or an international phone
/// number with spaces (`+1 555 0100`), in ASCII, nothing else.
fn is_plain_number(s: &str) -> bool {
    let s = s.trim_end_matches(is_trimmable);
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    let unsigned = match s.strip_prefix(['+', '-']) {
        Some(rest) => rest,
        None => return false,
    };
    let number = match unsigned.split_once('.') {
        Some((whole, fraction)) => digits(whole) && digits(fraction),
        None => digits(unsigned),
    };
    let phone =
        s.starts_with('+') && unsigned.split(' ').count() > 1 && unsigned.split(' ').all(digits);
    number || phone
}

#[cfg(test)]
mod tests {
    use super::*;

    // Formulas hidden behind anything a spreadsheet trims, and the workbench's
    // matches CSV cases (names, self-descriptions, reasons).
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
            "\u{202E}=1",
            "\u{00AD}@x",
            "+1 555 0100 x",
            "+1 (555) 010-0100",
            "-A1",
        ] {
            assert!(is_dangerous(bad), "{bad:?} must be defused");
            assert_eq!(defuse_cell(bad), format!("'{bad}"));
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
            "555-0100",
            "Both in the Midwest, as the mentee asked",
        ] {
            assert!(!is_dangerous(fine), "{fine:?} must stay as it is");
            assert_eq!(defuse_cell(fine), fine);
        }
    }
}
