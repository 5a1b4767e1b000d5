//! `textarea`: several lines of free text, with a live count when limited.

use super::{read_text, Control, Keys, Kind, Reading};
use crate::config::model::{Field, RatingScale};
use crate::form::value::Value;

pub struct Textarea;

impl Kind for Textarea {
    fn name(&self) -> &'static str {
        "textarea"
    }
    fn keys(&self) -> Keys {
        Keys::TEXT
    }
    fn read(&self, field: &Field, _: &RatingScale, value: &Value) -> Reading {
        read_text(field, value, str::to_string, |_| true, String::new)
    }
    fn control(&self, _: &Field) -> Control {
        Control::Textarea
    }
}
