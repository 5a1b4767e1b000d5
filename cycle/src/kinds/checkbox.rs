//! `checkbox`: one box the applicant ticks to confirm the label.

use crate::answers::{Answer, Reading, Value};

pub(super) fn read(value: &Value) -> Reading {
    match value {
        Value::Bool(true) => Reading::fine(Answer::Ticked),
        Value::Bool(false) | Value::Number(_) | Value::Text(_) | Value::List(_) => {
            Reading::Unanswered
        }
    }
}
