//! `integer`: a whole number typed as text, optionally within `min`..`max`.
//! Parsed here once; the payload carries the number.

use super::{too_long, trimmed_text, Answer, Bounds, Control, InputAttrs, Keys, Kind, Reading};
use crate::config::model::{Field, RatingScale};
use crate::form::text::parse_whole_number;
use crate::form::value::Value;

pub struct Integer;

impl Kind for Integer {
    fn name(&self) -> &'static str {
        "integer"
    }
    fn keys(&self) -> Keys {
        Keys {
            bounds: Some(Bounds::Whole),
            ..Keys::TEXT
        }
    }
    fn read(&self, field: &Field, _: &RatingScale, value: &Value) -> Reading {
        let Some(text) = trimmed_text(value) else {
            return Reading::Unanswered;
        };
        if let Some(message) = too_long(field, text) {
            return Reading::wrong(Answer::Text(text.to_string()), message);
        }
        let in_range = |n: &i64| {
            field.min_whole().is_none_or(|lo| *n >= lo)
                && field.max_whole().is_none_or(|hi| *n <= hi)
        };
        match parse_whole_number(text) {
            Some(n) if in_range(&n) => Reading::fine(Answer::Number(n)),
            // Out of range is still the number typed; the endpoint never
            // sees it because the rules stop the application first.
            Some(n) => Reading::wrong(Answer::Number(n), self.range_message(field)),
            None => Reading::wrong(Answer::Text(text.to_string()), self.range_message(field)),
        }
    }
    fn format_message(&self, field: &Field) -> Option<String> {
        Some(self.range_message(field))
    }
    fn control(&self, _: &Field) -> Control {
        Control::Input(InputAttrs {
            inputmode: Some("numeric"),
            spellcheck: Some("false"),
            class: "mf-input mf-input--w4",
            ..InputAttrs::TEXT
        })
    }
}

impl Integer {
    /// One message for every wrong number: not a whole number and out of
    /// range read the same to the applicant.
    fn range_message(&self, field: &Field) -> String {
        if let Some(m) = field
            .messages
            .format
            .clone()
            .or(field.messages.range.clone())
        {
            return m;
        }
        let label = &field.label;
        match (field.min_whole(), field.max_whole()) {
            (Some(lo), Some(hi)) => format!("{label} must be a whole number between {lo} and {hi}"),
            (Some(lo), None) => format!("{label} must be a whole number, {lo} or more"),
            (None, Some(hi)) => format!("{label} must be a whole number, {hi} or less"),
            (None, None) => format!("{label} must be a whole number"),
        }
    }
}
