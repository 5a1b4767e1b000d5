//! `select` and `radio`: one choice from the field's options, as a drop-down
//! list or as a fieldset of radios. Only the control and the missing message
//! differ.

use super::{
    bare_label, check_choice_switch, choice_label, plain_display, read_choice, required_or, Answer,
    Control, Keys, Kind, Reading, SwitchError,
};
use crate::config::model::{Field, RatingScale};
use crate::form::text::lower_first;
use crate::form::value::Value;

pub struct OneChoice {
    /// A drop-down list (`select`) rather than radios.
    drop_down: bool,
}

pub static SELECT: OneChoice = OneChoice { drop_down: true };
pub static RADIO: OneChoice = OneChoice { drop_down: false };

impl Kind for OneChoice {
    fn name(&self) -> &'static str {
        if self.drop_down {
            "select"
        } else {
            "radio"
        }
    }
    fn keys(&self) -> Keys {
        Keys::CHOICES
    }
    fn read(&self, field: &Field, _: &RatingScale, value: &Value) -> Reading {
        read_choice(field, value)
    }
    fn missing_message(&self, field: &Field, _: &RatingScale) -> String {
        required_or(field, || {
            if self.drop_down {
                format!("Select {}", lower_first(bare_label(field)))
            } else {
                format!("Select an answer to “{}”", field.label)
            }
        })
    }
    fn display(&self, field: &Field, _: &RatingScale, answer: &Answer) -> String {
        match answer {
            Answer::Choice(v) => choice_label(field, v).to_string(),
            other => plain_display(other),
        }
    }
    fn control(&self, _: &Field) -> Control {
        if self.drop_down {
            Control::Select
        } else {
            Control::Radios
        }
    }
    fn check_switch(&self, field: &Field, equals: &str) -> Result<(), SwitchError> {
        check_choice_switch(field, equals)
    }
}
