//! `rating`: a number on the cycle's rating scale, from the slider.

use crate::answers::{Answer, Reading, Value};
use crate::file::RatingScale;
use crate::model::Field;
use crate::texts::{fill, Texts};

pub(super) fn read(scale: &RatingScale, value: &Value) -> Reading {
    match value {
        Value::Number(n) if (i64::from(scale.min)..=i64::from(scale.max)).contains(n) => {
            Reading::fine(Answer::Number(*n))
        }
        Value::Number(_) | Value::Bool(_) | Value::Text(_) | Value::List(_) => Reading::Unanswered,
    }
}

pub(super) fn missing(field: &Field, scale: &RatingScale, texts: &Texts) -> String {
    field.message(
        texts.missing_rating(),
        &[
            ("min", &scale.min.to_string()),
            ("max", &scale.max.to_string()),
        ],
    )
}

/// A rating in words: "4 of 5, towards Comfortable".
pub fn rating_words(scale: &RatingScale, texts: &Texts, n: i64) -> String {
    let (lo, hi) = (i64::from(scale.min), i64::from(scale.max));
    let (low, high) = (scale.low_label.as_str(), scale.high_label.as_str());
    let place = if n <= lo {
        low.to_string()
    } else if n >= hi {
        high.to_string()
    } else if 2 * n == lo + hi {
        fill(texts.rating_between(), &[("low", low), ("high", high)])
    } else if 2 * n < lo + hi {
        fill(texts.rating_towards(), &[("end", low)])
    } else {
        fill(texts.rating_towards(), &[("end", high)])
    };
    fill(
        texts.rating_words(),
        &[
            ("n", &n.to_string()),
            ("max", &hi.to_string()),
            ("place", &place),
        ],
    )
}
