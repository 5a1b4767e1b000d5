//! `rating`: a number on the cycle's rating scale, from the slider.

use super::{bare_label, Answer, Control, Keys, Kind, Reading};
use crate::config::model::{Field, RatingScale};
use crate::form::value::Value;

pub struct Rating;

impl Kind for Rating {
    fn name(&self) -> &'static str {
        "rating"
    }
    fn keys(&self) -> Keys {
        Keys::NONE
    }
    fn read(&self, _: &Field, scale: &RatingScale, value: &Value) -> Reading {
        match value {
            Value::Number(n) if (i64::from(scale.min)..=i64::from(scale.max)).contains(n) => {
                Reading::fine(Answer::Number(*n))
            }
            _ => Reading::Unanswered,
        }
    }
    fn missing_message(&self, field: &Field, scale: &RatingScale) -> String {
        super::required_or(field, || {
            format!(
                "Choose a rating from {} to {} for {}",
                scale.min,
                scale.max,
                bare_label(field)
            )
        })
    }
    fn display(&self, _: &Field, scale: &RatingScale, answer: &Answer) -> String {
        match answer {
            Answer::Number(n) => rating_words(scale, *n),
            other => super::plain_display(other),
        }
    }
    fn control(&self, _: &Field) -> Control {
        Control::Rating
    }
}

/// A rating in words: "4 of 5, towards Comfortable".
pub fn rating_words(scale: &RatingScale, n: i64) -> String {
    let (lo, hi) = (i64::from(scale.min), i64::from(scale.max));
    let place = if n <= lo {
        scale.low_label.clone()
    } else if n >= hi {
        scale.high_label.clone()
    } else if 2 * n == lo + hi {
        format!("between {} and {}", scale.low_label, scale.high_label)
    } else if 2 * n < lo + hi {
        format!("towards {}", scale.low_label)
    } else {
        format!("towards {}", scale.high_label)
    };
    format!("{n} of {hi}, {place}")
}
