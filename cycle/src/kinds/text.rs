//! `text` and `textarea`: free text on one line, or on several with a live
//! count when limited. Only the control differs (`components::field`).

use super::{max_length, read_text};
use crate::answers::{Reading, Value};
use crate::file::FieldFile;
use crate::model::Field;
use crate::problem::{Place, Problem};
use crate::texts::Texts;

/// The settings of a question answered in text: `text`, `textarea`, `email`, `phone`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TextSettings {
    /// Longest answer, in characters.
    pub max_length: Option<u32>,
}

pub(super) fn settings(f: &FieldFile, at: &Place, problems: &mut Vec<Problem>) -> TextSettings {
    TextSettings {
        max_length: max_length(f, at, problems),
    }
}

pub(super) fn read(field: &Field, s: &TextSettings, texts: &Texts, value: &Value) -> Reading {
    read_text(
        field,
        s.max_length,
        texts,
        value,
        str::to_string,
        |_| true,
        String::new,
    )
}
