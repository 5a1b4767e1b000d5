//! The DOM ids of a field's elements, built in this one place: views, the
//! error summary, Change links and the cycle check (which makes sure no two
//! elements of a cycle could get the same id) all ask here.

use crate::config::model::Field;
use crate::config::texts::Texts;
use crate::form::kinds;

/// The control: `f-first_name`.
pub fn control(field_id: &str) -> String {
    format!("f-{field_id}")
}

/// The hint under the label: `f-first_name-hint`.
pub fn hint(field_id: &str) -> String {
    format!("f-{field_id}-hint")
}

/// The inline error message: `f-first_name-error`.
pub fn error(field_id: &str) -> String {
    format!("f-{field_id}-error")
}

/// The confidentiality note: `f-gender-conf`.
pub fn confidential(field_id: &str) -> String {
    format!("f-{field_id}-conf")
}

/// One choice of a group: `f-region_match-yes`.
pub fn option(field_id: &str, value: &str) -> String {
    format!("f-{field_id}-{value}")
}

/// Where focus goes for an error on this field (the error summary's links,
/// the review page's Change links): the control, or a group's first choice.
pub fn focus_target(field: &Field) -> String {
    let grouped = kinds::of(field.kind).control(field).is_group();
    match field.options.first() {
        Some(first) if grouped => option(&field.id, &first.value),
        _ => control(&field.id),
    }
}

/// The hint a field shows: its own, or its kind's ("Select all that apply.").
pub fn hint_text(field: &Field, texts: &Texts) -> Option<String> {
    field.hint.clone().or_else(|| {
        kinds::of(field.kind)
            .default_hint(texts)
            .map(str::to_string)
    })
}

/// The ids listed in `aria-describedby`, error last (screen readers read the
/// hint first, then what to fix).
pub fn described_by(field: &Field, texts: &Texts, has_error: bool) -> Option<String> {
    let mut ids = Vec::new();
    if hint_text(field, texts).is_some() {
        ids.push(hint(&field.id));
    }
    if field.confidential {
        ids.push(confidential(&field.id));
    }
    if has_error {
        ids.push(error(&field.id));
    }
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// Every id a field's elements may take, for the cycle check.
pub fn all(field: &Field) -> Vec<String> {
    let mut ids = vec![
        control(&field.id),
        hint(&field.id),
        error(&field.id),
        confidential(&field.id),
    ];
    if kinds::of(field.kind).control(field).is_group() {
        // A choice listed twice is reported as that, not as a clash of ids.
        for o in &field.options {
            let id = option(&field.id, &o.value);
            if !ids[4..].contains(&id) {
                ids.push(id);
            }
        }
    }
    ids
}
