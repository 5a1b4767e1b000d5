//! The page ids of a question's elements, made in this one place: the form's
//! controls, the error summary's links, Change links, the staff editor and the
//! cycle check (which makes sure no two elements of a cycle could get the
//! same id) all ask here.

use crate::ids::{ChoiceValue, FieldId};
use crate::model::Field;
use crate::texts::Texts;

/// The control: `f-first_name`.
pub fn control(field: &FieldId) -> String {
    format!("f-{field}")
}

/// The hint under the label: `f-first_name-hint`.
pub fn hint(field: &FieldId) -> String {
    format!("f-{field}-hint")
}

/// The inline error message: `f-first_name-error`.
pub fn error(field: &FieldId) -> String {
    format!("f-{field}-error")
}

/// The confidentiality note: `f-gender-conf`.
pub fn confidential(field: &FieldId) -> String {
    format!("f-{field}-conf")
}

/// One choice of a group: `f-region_match-yes`.
pub fn option(field: &FieldId, value: &ChoiceValue) -> String {
    format!("f-{field}-{value}")
}

/// Where focus goes for an error on this field (the error summary's links,
/// the review page's Change links): the control, or a group's first choice.
pub fn focus_target(field: &Field) -> String {
    match field.options().first() {
        Some(first) if field.kind.has_choice_elements() => option(&field.id, &first.value),
        _ => control(&field.id),
    }
}

/// The ids listed in `aria-describedby`, error last (screen readers read the
/// hint first, then what to fix).
pub fn described_by(field: &Field, texts: &Texts, has_error: bool) -> Option<String> {
    let mut ids = Vec::new();
    if field.hint_text(texts).is_some() {
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
    if field.kind.has_choice_elements() {
        // A choice listed twice is reported as that, not as a clash of ids.
        for o in field.options() {
            let id = option(&field.id, &o.value);
            if !ids[4..].contains(&id) {
                ids.push(id);
            }
        }
    }
    ids
}
