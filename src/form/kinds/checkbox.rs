//! `checkbox`: one box the applicant ticks to confirm the label.

use super::{bare_label, required_or, Answer, Control, Keys, Kind, Reading, SwitchError};
use crate::config::model::{Field, RatingScale};
use crate::form::text::lower_first;
use crate::form::value::Value;

pub struct Checkbox;

impl Kind for Checkbox {
    fn name(&self) -> &'static str {
        "checkbox"
    }
    fn keys(&self) -> Keys {
        Keys::NONE
    }
    fn read(&self, _: &Field, _: &RatingScale, value: &Value) -> Reading {
        match value {
            Value::Bool(true) => Reading::fine(Answer::Ticked),
            _ => Reading::Unanswered,
        }
    }
    fn missing_message(&self, field: &Field, _: &RatingScale) -> String {
        required_or(field, || {
            format!(
                "Tick the box to confirm: {}",
                lower_first(bare_label(field))
            )
        })
    }
    fn control(&self, _: &Field) -> Control {
        Control::Checkbox
    }
    fn check_switch(&self, _: &Field, equals: &str) -> Result<(), SwitchError> {
        match equals {
            "true" | "false" => Ok(()),
            _ => Err(SwitchError::NoSuchValue(
                "a checkbox condition equals \"true\" or \"false\"".into(),
            )),
        }
    }
}
