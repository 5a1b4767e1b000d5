//! `select` and `radio`: one choice from the question's options, as a
//! drop-down list or as a fieldset of radios. Only the control and the
//! missing message differ.

use super::trimmed_text;
use super::types::{Choice, ChoiceSettings, FieldKind, SelectSettings};
use crate::answers::{Answer, Reading, Value};
use crate::file::{ChoiceFile, FieldFile};
use crate::ids::{choice_problem, ChoiceValue};
use crate::problem::{Place, Problem};
use std::collections::HashSet;

pub(super) fn settings(f: &FieldFile, at: &Place, problems: &mut Vec<Problem>) -> ChoiceSettings {
    ChoiceSettings {
        options: options(f, at, problems),
    }
}

pub(super) fn select_settings(
    f: &FieldFile,
    at: &Place,
    problems: &mut Vec<Problem>,
) -> SelectSettings {
    SelectSettings {
        options: options(f, at, problems),
        placeholder: f.placeholder.clone(),
    }
}

/// The choices of a file's question, each value checked where it stands.
pub(super) fn options(f: &FieldFile, at: &Place, problems: &mut Vec<Problem>) -> Vec<Choice> {
    let mut out = Vec::with_capacity(f.options.len());
    for (i, o) in f.options.iter().enumerate() {
        match ChoiceValue::new(o.value.as_str()) {
            Some(value) => out.push(Choice {
                value,
                label: o.label.clone(),
            }),
            None => problems.push(Problem::at(
                at.key("options").index(i).key("value"),
                choice_problem(&o.value),
            )),
        }
    }
    out
}

pub(super) fn options_to_file(options: &[Choice]) -> Vec<ChoiceFile> {
    options
        .iter()
        .map(|o| ChoiceFile {
            value: o.value.to_string(),
            label: o.label.clone(),
        })
        .collect()
}

/// At least one choice, none listed twice.
pub(super) fn check(options: &[Choice], kind: FieldKind, at: &Place, problems: &mut Vec<Problem>) {
    if options.is_empty() {
        problems.push(Problem::at(
            at.key("options"),
            format!("a {} field needs at least one choice", kind.name()),
        ));
    }
    let mut seen = HashSet::new();
    for (i, o) in options.iter().enumerate() {
        if !seen.insert(&o.value) {
            problems.push(Problem::at(
                at.key("options").index(i).key("value"),
                format!("the choice “{}” is listed twice", o.value),
            ));
        }
    }
}

/// The choice a value names, if it is one of the offered ones.
pub(super) fn read(options: &[Choice], value: &Value) -> Reading {
    match trimmed_text(value).and_then(|v| options.iter().find(|o| o.value.as_str() == v)) {
        Some(o) => Reading::fine(Answer::Choice(o.value.clone())),
        None => Reading::Unanswered,
    }
}
