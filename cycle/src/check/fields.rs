//! Sections and questions: ids used once, page ids that cannot clash, each
//! kind's settings together, and the rules that make a question required.

use crate::ids::{is_slug, FieldId};
use crate::kinds::{check_settings, switch_values};
use crate::model::{Cycle, Field};
use crate::page_ids;
use crate::problem::{Place, Problem};
use std::collections::{HashMap, HashSet};

pub(super) fn check(c: &Cycle, problems: &mut Vec<Problem>) {
    let mut section_ids = HashSet::new();
    let mut field_ids: HashSet<&FieldId> = HashSet::new();
    for (si, section) in c.sections.iter().enumerate() {
        let at = Place::root().key("sections").index(si);
        // An id that is not a slug was reported when the file was read.
        if is_slug(section.id.as_str()) && !section_ids.insert(&section.id) {
            problems.push(Problem::at(
                at.key("id"),
                format!("the section id “{}” is used twice", section.id),
            ));
        }
        if section.fields.is_empty() {
            problems.push(Problem::at(
                at.key("fields"),
                format!("the section “{}” has no questions", section.title),
            ));
        }
        for (fi, field) in section.fields.iter().enumerate() {
            let at = Place::field(si, fi);
            if is_slug(field.id.as_str()) && !field_ids.insert(&field.id) {
                problems.push(Problem::at(
                    at.key("id"),
                    format!("the field id “{}” is used twice", field.id),
                ));
            }
            if field.label.trim().is_empty() {
                problems.push(Problem::at(at.key("label"), "every question needs a label"));
            }
            check_settings(field, &at, problems);
            if field.required_when.is_some() && !field.optional {
                problems.push(Problem::at(
                    at.key("required_when"),
                    "required_when only makes sense on an optional field (this one is always required)",
                ));
            }
        }
    }
    page_ids_clash(c, problems);
    rules(c, problems);
}

/// Ids in the page come from field ids and choice values (`f-a-b` is the
/// field `a-b` and also the choice `b` of the field `a`): no two elements
/// may get the same one, or labels and error links point at the wrong one.
fn page_ids_clash(c: &Cycle, problems: &mut Vec<Problem>) {
    let mut page_ids: HashMap<String, &FieldId> = HashMap::new();
    let mut fields_seen: HashSet<&FieldId> = HashSet::new();
    for (si, section) in c.sections.iter().enumerate() {
        for (fi, field) in section.fields.iter().enumerate() {
            if !fields_seen.insert(&field.id) {
                continue; // a repeated field id is reported above
            }
            for id in page_ids::all(field) {
                let Some(other) = page_ids.get(id.as_str()) else {
                    page_ids.insert(id, &field.id);
                    continue;
                };
                let message = if *other == &field.id {
                    format!(
                        "the page id “{id}” is used twice within “{other}”: a choice value cannot be hint, error or conf"
                    )
                } else {
                    format!(
                        "the page id “{id}” would be used by both “{other}” and “{}”: rename a field or a choice",
                        field.id
                    )
                };
                problems.push(Problem::at(Place::field(si, fi).key("id"), message));
            }
        }
    }
}

/// Every `required_when` names another question that exists and one of the
/// answers that question can give.
fn rules(c: &Cycle, problems: &mut Vec<Problem>) {
    for (si, section) in c.sections.iter().enumerate() {
        for (fi, field) in section.fields.iter().enumerate() {
            let Some(cond) = &field.required_when else {
                continue;
            };
            if !is_slug(cond.field.as_str()) {
                continue; // reported when the file was read
            }
            let at = Place::field(si, fi).key("required_when");
            match c.field(&cond.field) {
                None => problems.push(Problem::at(
                    at.key("field"),
                    format!("refers to a field “{}” that does not exist", cond.field),
                )),
                Some(target) if target.id == field.id => problems.push(Problem::at(
                    at.key("field"),
                    "a field cannot depend on itself",
                )),
                Some(target) => switch(target, &cond.equals, c, &at, problems),
            }
        }
    }
}

fn switch(target: &Field, equals: &str, c: &Cycle, at: &Place, problems: &mut Vec<Problem>) {
    match switch_values(target, &c.texts) {
        None => problems.push(Problem::at(
            at.key("field"),
            format!(
                "“{}” is not a choice or checkbox field, so it cannot switch a requirement",
                target.id
            ),
        )),
        Some(values) if values.iter().any(|(v, _)| v == equals) => {}
        Some(_) if target.options().is_empty() => problems.push(Problem::at(
            at.key("equals"),
            "a checkbox condition equals \"true\" or \"false\"",
        )),
        Some(_) => problems.push(Problem::at(
            at.key("equals"),
            format!("“{equals}” is not one of the choices of “{}”", target.id),
        )),
    }
}
