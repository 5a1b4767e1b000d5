//! `text` and `textarea`: free text on one line, or on several with a live
//! count when limited. Only the control differs (`components::field`).

use super::types::TextSettings;
use super::{max_length, read_text};
use crate::answers::{Reading, Value};
use crate::file::FieldFile;
use crate::model::Field;
use crate::problem::{Place, Problem};
use crate::texts::Texts;

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
