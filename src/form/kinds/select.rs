//! `select`: one choice from a drop-down list.

use super::{
    bare_label, check_choice_switch, choice_label, plain_display, read_choice, Answer, Control,
    Keys, Kind, Reading, SwitchError,
};
use crate::config::model::{Field, RatingScale};
use crate::form::text::lower_first;
use crate::form::value::Value;

pub struct Select;

impl Kind for Select {
    fn name(&self) -> &'static str {
        "select"
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
            .unwrap_or_else(|| format!("Select {}", lower_first(bare_label(field))))
    }
    fn display(&self, field: &Field, _: &RatingScale, answer: &Answer) -> String {
        match answer {
            Answer::Choice(v) => choice_label(field, v).to_string(),
            other => plain_display(other),
        }
    }
    fn control(&self, _: &Field) -> Control {
        Control::Select
    }
    fn check_switch(&self, field: &Field, equals: &str) -> Result<(), SwitchError> {
        check_choice_switch(field, equals)
    }
}
