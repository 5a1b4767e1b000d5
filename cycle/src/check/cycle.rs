//! The cycle's own texts, deadline, contact, links and rating scale.

use crate::file::Link;
use crate::model::Cycle;
use crate::problem::{Place, Problem};
use crate::text::is_email;

pub(super) fn check(c: &Cycle, problems: &mut Vec<Problem>) {
    let root = Place::root();
    for (key, value) in [("program", &c.program), ("title", &c.title)] {
        if value.trim().is_empty() {
            problems.push(Problem::at(
                root.key(key),
                format!("{key} must not be empty"),
            ));
        }
    }
    let d = &c.deadline;
    if d.closes_at.utc_ms() <= d.opens_at.utc_ms() {
        problems.push(Problem::at(
            root.key("deadline").key("closes_at"),
            format!(
                "the cycle closes ({}) before it opens ({})",
                d.closes_at, d.opens_at
            ),
        ));
    }
    if !is_email(&c.contact.email) {
        problems.push(Problem::at(
            root.key("contact").key("email"),
            format!("“{}” is not an email address", c.contact.email),
        ));
    }
    links(&root.key("links"), &c.links, problems);
    let s = &c.rating_scale;
    if s.min >= s.max || s.max - s.min > 10 {
        problems.push(Problem::at(
            root.key("rating_scale"),
            format!(
                "a rating scale runs from a smaller to a larger number, at most 11 steps (it says {} to {})",
                s.min, s.max
            ),
        ));
    }
    if c.sections.is_empty() {
        problems.push(Problem::at(
            root.key("sections"),
            "a cycle needs at least one section",
        ));
    }
    for (i, section) in c.sections.iter().enumerate() {
        links(
            &root.key("sections").index(i).key("links"),
            &section.links,
            problems,
        );
    }
}

/// Links open from the form: web pages or email.
pub(super) fn links(at: &Place, links: &[Link], problems: &mut Vec<Problem>) {
    for (i, l) in links.iter().enumerate() {
        let url = &l.url;
        if !(url.starts_with("https://")
            || url.starts_with("http://")
            || url.starts_with("mailto:"))
        {
            problems.push(Problem::at(
                at.index(i).key("url"),
                format!("“{url}” must start with https://, http:// or mailto:"),
            ));
        }
    }
}
