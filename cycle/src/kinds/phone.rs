//! `phone`: a phone number as people write it.

use super::read_text;
use super::types::TextSettings;
use crate::answers::{Reading, Value};
use crate::model::Field;
use crate::text::is_phone;
use crate::texts::Texts;

pub(super) fn read(field: &Field, s: &TextSettings, texts: &Texts, value: &Value) -> Reading {
    read_text(
        field,
        s.max_length,
        texts,
        value,
        str::to_string,
        is_phone,
        || format_message(field, texts),
    )
}

pub(super) fn format_message(field: &Field, texts: &Texts) -> String {
    field
        .messages
        .format
        .clone()
        .unwrap_or_else(|| texts.phone_format().to_string())
}
