//! `checkboxes`: any number of choices from a list (GOV.UK checkboxes), with
//! an optional fewest and most. The answer is the chosen values in the order
//! they are offered: a JSON array, repeated keys in a form encoding.

use super::choice;
use super::types::CheckboxesSettings;
use crate::answers::{Answer, Reading, Value};
use crate::file::{FieldFile, Limit};
use crate::model::Field;
use crate::problem::{Place, Problem};
use crate::texts::Texts;

pub(super) fn settings(
    f: &FieldFile,
    at: &Place,
    problems: &mut Vec<Problem>,
) -> CheckboxesSettings {
    let mut count = |key: &str, limit: &Option<Limit>| match limit {
        None => None,
        Some(Limit::Whole(n)) => match u32::try_from(*n) {
            Ok(n) => Some(n),
            Err(_) => {
                problems.push(Problem::at(
                    at.key(key),
                    format!("{key} is a number of choices, 0 or more, not {n}"),
                ));
                None
            }
        },
        Some(Limit::Date(d)) => {
            problems.push(Problem::at(
                at.key(key),
                format!("{key} is a whole number for checkboxes fields, not “{d}”"),
            ));
            None
        }
    };
    let min = count("min", &f.min);
    let max = count("max", &f.max);
    CheckboxesSettings {
        options: choice::options(f, at, problems),
        min,
        max,
    }
}

pub(super) fn check(s: &CheckboxesSettings, at: &Place, problems: &mut Vec<Problem>) {
    let offered = s.options.len() as u32;
    if let Some(lo) = s.min.filter(|lo| *lo > offered && offered > 0) {
        problems.push(Problem::at(
            at.key("min"),
            format!("min is a number of choices from 0 to {offered}, not {lo}"),
        ));
    }
    if let Some(hi) = s.max.filter(|hi| *hi < 1 || (*hi > offered && offered > 0)) {
        problems.push(Problem::at(
            at.key("max"),
            format!("max is a number of choices from 1 to {offered}, not {hi}"),
        ));
    }
    if let (Some(lo), Some(hi)) = (s.min, s.max) {
        if lo > hi {
            problems.push(Problem::at(
                at.key("max"),
                format!("max ({hi}) is smaller than min ({lo})"),
            ));
        }
    }
}

pub(super) fn read(field: &Field, s: &CheckboxesSettings, texts: &Texts, value: &Value) -> Reading {
    let Value::List(chosen) = value else {
        return Reading::Unanswered;
    };
    // Offered order, each once; values that are not offered do not count.
    let values: Vec<_> = s
        .options
        .iter()
        .filter(|o| chosen.iter().any(|c| c == o.value.as_str()))
        .map(|o| o.value.clone())
        .collect();
    if values.is_empty() {
        return Reading::Unanswered;
    }
    let n = values.len() as u32;
    let problem = (s.min.is_some_and(|lo| n < lo) || s.max.is_some_and(|hi| n > hi))
        .then(|| count_message(field, s, texts, n));
    Reading::Answered {
        answer: Answer::Choices(values),
        problem,
    }
}

pub(super) fn missing(field: &Field, s: &CheckboxesSettings, texts: &Texts) -> String {
    match s.min {
        Some(lo) if lo > 1 => count_message(field, s, texts, 0),
        _ => field.message(texts.missing_checkboxes(), &[]),
    }
}

pub(super) fn format_message(
    field: &Field,
    s: &CheckboxesSettings,
    texts: &Texts,
) -> Option<String> {
    (s.min.is_some() || s.max.is_some()).then(|| count_message(field, s, texts, 0))
}

/// "Select at least 2 answers to “…”", or the cycle's `messages.range`.
fn count_message(field: &Field, s: &CheckboxesSettings, texts: &Texts, chosen: u32) -> String {
    if let Some(own) = &field.messages.range {
        return own.clone();
    }
    let (template, n) = match (s.min, s.max) {
        (Some(lo), Some(hi)) if lo == hi => (
            if lo == 1 {
                texts.choices_exactly_one()
            } else {
                texts.choices_exactly()
            },
            lo,
        ),
        (Some(lo), _) if chosen < lo => (at_least(texts, lo), lo),
        (_, Some(hi)) => (
            if hi == 1 {
                texts.choices_at_most_one()
            } else {
                texts.choices_at_most()
            },
            hi,
        ),
        (Some(lo), None) => (at_least(texts, lo), lo),
        (None, None) => (texts.missing_checkboxes(), 1),
    };
    field.message(template, &[("n", &n.to_string())])
}

fn at_least(texts: &Texts, n: u32) -> &str {
    if n == 1 {
        texts.choices_at_least_one()
    } else {
        texts.choices_at_least()
    }
}
