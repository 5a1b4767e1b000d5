//! `radio`: one choice from a few, shown as a fieldset of radios.

use super::{
    check_choice_switch, choice_label, plain_display, read_choice, Answer, Control, Keys, Kind,
    Reading, SwitchError,
};
use crate::config::model::{Field, RatingScale};
use crate::form::value::Value;

pub struct Radio;

impl Kind for Radio {
    fn name(&self) -> &'static str {
        "radio"
    }
    fn keys(&self) -> Keys {
        Keys::CHOICES
    }
    fn read(&self, field: &Field, _: &RatingScale, value: &Value) -> Reading {
        read_choice(field, value)
    }
    fn missing_message(&self, field: &Field, _: &RatingScale) -> String {
        field
            .messages
            .required
            .clone()
            .unwrap_or_else(|| format!("Select an answer to “{}”", field.label))
    }
    fn display(&self, field: &Field, _: &RatingScale, answer: &Answer) -> String {
        match answer {
            Answer::Choice(v) => choice_label(field, v).to_string(),
            other => plain_display(other),
        }
    }
    fn control(&self, _: &Field) -> Control {
        Control::Radios
    }
    fn check_switch(&self, field: &Field, equals: &str) -> Result<(), SwitchError> {
        check_choice_switch(field, equals)
    }
}
