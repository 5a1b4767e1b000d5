//! Where applications and drafts go, and who may embed the form.

use crate::file::Encoding;
use crate::ids::{is_slug, FieldId};
use crate::model::Cycle;
use crate::payload::META_KEYS;
use crate::problem::{Place, Problem};
use std::collections::HashSet;

pub(super) fn check(c: &Cycle, problems: &mut Vec<Problem>) {
    let at = Place::root().key("submit");
    let submit = &c.submit;
    if !is_endpoint(&submit.url) {
        problems.push(Problem::at(
            at.key("url"),
            format!(
                "“{}” must be an http(s) URL or a path starting with /",
                submit.url
            ),
        ));
    }
    for name in submit.headers.keys() {
        if name.is_empty() || !name.bytes().all(is_token_byte) {
            problems.push(Problem::at(
                at.key("headers").key(name),
                format!("“{name}” is not an HTTP header name"),
            ));
        }
    }
    for key in submit.field_names.keys() {
        // A key that is not an id was reported when the file was read.
        if is_slug(key.as_str()) && c.field(key).is_none() {
            problems.push(Problem::at(
                at.key("field_names").key(key.as_str()),
                format!("maps a field “{key}” that does not exist"),
            ));
        }
    }
    // Two answers sent under one name would overwrite each other; in a form
    // encoding the metadata names are taken too.
    let mut sent_as: HashSet<&str> = HashSet::new();
    if submit.encoding == Encoding::Form {
        sent_as.extend(META_KEYS);
    }
    let mut ids_seen: HashSet<&FieldId> = HashSet::new();
    for field in c.fields() {
        if !ids_seen.insert(&field.id) {
            continue; // a repeated id is reported with the fields
        }
        let name = c.sent_name(&field.id);
        let place = at.key("field_names").key(field.id.as_str());
        if name.trim().is_empty() {
            problems.push(Problem::at(
                place,
                format!("the name for “{}” is empty", field.id),
            ));
        } else if !sent_as.insert(name) {
            problems.push(Problem::at(
                place,
                format!(
                    "“{}” would be sent as “{name}”, a name already used for another answer or the metadata",
                    field.id
                ),
            ));
        }
    }
    if !(1000..=120_000).contains(&submit.timeout_ms) {
        problems.push(Problem::at(
            at.key("timeout_ms"),
            "the timeout is given in milliseconds, between 1000 and 120000",
        ));
    }
    if submit.retries > 5 {
        problems.push(Problem::at(
            at.key("retries"),
            "at most 5 retries (applicants should not wait minutes)",
        ));
    }
    if let Some(drafts) = &c.drafts {
        if !is_endpoint(&drafts.url) {
            problems.push(Problem::at(
                Place::root().key("drafts").key("url"),
                format!(
                    "“{}” must be an http(s) URL or a path starting with /",
                    drafts.url
                ),
            ));
        }
    }
    for (i, origin) in c.embed.allowed_origins.iter().enumerate() {
        if !is_origin(origin) {
            problems.push(Problem::at(
                Place::root().key("embed").key("allowed_origins").index(i),
                format!("“{origin}” is not an origin like https://www.ala.org"),
            ));
        }
    }
}

/// An `http(s)://host…` URL, or a path on the form's own site (`/api/…`);
/// `//host/path` is another host, not a path.
pub fn is_endpoint(url: &str) -> bool {
    let url = url.trim();
    let host = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .map(|rest| rest.split(['/', '?', '#']).next().unwrap_or(""));
    match host {
        Some(h) => !h.is_empty() && !h.contains(char::is_whitespace),
        None => url.starts_with('/') && !url.starts_with("//"),
    }
}

/// `https://www.ala.org`: a scheme and a host, no path.
pub fn is_origin(origin: &str) -> bool {
    (origin.starts_with("https://") || origin.starts_with("http://"))
        && !origin
            .trim_end_matches('/')
            .contains(|ch: char| ch.is_whitespace())
        && origin.matches('/').count() == 2
}

fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}
