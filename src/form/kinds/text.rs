//! `text` and `textarea`: free text on one line, or on several with a live
//! count when limited. Only the control differs.

use super::{read_text, Control, InputAttrs, Keys, Kind, Reading};
use crate::config::model::{Field, RatingScale};
use crate::form::value::Value;

pub struct FreeText {
    multi_line: bool,
}

pub static TEXT: FreeText = FreeText { multi_line: false };
pub static TEXTAREA: FreeText = FreeText { multi_line: true };

impl Kind for FreeText {
    fn name(&self) -> &'static str {
        if self.multi_line {
            "textarea"
        } else {
            "text"
        }
    }
    fn keys(&self) -> Keys {
        Keys::TEXT
    }
    fn read(&self, field: &Field, _: &RatingScale, value: &Value) -> Reading {
        read_text(field, value, str::to_string, |_| true, String::new)
    }
    fn control(&self, field: &Field) -> Control {
        if self.multi_line {
            return Control::Textarea;
        }
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
