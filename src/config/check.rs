//! Checks that need the whole cycle: unique ids, references that resolve,
//! dates in order, options where they belong. Each problem names its place.

use super::datetime::parse_rfc3339_ms;
use super::error::ConfigError;
use super::model::Limit;
use super::model::{Cycle, Encoding, Field, FieldKind, SCHEMA_VERSION};
use crate::dom_ids;
use crate::form::kinds::{self, parse_iso_date, Bounds, Keys, SwitchError};
use crate::form::text::is_email;
use std::collections::{HashMap, HashSet};

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

    // Ids in the page come from field ids and choice values (`f-a-b` is the
    // field `a-b` and also the choice `b` of the field `a`): no two elements
    // may get the same one, or labels and error links point at the wrong one.
    let mut page_ids: HashMap<String, &str> = HashMap::new();
    let mut fields_seen: HashSet<&str> = HashSet::new();
    for (si, section) in c.sections.iter().enumerate() {
        for (fi, field) in section.fields.iter().enumerate() {
            if !fields_seen.insert(field.id.as_str()) {
                continue; // a repeated field id is reported above
            }
            for id in dom_ids::all(field) {
                let Some(other) = page_ids.get(id.as_str()) else {
                    page_ids.insert(id, field.id.as_str());
                    continue;
                };
                let message = if *other == field.id.as_str() {
                    format!(
                        "the page id “{id}” is used twice within “{other}”: a choice value cannot be hint, error or conf"
                    )
                } else {
                    format!(
                        "the page id “{id}” would be used by both “{other}” and “{}”: rename a field or a choice",
                        field.id
                    )
                };
                err(format!("sections[{si}].fields[{fi}].id"), message);
            }
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
                    Some(target) => match kinds::of(target.kind).check_switch(target, &cond.equals) {
                        Ok(()) => {}
                        Err(SwitchError::NoSuchValue(message)) => {
                            err(format!("{at}.equals"), message)
                        }
                        Err(SwitchError::NotASwitch) => err(
                            format!("{at}.field"),
                            format!(
                                "“{}” is not a choice or checkbox field, so it cannot switch a requirement",
                                cond.field
                            ),
                        ),
                    },
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
            "version_secret",
            "honeypot",
        ]);
    }
    let mut ids_seen: HashSet<&str> = HashSet::new();
    for field in c.fields() {
        if !ids_seen.insert(field.id.as_str()) {
            continue; // a repeated id is reported above
        }
        let name = submit
            .field_names
            .get(field.id.as_str())
            .map_or(field.id.as_str(), String::as_str);
        if name.trim().is_empty() {
            err(
                format!("submit.field_names.{}", field.id),
                format!("the name for “{}” is empty", field.id),
            );
        } else if !sent_as.insert(name) {
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
    let kind = kinds::of(f.kind);
    let keys = kind.keys();
    if f.label.trim().is_empty() {
        err(format!("{at}.label"), "every question needs a label".into());
    }
    if keys.options {
        if f.options.is_empty() {
            err(
                format!("{at}.options"),
                format!("a {} field needs at least one choice", kind.name()),
            );
        }
        let mut seen = HashSet::new();
        for (oi, o) in f.options.iter().enumerate() {
            let at = format!("{at}.options[{oi}].value");
            if o.value.is_empty() {
                err(at, "a choice needs a value".into());
            } else if !is_option_value(&o.value) {
                err(
                    at,
                    format!(
                        "“{}” is not a choice value: use letters, digits, - or _, starting with a letter or digit (it becomes part of page addresses)",
                        o.value
                    ),
                );
            } else if !seen.insert(o.value.as_str()) {
                err(at, format!("the choice “{}” is listed twice", o.value));
            }
        }
    } else if !f.options.is_empty() {
        err(
            format!("{at}.options"),
            format!(
                "choices only apply to {} fields, not {}",
                kinds_with(|k| k.options),
                kind.name()
            ),
        );
    }
    if f.max_length.is_some() && !keys.max_length {
        err(
            format!("{at}.max_length"),
            format!(
                "max_length only applies to {} fields, not {}",
                kinds_with(|k| k.max_length),
                kind.name()
            ),
        );
    }
    if f.max_length == Some(0) {
        err(
            format!("{at}.max_length"),
            "max_length must be at least 1".into(),
        );
    }
    if (f.min.is_some() || f.max.is_some()) && keys.bounds.is_none() {
        err(
            format!("{at}.min"),
            format!(
                "min and max only apply to {} fields, not {}",
                kinds_with(|k| k.bounds.is_some()),
                kind.name()
            ),
        );
    }
    if let Some(bounds) = keys.bounds {
        check_limits(at, f, kind.name(), bounds, err);
    }
    for (key, message) in kind.check_keys(f) {
        err(format!("{at}.{key}"), message);
    }
    if f.required_when.is_some() && !f.optional {
        err(
            format!("{at}.required_when"),
            "required_when only makes sense on an optional field (this one is always required)"
                .into(),
        );
    }
}

/// `min` and `max` of the type the kind takes, in order.
fn check_limits(
    at: &str,
    f: &Field,
    kind: &str,
    bounds: Bounds,
    err: &mut impl FnMut(String, String),
) {
    let mut ok = true;
    for (key, limit) in [("min", &f.min), ("max", &f.max)] {
        let Some(limit) = limit else { continue };
        let problem = match (bounds, limit) {
            (Bounds::Whole | Bounds::Count, Limit::Whole(_)) => None,
            (Bounds::Whole | Bounds::Count, Limit::Date(d)) => Some(format!(
                "{key} is a whole number for {kind} fields, not “{d}”"
            )),
            (Bounds::Date, Limit::Date(d)) if parse_iso_date(d).is_some() => None,
            (Bounds::Date, other) => Some(format!(
                "{key} is a date like 2027-01-01 for date fields, not “{other}”"
            )),
        };
        if let Some(message) = problem {
            ok = false;
            err(format!("{at}.{key}"), message);
        }
    }
    let (Some(lo), Some(hi), true) = (&f.min, &f.max, ok) else {
        return;
    };
    let backwards = match (lo, hi) {
        (Limit::Whole(lo), Limit::Whole(hi)) => lo > hi,
        // Checked dates are `YYYY-MM-DD`, so they sort as text.
        (Limit::Date(lo), Limit::Date(hi)) => lo > hi,
        _ => false,
    };
    if backwards {
        err(
            format!("{at}.max"),
            format!("max ({hi}) is smaller than min ({lo})"),
        );
    }
}

/// "select and radio": the names of the kinds whose keys pass `test`.
fn kinds_with(test: impl Fn(&Keys) -> bool) -> String {
    let names: Vec<&str> = FieldKind::ALL
        .iter()
        .map(|k| kinds::of(*k))
        .filter(|k| test(&k.keys()))
        .map(|k| k.name())
        .collect();
    match names.split_last() {
        Some((last, [])) => (*last).to_string(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => "no".into(),
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

/// Ids end up in routes, DOM ids and fragment links: lower-case letters,
/// digits, `-` and `_`, starting with a letter or digit.
fn is_slug(s: &str) -> bool {
    s.len() <= 64
        && s.as_bytes()
            .first()
            .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
}

fn slug_message(s: &str) -> String {
    format!("“{s}” is not an id: use 1 to 64 lower-case letters, digits, - or _, starting with a letter or digit")
}

/// Choice values end up in DOM ids and fragment links too. Capitals are
/// allowed (ids are case-sensitive, and the state list uses USPS codes).
fn is_option_value(s: &str) -> bool {
    s.len() <= 64
        && s.as_bytes().first().is_some_and(u8::is_ascii_alphanumeric)
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}
