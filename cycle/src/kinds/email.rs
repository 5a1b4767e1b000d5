//! `email`: an address in the shape GOV.UK checks; the domain is lower-cased.

use super::read_text;
use super::types::TextSettings;
use crate::answers::{Reading, Value};
use crate::model::Field;
use crate::text::{is_email, to_lowercase};
use crate::texts::Texts;

/// Domains are case-insensitive, mailbox names are not: only the part after
/// the last `@` is lower-cased.
pub fn lowercase_domain(address: &str) -> String {
    match address.rfind('@') {
        Some(at) => {
            let (local, domain) = address.split_at(at);
            format!("{local}{}", to_lowercase(domain))
        }
        None => address.to_string(),
    }
}

pub(super) fn read(field: &Field, s: &TextSettings, texts: &Texts, value: &Value) -> Reading {
    read_text(
        field,
        s.max_length,
        texts,
        value,
        lowercase_domain,
        is_email,
        || format_message(field, texts),
    )
}

pub(super) fn format_message(field: &Field, texts: &Texts) -> String {
    field
        .messages
        .format
        .clone()
        .unwrap_or_else(|| texts.email_format().to_string())
}
