//! `date`: a native date input (`<input type="date">`), optionally between a
//! `min` and a `max` date written `YYYY-MM-DD` in the cycle. The answer is the
//! ISO date `YYYY-MM-DD`; the review page shows it as GOV.UK does
//! ("1 January 2027"). Messages follow GOV.UK's date input guidance.

use super::{
    plain_display, trimmed_text, Answer, Bounds, Control, InputAttrs, Keys, Kind, Reading,
};
use crate::config::model::{Field, RatingScale};
use crate::form::text::lower_first;
use crate::form::value::Value;

pub struct Date;

/// What the control stores when the browser has a date typed only in part
/// (it reports `badInput` and no value): not a date, so it reads as one that
/// is not real, never as a blank answer.
const PART_OF_A_DATE: &str = "part of a date";

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A real calendar date written `YYYY-MM-DD` (years 1000 to 9999), as
/// (year, month, day).
pub fn parse_iso_date(s: &str) -> Option<(u32, u32, u32)> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |from: usize, to: usize| -> Option<u32> {
        let part = s.get(from..to)?;
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let (y, m, d) = (num(0, 4)?, num(5, 7)?, num(8, 10)?);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (y >= 1000 && (1..=days).contains(&d)).then_some((y, m, d))
}

/// "1 January 2027", for a checked `YYYY-MM-DD`.
pub fn long_date(iso: &str) -> String {
    match parse_iso_date(iso) {
        Some((y, m, d)) => format!("{d} {} {y}", MONTHS[(m - 1) as usize]),
        None => iso.to_string(),
    }
}

impl Kind for Date {
    fn name(&self) -> &'static str {
        "date"
    }
    fn keys(&self) -> Keys {
        Keys {
            options: false,
            max_length: false,
            bounds: Some(Bounds::Date),
        }
    }
    fn read(&self, field: &Field, _: &RatingScale, value: &Value) -> Reading {
        let Some(text) = trimmed_text(value) else {
            return Reading::Unanswered;
        };
        if parse_iso_date(text).is_none() {
            return Reading::wrong(Answer::Text(text.to_string()), self.not_real(field));
        }
        // Both are `YYYY-MM-DD`, so text order is date order.
        let min = field.min.as_ref().and_then(|l| l.date());
        let max = field.max.as_ref().and_then(|l| l.date());
        let in_range = min.is_none_or(|lo| text >= lo) && max.is_none_or(|hi| text <= hi);
        let answer = Answer::Date(text.to_string());
        if in_range {
            Reading::fine(answer)
        } else {
            Reading::wrong(answer, self.range_message(field, min, max))
        }
    }
    fn missing_message(&self, field: &Field, _: &RatingScale) -> String {
        if let Some(m) = &field.messages.required {
            return m.clone();
        }
        let label = field.label.trim_end();
        if label.ends_with('?') {
            format!("Enter a date for “{label}”")
        } else {
            format!("Enter {}", lower_first(label))
        }
    }
    fn format_message(&self, field: &Field) -> Option<String> {
        Some(self.not_real(field))
    }
    fn display(&self, _: &Field, _: &RatingScale, answer: &Answer) -> String {
        match answer {
            Answer::Date(iso) => long_date(iso),
            other => plain_display(other),
        }
    }
    fn control(&self, field: &Field) -> Control {
        let limit = |l: &Option<crate::config::model::Limit>| {
            l.as_ref().and_then(|l| l.date()).map(str::to_string)
        };
        Control::Input(InputAttrs {
            input_type: "date",
            class: "mf-input mf-input--date",
            min: limit(&field.min),
            max: limit(&field.max),
            bad_input: Some(PART_OF_A_DATE),
            ..InputAttrs::TEXT
        })
    }
}

impl Date {
    /// The subject of a sentence about the answer: the label, unless it is a
    /// question.
    fn subject(field: &Field) -> String {
        let label = field.label.trim_end();
        if label.ends_with('?') {
            "The date".to_string()
        } else {
            label.to_string()
        }
    }

    fn not_real(&self, field: &Field) -> String {
        field
            .messages
            .format
            .clone()
            .unwrap_or_else(|| format!("{} must be a real date", Self::subject(field)))
    }

    fn range_message(&self, field: &Field, min: Option<&str>, max: Option<&str>) -> String {
        if let Some(m) = &field.messages.range {
            return m.clone();
        }
        let subject = Self::subject(field);
        match (min, max) {
            (Some(lo), Some(hi)) => format!(
                "{subject} must be between {} and {}",
                long_date(lo),
                long_date(hi)
            ),
            (Some(lo), None) => format!("{subject} must be the same as or after {}", long_date(lo)),
            (None, Some(hi)) => {
                format!("{subject} must be the same as or before {}", long_date(hi))
            }
            (None, None) => self.not_real(field),
        }
    }
}
