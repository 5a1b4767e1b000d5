//! `integer`: a whole number typed as text, optionally within `min`..`max`.
//! Parsed here once; the payload carries the number.

use super::types::IntegerSettings;
use super::{max_length, too_long, trimmed_text};
use crate::answers::{Answer, Reading, Value};
use crate::file::{FieldFile, Limit};
use crate::model::Field;
use crate::problem::{Place, Problem};
use crate::text::parse_whole_number;
use crate::texts::Texts;

pub(super) fn settings(f: &FieldFile, at: &Place, problems: &mut Vec<Problem>) -> IntegerSettings {
    let mut whole = |key: &str, limit: &Option<Limit>| match limit {
        None => None,
        Some(Limit::Whole(n)) => Some(*n),
        Some(Limit::Date(d)) => {
            problems.push(Problem::at(
                at.key(key),
                format!("{key} is a whole number for integer fields, not “{d}”"),
            ));
            None
        }
    };
    let min = whole("min", &f.min);
    let max = whole("max", &f.max);
    IntegerSettings {
        max_length: max_length(f, at, problems),
        min,
        max,
    }
}

pub(super) fn check(s: &IntegerSettings, at: &Place, problems: &mut Vec<Problem>) {
    if let (Some(lo), Some(hi)) = (s.min, s.max) {
        if lo > hi {
            problems.push(Problem::at(
                at.key("max"),
                format!("max ({hi}) is smaller than min ({lo})"),
            ));
        }
    }
}

pub(super) fn read(field: &Field, s: &IntegerSettings, texts: &Texts, value: &Value) -> Reading {
    let Some(text) = trimmed_text(value) else {
        return Reading::Unanswered;
    };
    if let Some(message) = too_long(field, s.max_length, texts, text) {
        return Reading::wrong(Answer::Text(text.to_string()), message);
    }
    let in_range = |n: &i64| s.min.is_none_or(|lo| *n >= lo) && s.max.is_none_or(|hi| *n <= hi);
    match parse_whole_number(text) {
        Some(n) if in_range(&n) => Reading::fine(Answer::Number(n)),
        // Out of range is still the number typed; the endpoint never sees it
        // because the rules stop the application first.
        Some(n) => Reading::wrong(Answer::Number(n), range_message(field, s, texts)),
        None => Reading::wrong(
            Answer::Text(text.to_string()),
            range_message(field, s, texts),
        ),
    }
}

/// One message for every wrong number: not a whole number and out of range
/// read the same to the applicant.
pub(super) fn range_message(field: &Field, s: &IntegerSettings, texts: &Texts) -> String {
    if let Some(own) = field
        .messages
        .format
        .as_ref()
        .or(field.messages.range.as_ref())
    {
        return own.clone();
    }
    let (min, max) = (
        s.min.map(|n| n.to_string()).unwrap_or_default(),
        s.max.map(|n| n.to_string()).unwrap_or_default(),
    );
    let template = match (s.min, s.max) {
        (Some(_), Some(_)) => texts.whole_number_between(),
        (Some(_), None) => texts.whole_number_at_least(),
        (None, Some(_)) => texts.whole_number_at_most(),
        (None, None) => texts.whole_number(),
    };
    field.message(template, &[("min", &min), ("max", &max)])
}
