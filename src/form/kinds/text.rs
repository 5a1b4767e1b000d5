//! `text`: one line of free text.

use super::{read_text, Control, InputAttrs, Keys, Kind, Reading};
use crate::config::model::{Field, RatingScale};
use crate::form::value::Value;

pub struct Text;

impl Kind for Text {
    fn name(&self) -> &'static str {
        "text"
    }
    fn keys(&self) -> Keys {
        Keys::TEXT
    }
    fn read(&self, field: &Field, _: &RatingScale, value: &Value) -> Reading {
        read_text(field, value, str::to_string, |_| true, String::new)
    }
    fn control(&self, field: &Field) -> Control {
        let short = field.max_length.is_some_and(|n| n <= 30);
        Control::Input(InputAttrs {
            class: if short {
                InputAttrs::SHORT_CLASS
            } else {
                InputAttrs::TEXT.class
            },
            ..InputAttrs::TEXT
        })
    }
}
