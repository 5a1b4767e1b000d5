//! `phone`: a phone number as people write it.

use super::{read_text, Control, InputAttrs, Keys, Kind, Reading};
use crate::config::model::{Field, RatingScale};
use crate::form::text::is_phone;
use crate::form::value::Value;

pub struct Phone;

impl Kind for Phone {
    fn name(&self) -> &'static str {
        "phone"
    }
    fn keys(&self) -> Keys {
        Keys::TEXT
    }
    fn read(&self, field: &Field, _: &RatingScale, value: &Value) -> Reading {
        read_text(field, value, str::to_string, is_phone, || {
            self.format_message(field).unwrap_or_default()
        })
    }
    fn format_message(&self, field: &Field) -> Option<String> {
        Some(field.messages.format.clone().unwrap_or_else(|| {
            "Enter a phone number in the correct format, like 312 944 6780 or +1 312 944 6780"
                .into()
        }))
    }
    fn control(&self, _: &Field) -> Control {
        Control::Input(InputAttrs {
            input_type: "tel",
            class: InputAttrs::SHORT_CLASS,
            ..InputAttrs::TEXT
        })
    }
}
