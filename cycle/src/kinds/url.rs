//! `url`: a web address. People type `www.example.org` as often as the full
//! address, so an address without a scheme is read as `https://…`; the
//! answer is the whole address.

use super::read_text;
use super::types::TextSettings;
use crate::answers::{Reading, Value};
use crate::model::Field;
use crate::text::is_web_address;
use crate::texts::Texts;

/// `www.example.org` → `https://www.example.org`; an address with a scheme
/// is kept as typed.
pub fn with_scheme(typed: &str) -> String {
    let lower = typed.get(..8).unwrap_or(typed).to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        typed.to_string()
    } else {
        format!("https://{typed}")
    }
}

pub(super) fn read(field: &Field, s: &TextSettings, texts: &Texts, value: &Value) -> Reading {
    read_text(
        field,
        s.max_length,
        texts,
        value,
        with_scheme,
        is_web_address,
        || format_message(field, texts),
    )
}

pub(super) fn format_message(field: &Field, texts: &Texts) -> String {
    field
        .messages
        .format
        .clone()
        .unwrap_or_else(|| texts.url_format().to_string())
}
