//! The rules across a cycle, evaluated without a browser: which questions
//! must be answered given the others, the one problem to show for each, and
//! answers as the review page reads them.
//!
//! A problem is either *missing* (shown when the applicant tries to continue)
//! or a *format* problem (shown as soon as they leave a field with content).
//! What counts as an answer, and what is wrong with it, is the question's
//! kind's business (`cycle::kinds`); this module applies it across a cycle.

use cycle::answers::{Answer, Answers, Reading, Value};
use cycle::{Cycle, Field, FieldId, Section};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProblemKind {
    Missing,
    Format,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub field: FieldId,
    pub kind: ProblemKind,
    pub message: String,
}

/// What the stored answer to a field means, read by its kind.
pub fn reading(cycle: &Cycle, field: &Field, answers: &Answers) -> Reading {
    match answers.get(&field.id) {
        Some(value) => field.read(cycle, value),
        None => Reading::Unanswered,
    }
}

/// The normalised answer to a field, if it has one (format problems or not).
pub fn answer(cycle: &Cycle, field: &Field, answers: &Answers) -> Option<Answer> {
    reading(cycle, field, answers).answer()
}

/// Whether a stored value is of the field's kind, right or wrong (blank text
/// in a text box included): what a draft keeps for the question instead of
/// setting it aside. A choice that is no longer offered, or a value of
/// another shape, does not fit.
pub fn value_fits_kind(cycle: &Cycle, field: &Field, value: Option<&Value>) -> bool {
    let Some(value) = value else {
        return false;
    };
    match field.read(cycle, value) {
        Reading::Answered { .. } => true,
        Reading::Unanswered => {
            let blank_text = matches!(value, Value::Text(s) if s.trim().is_empty());
            blank_text && field.kind.holds_text()
        }
    }
}

/// Whether the field must be answered given the other answers.
pub fn required_now(cycle: &Cycle, field: &Field, answers: &Answers) -> bool {
    if !field.optional {
        return true;
    }
    let Some(cond) = &field.required_when else {
        return false;
    };
    cycle
        .field(&cond.field)
        .and_then(|target| answer(cycle, target, answers))
        .is_some_and(|a| a.equals(&cond.equals))
}

/// The one problem to show for a field, if any.
pub fn check_field(cycle: &Cycle, field: &Field, answers: &Answers) -> Option<Problem> {
    let (kind, message) = match reading(cycle, field, answers) {
        Reading::Unanswered if required_now(cycle, field, answers) => {
            (ProblemKind::Missing, field.missing_message(cycle))
        }
        Reading::Unanswered => return None,
        Reading::Answered { problem, .. } => (ProblemKind::Format, problem?),
    };
    Some(Problem {
        field: field.id.clone(),
        kind,
        message,
    })
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

/// How an answer reads on the review page and the printable copy; `None`
/// when the question has no answer (a value the rules treat as unanswered,
/// such as a rating of 0 or a choice that is not offered, has none either).
pub fn answer_text(cycle: &Cycle, field: &Field, answers: &Answers) -> Option<String> {
    let answer = answer(cycle, field, answers)?;
    Some(field.display(cycle, &answer))
}

/// [`answer_text`], or the cycle's "Not provided": for copies where every
/// question gets a line.
pub fn display_answer(cycle: &Cycle, field: &Field, answers: &Answers) -> String {
    answer_text(cycle, field, answers).unwrap_or_else(|| cycle.texts.not_provided().to_string())
}
