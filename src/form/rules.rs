//! Validation rules, read from the cycle file and evaluated without a browser.
//!
//! A problem is either *missing* (shown when the applicant tries to continue)
//! or a *format* problem (shown as soon as they leave a field with content).

use super::text::{char_count, is_email, is_phone, lower_first, normalise, parse_whole_number};
use super::value::{is_answered, Answers, Value};
use crate::config::model::{Cycle, Field, FieldKind, RatingScale, Section};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProblemKind {
    Missing,
    Format,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub field: String,
    pub kind: ProblemKind,
    pub message: String,
}

/// Whether the field must be answered given the other answers.
pub fn required_now(field: &Field, answers: &Answers) -> bool {
    if !field.optional {
        return true;
    }
    match &field.required_when {
        Some(cond) => match answers.get(&cond.field) {
            Some(Value::Text(v)) => v.trim() == cond.equals,
            Some(Value::Bool(b)) => cond.equals == if *b { "true" } else { "false" },
            Some(Value::Number(n)) => cond.equals == n.to_string(),
            None => false,
        },
        None => false,
    }
}

/// The one problem to show for a field, if any.
pub fn check_field(cycle: &Cycle, field: &Field, answers: &Answers) -> Option<Problem> {
    let value = answers.get(&field.id);
    let problem = |kind, message: String| {
        Some(Problem {
            field: field.id.clone(),
            kind,
            message,
        })
    };
    if !is_answered(value) || !value_fits_kind(field, &cycle.rating_scale, value) {
        return if required_now(field, answers) {
            problem(ProblemKind::Missing, missing_message(cycle, field))
        } else {
            None
        };
    }
    let Some(Value::Text(raw)) = value else {
        return None;
    };
    let text = normalise(raw, field.kind == FieldKind::Email);
    if let Some(max) = field.max_length {
        if char_count(&text) > max {
            let msg = field.messages.too_long.clone().unwrap_or_else(|| {
                // A question label cannot be the subject of a sentence.
                if field.label.trim_end().ends_with('?') {
                    format!(
                        "Your answer to “{}” must be {max} characters or less",
                        field.label.trim_end()
                    )
                } else {
                    format!("{} must be {max} characters or less", field.label)
                }
            });
            return problem(ProblemKind::Format, msg);
        }
    }
    let format_ok = match field.kind {
        FieldKind::Email => is_email(&text),
        FieldKind::Phone => is_phone(&text),
        FieldKind::Integer => parse_whole_number(&text).is_some_and(|n| {
            field.min.is_none_or(|lo| n >= lo) && field.max.is_none_or(|hi| n <= hi)
        }),
        _ => true,
    };
    if format_ok {
        None
    } else {
        problem(ProblemKind::Format, format_message(field))
    }
}

/// Problems for one section, in page order. Fields elsewhere that this
/// section's answers make required are included too (the seed's "city, state
/// must be filled out" when a same-region match is asked for), so the
/// applicant learns about them where they made the choice.
pub fn check_section(cycle: &Cycle, section: &Section, answers: &Answers) -> Vec<Problem> {
    let mut problems: Vec<Problem> = section
        .fields
        .iter()
        .filter_map(|f| check_field(cycle, f, answers))
        .collect();
    for field in cycle.fields() {
        let depends_here = field
            .required_when
            .as_ref()
            .is_some_and(|c| section.fields.iter().any(|f| f.id == c.field));
        let elsewhere = !section.fields.iter().any(|f| f.id == field.id);
        if depends_here && elsewhere {
            problems.extend(check_field(cycle, field, answers));
        }
    }
    problems
}

/// Every problem in the application, in page order.
pub fn check_all(cycle: &Cycle, answers: &Answers) -> Vec<Problem> {
    cycle
        .fields()
        .filter_map(|f| check_field(cycle, f, answers))
        .collect()
}

/// Whether a value is of the field's kind: a ticked-or-not box for a
/// checkbox, a rating on the scale, one of the offered choices, text for text.
pub fn value_fits_kind(field: &Field, scale: &RatingScale, value: Option<&Value>) -> bool {
    match (field.kind, value) {
        (FieldKind::Checkbox, Some(Value::Bool(_))) => true,
        (FieldKind::Rating, Some(Value::Number(n))) => {
            (i64::from(scale.min)..=i64::from(scale.max)).contains(n)
        }
        (FieldKind::Select | FieldKind::Radio, Some(Value::Text(v))) => {
            field.options.iter().any(|o| &o.value == v)
        }
        (FieldKind::Checkbox | FieldKind::Rating | FieldKind::Select | FieldKind::Radio, _) => {
            false
        }
        (_, Some(Value::Text(_))) => true,
        _ => false,
    }
}

pub fn missing_message(cycle: &Cycle, field: &Field) -> String {
    if let Some(m) = &field.messages.required {
        return m.clone();
    }
    let label = field.label.trim_end_matches(['?', ':', '.']);
    match field.kind {
        FieldKind::Select => format!("Select {}", lower_first(label)),
        FieldKind::Radio => format!("Select an answer to “{}”", field.label),
        FieldKind::Checkbox => format!("Tick the box to confirm: {}", lower_first(label)),
        FieldKind::Rating => format!(
            "Choose a rating from {} to {} for {}",
            cycle.rating_scale.min, cycle.rating_scale.max, label
        ),
        _ => format!("Enter {}", lower_first(label)),
    }
}

pub fn format_message(field: &Field) -> String {
    if let Some(m) = &field.messages.format {
        return m.clone();
    }
    match field.kind {
        FieldKind::Email => {
            "Enter an email address in the correct format, like name@example.org".into()
        }
        FieldKind::Phone => {
            "Enter a phone number in the correct format, like 312 944 6780 or +1 312 944 6780"
                .into()
        }
        FieldKind::Integer => {
            field
                .messages
                .range
                .clone()
                .unwrap_or_else(|| match (field.min, field.max) {
                    (Some(lo), Some(hi)) => {
                        format!(
                            "{} must be a whole number between {lo} and {hi}",
                            field.label
                        )
                    }
                    (Some(lo), None) => {
                        format!("{} must be a whole number, {lo} or more", field.label)
                    }
                    (None, Some(hi)) => {
                        format!("{} must be a whole number, {hi} or less", field.label)
                    }
                    (None, None) => format!("{} must be a whole number", field.label),
                })
        }
        _ => format!("Check {}", lower_first(&field.label)),
    }
}

/// A rating in words: "4 of 5, towards Comfortable".
pub fn rating_words(scale: &RatingScale, n: i64) -> String {
    let (lo, hi) = (i64::from(scale.min), i64::from(scale.max));
    let place = if n <= lo {
        scale.low_label.clone()
    } else if n >= hi {
        scale.high_label.clone()
    } else if 2 * n == lo + hi {
        format!("between {} and {}", scale.low_label, scale.high_label)
    } else if 2 * n < lo + hi {
        format!("towards {}", scale.low_label)
    } else {
        format!("towards {}", scale.high_label)
    };
    format!("{n} of {hi}, {place}")
}

/// How an answer reads on the review page and the printable copy.
pub fn display_answer(cycle: &Cycle, field: &Field, answers: &Answers) -> String {
    let value = answers.get(&field.id);
    // A value the rules treat as unanswered (a rating of 0, a choice that is
    // not offered) must not read as an answer on the review page either.
    if !is_answered(value) || !value_fits_kind(field, &cycle.rating_scale, value) {
        return "Not provided".into();
    }
    match (field.kind, value) {
        (FieldKind::Rating, Some(Value::Number(n))) => rating_words(&cycle.rating_scale, *n),
        (FieldKind::Checkbox, Some(Value::Bool(true))) => "Yes".into(),
        (FieldKind::Select | FieldKind::Radio, Some(Value::Text(v))) => field
            .options
            .iter()
            .find(|o| &o.value == v)
            .map(|o| o.label.clone())
            .unwrap_or_else(|| v.clone()),
        (_, Some(Value::Text(t))) => normalise(t, field.kind == FieldKind::Email),
        (_, Some(Value::Number(n))) => n.to_string(),
        _ => "Not provided".into(),
    }
}
