//! Checks that need the whole cycle: unique ids, references that resolve,
//! dates in order, options where they belong. Each problem names its place.

use super::datetime::parse_rfc3339_ms;
use super::load::ConfigError;
use super::model::{Cycle, Encoding, Field, FieldKind, SCHEMA_VERSION};
use crate::form::text::is_email;
use std::collections::HashSet;

pub fn check_cycle(c: &Cycle) -> Vec<ConfigError> {
    let mut errs = Vec::new();
    let mut err = |path: String, msg: String| errs.push(ConfigError::at(path, msg));

    if c.schema_version != SCHEMA_VERSION {
        err(
            "schema_version".into(),
            format!(
                "this app reads cycle files of schema version {SCHEMA_VERSION}, not {}",
                c.schema_version
            ),
        );
    }
    if !is_slug(&c.id) {
        err("id".into(), slug_message(&c.id));
    }
    for (key, value) in [("program", &c.program), ("title", &c.title)] {
        if value.trim().is_empty() {
            err(key.into(), format!("{key} must not be empty"));
        }
    }

    let opens = parse_rfc3339_ms(&c.deadline.opens_at);
    let closes = parse_rfc3339_ms(&c.deadline.closes_at);
    if let Err(e) = &opens {
        err("deadline.opens_at".into(), e.clone());
    }
    if let Err(e) = &closes {
        err("deadline.closes_at".into(), e.clone());
    }
    if let (Ok(o), Ok(cl)) = (opens, closes) {
        if cl <= o {
            err(
                "deadline.closes_at".into(),
                format!(
                    "the cycle closes ({}) before it opens ({})",
                    c.deadline.closes_at, c.deadline.opens_at
                ),
            );
        }
    }
    if !is_email(&c.contact.email) {
        err(
            "contact.email".into(),
            format!("“{}” is not an email address", c.contact.email),
        );
    }
    for (i, l) in c.links.iter().enumerate() {
        check_link(&format!("links[{i}]"), &l.url, &mut err);
    }

    let s = &c.rating_scale;
    if s.min >= s.max || s.max - s.min > 10 {
        err(
            "rating_scale".into(),
            format!(
                "a rating scale runs from a smaller to a larger number, at most 11 steps (it says {} to {})",
                s.min, s.max
            ),
        );
    }

    if c.sections.is_empty() {
        err(
            "sections".into(),
            "a cycle needs at least one section".into(),
        );
    }
    let mut section_ids = HashSet::new();
    let mut field_ids: HashSet<&str> = HashSet::new();
    for (si, section) in c.sections.iter().enumerate() {
        let at = format!("sections[{si}]");
        if !is_slug(&section.id) {
            err(format!("{at}.id"), slug_message(&section.id));
        } else if !section_ids.insert(section.id.as_str()) {
            err(
                format!("{at}.id"),
                format!("the section id “{}” is used twice", section.id),
            );
        }
        if section.fields.is_empty() {
            err(
                format!("{at}.fields"),
                format!("the section “{}” has no questions", section.title),
            );
        }
        for (li, l) in section.links.iter().enumerate() {
            check_link(&format!("{at}.links[{li}]"), &l.url, &mut err);
        }
        for (fi, field) in section.fields.iter().enumerate() {
            let at = format!("{at}.fields[{fi}]");
            if !is_slug(&field.id) {
                err(format!("{at}.id"), slug_message(&field.id));
            } else if !field_ids.insert(field.id.as_str()) {
                err(
                    format!("{at}.id"),
                    format!("the field id “{}” is used twice", field.id),
                );
            }
            check_field(&at, field, &mut err);
        }
    }

    // References are checked once every id is known.
    for (si, section) in c.sections.iter().enumerate() {
        for (fi, field) in section.fields.iter().enumerate() {
            if let Some(cond) = &field.required_when {
                let at = format!("sections[{si}].fields[{fi}].required_when");
                match c.field(&cond.field) {
                    None => err(
                        format!("{at}.field"),
                        format!("refers to a field “{}” that does not exist", cond.field),
                    ),
                    Some(target) if target.id == field.id => err(
                        format!("{at}.field"),
                        "a field cannot depend on itself".into(),
                    ),
                    Some(target) if target.kind.has_options() => {
                        if !target.options.iter().any(|o| o.value == cond.equals) {
                            err(
                                format!("{at}.equals"),
                                format!(
                                    "“{}” is not one of the choices of “{}”",
                                    cond.equals, cond.field
                                ),
                            );
                        }
                    }
                    Some(target) if target.kind == FieldKind::Checkbox => {
                        if cond.equals != "true" && cond.equals != "false" {
                            err(
                                format!("{at}.equals"),
                                "a checkbox condition equals \"true\" or \"false\"".into(),
                            );
                        }
                    }
                    Some(_) => err(
                        format!("{at}.field"),
                        format!(
                            "“{}” is not a choice or checkbox field, so it cannot switch a requirement",
                            cond.field
                        ),
                    ),
                }
            }
        }
    }

    let submit = &c.submit;
    let url = submit.url.trim();
    // `//host/path` is another host, not a path; `https://` needs a host.
    let host = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .map(|rest| rest.split(['/', '?', '#']).next().unwrap_or(""));
    let url_ok = match host {
        Some(h) => !h.is_empty() && !h.contains(char::is_whitespace),
        None => url.starts_with('/') && !url.starts_with("//"),
    };
    if !url_ok {
        err(
            "submit.url".into(),
            format!(
                "“{}” must be an http(s) URL or a path starting with /",
                submit.url
            ),
        );
    }
    for name in submit.headers.keys() {
        if name.is_empty() || !name.bytes().all(is_token_byte) {
            err(
                format!("submit.headers.{name}"),
                format!("“{name}” is not an HTTP header name"),
            );
        }
    }
    for key in submit.field_names.keys() {
        if c.field(key).is_none() {
            err(
                format!("submit.field_names.{key}"),
                format!("maps a field “{key}” that does not exist"),
            );
        }
    }
    // Two answers sent under one name would overwrite each other; in a form
    // encoding the metadata names are taken too.
    let mut sent_as: HashSet<&str> = HashSet::new();
    if submit.encoding == Encoding::Form {
        sent_as.extend([
            "schema_version",
            "cycle_id",
            "submitted_at",
            "reference",
            "version",
        ]);
    }
    let mut ids_seen: HashSet<&str> = HashSet::new();
    for field in c.fields() {
        if !ids_seen.insert(field.id.as_str()) {
            continue; // a repeated id is reported above
        }
        let name = submit.field_names.get(&field.id).unwrap_or(&field.id);
        if name.trim().is_empty() {
            err(
                format!("submit.field_names.{}", field.id),
                format!("the name for “{}” is empty", field.id),
            );
        } else if !sent_as.insert(name.as_str()) {
            err(
                format!("submit.field_names.{}", field.id),
                format!(
                    "“{}” would be sent as “{name}”, a name already used for another answer or the metadata",
                    field.id
                ),
            );
        }
    }
    if submit.timeout_ms < 1000 || submit.timeout_ms > 120_000 {
        err(
            "submit.timeout_ms".into(),
            "the timeout is given in milliseconds, between 1000 and 120000".into(),
        );
    }
    if submit.retries > 5 {
        err(
            "submit.retries".into(),
            "at most 5 retries (applicants should not wait minutes)".into(),
        );
    }
    for (i, origin) in c.embed.allowed_origins.iter().enumerate() {
        let ok = (origin.starts_with("https://") || origin.starts_with("http://"))
            && !origin
                .trim_end_matches('/')
                .contains(|ch: char| ch.is_whitespace())
            && origin.matches('/').count() == 2;
        if !ok {
            err(
                format!("embed.allowed_origins[{i}]"),
                format!("“{origin}” is not an origin like https://www.ala.org"),
            );
        }
    }
    errs
}

fn check_field(at: &str, f: &Field, err: &mut impl FnMut(String, String)) {
    if f.label.trim().is_empty() {
        err(format!("{at}.label"), "every question needs a label".into());
    }
    if f.kind.has_options() {
        if f.options.is_empty() {
            err(
                format!("{at}.options"),
                format!("a {} field needs at least one choice", kind_name(f.kind)),
            );
        }
        let mut seen = HashSet::new();
        for (oi, o) in f.options.iter().enumerate() {
            if !seen.insert(o.value.as_str()) {
                err(
                    format!("{at}.options[{oi}].value"),
                    format!("the choice “{}” is listed twice", o.value),
                );
            }
            if o.value.is_empty() {
                err(
                    format!("{at}.options[{oi}].value"),
                    "a choice needs a value".into(),
                );
            }
        }
    } else if !f.options.is_empty() {
        err(
            format!("{at}.options"),
            format!(
                "choices only apply to select and radio fields, not {}",
                kind_name(f.kind)
            ),
        );
    }
    if f.max_length.is_some() && !f.kind.is_textual() {
        err(
            format!("{at}.max_length"),
            format!(
                "max_length only applies to text fields, not {}",
                kind_name(f.kind)
            ),
        );
    }
    if f.max_length == Some(0) {
        err(
            format!("{at}.max_length"),
            "max_length must be at least 1".into(),
        );
    }
    if (f.min.is_some() || f.max.is_some()) && f.kind != FieldKind::Integer {
        err(
            format!("{at}.min"),
            format!(
                "min and max only apply to integer fields, not {}",
                kind_name(f.kind)
            ),
        );
    }
    if let (Some(lo), Some(hi)) = (f.min, f.max) {
        if lo > hi {
            err(
                format!("{at}.max"),
                format!("max ({hi}) is smaller than min ({lo})"),
            );
        }
    }
    if f.required_when.is_some() && !f.optional {
        err(
            format!("{at}.required_when"),
            "required_when only makes sense on an optional field (this one is always required)"
                .into(),
        );
    }
}

fn check_link(at: &str, url: &str, err: &mut impl FnMut(String, String)) {
    if !(url.starts_with("https://") || url.starts_with("http://") || url.starts_with("mailto:")) {
        err(
            format!("{at}.url"),
            format!("“{url}” must start with https://, http:// or mailto:"),
        );
    }
}

pub fn kind_name(k: FieldKind) -> &'static str {
    match k {
        FieldKind::Text => "text",
        FieldKind::Email => "email",
        FieldKind::Phone => "phone",
        FieldKind::Integer => "integer",
        FieldKind::Textarea => "textarea",
        FieldKind::Select => "select",
        FieldKind::Radio => "radio",
        FieldKind::Checkbox => "checkbox",
        FieldKind::Rating => "rating",
    }
}

fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
}

fn slug_message(s: &str) -> String {
    format!("“{s}” is not an id: use 1 to 64 lower-case letters, digits, - or _")
}

fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}
