//! `date`: a native date input (`<input type="date">`), optionally between a
//! `min` and a `max` date written `YYYY-MM-DD` in the cycle. The answer is the
//! ISO date `YYYY-MM-DD`; the review page shows it as GOV.UK does
//! ("1 January 2027"). Messages follow GOV.UK's date input guidance.

use super::types::DateRange;
use super::{long_date, trimmed_text};
use crate::answers::{Answer, Reading, Value};
use crate::dates::IsoDate;
use crate::file::{FieldFile, Limit};
use crate::model::Field;
use crate::problem::{Place, Problem};
use crate::texts::Texts;

/// What the control stores when the browser has a date typed only in part
/// (it reports `badInput` and no value): not a date, so it reads as one that
/// is not real, never as a blank answer.
pub const PART_OF_A_DATE: &str = "part of a date";

pub(super) fn settings(f: &FieldFile, at: &Place, problems: &mut Vec<Problem>) -> DateRange {
    let mut date = |key: &str, limit: &Option<Limit>| match limit {
        None => None,
        Some(Limit::Date(d)) if IsoDate::parse(d).is_some() => IsoDate::parse(d),
        Some(other) => {
            problems.push(Problem::at(
                at.key(key),
                format!("{key} is a date like 2027-01-01 for date fields, not “{other}”"),
            ));
            None
        }
    };
    let min = date("min", &f.min);
    let max = date("max", &f.max);
    DateRange { min, max }
}

pub(super) fn check(r: &DateRange, at: &Place, problems: &mut Vec<Problem>) {
    if let (Some(lo), Some(hi)) = (r.min, r.max) {
        if lo > hi {
            problems.push(Problem::at(
                at.key("max"),
                format!("max ({hi}) is earlier than min ({lo})"),
            ));
        }
    }
}

pub(super) fn read(field: &Field, r: &DateRange, texts: &Texts, value: &Value) -> Reading {
    let Some(text) = trimmed_text(value) else {
        return Reading::Unanswered;
    };
    let Some(date) = IsoDate::parse(text) else {
        return Reading::wrong(Answer::Text(text.to_string()), not_real(field, texts));
    };
    let in_range = r.min.is_none_or(|lo| date >= lo) && r.max.is_none_or(|hi| date <= hi);
    if in_range {
        Reading::fine(Answer::Date(date))
    } else {
        Reading::wrong(Answer::Date(date), range_message(field, r, texts))
    }
}

pub(super) fn missing(field: &Field, texts: &Texts) -> String {
    let template = if field.label_is_question() {
        texts.missing_date_question()
    } else {
        texts.missing_text()
    };
    field.message(template, &[])
}

/// The subject of a sentence about the answer: the label, unless it asks a question.
fn subject<'a>(field: &'a Field, texts: &'a Texts) -> &'a str {
    if field.label_is_question() {
        texts.date_subject()
    } else {
        field.label.trim_end()
    }
}

pub(super) fn not_real(field: &Field, texts: &Texts) -> String {
    field.messages.format.clone().unwrap_or_else(|| {
        field.message(texts.date_not_real(), &[("subject", subject(field, texts))])
    })
}

fn range_message(field: &Field, r: &DateRange, texts: &Texts) -> String {
    if let Some(own) = &field.messages.range {
        return own.clone();
    }
    let words = |d: Option<IsoDate>| d.map(|d| long_date(d, texts)).unwrap_or_default();
    let (min, max) = (words(r.min), words(r.max));
    let template = match (r.min, r.max) {
        (Some(_), Some(_)) => texts.date_between(),
        (Some(_), None) => texts.date_from(),
        (None, Some(_)) => texts.date_until(),
        (None, None) => return not_real(field, texts),
    };
    field.message(
        template,
        &[
            ("subject", subject(field, texts)),
            ("min", &min),
            ("max", &max),
        ],
    )
}
