//! Answers: what is stored while the applicant types ([`Value`]), and what a
//! stored value means for its question once its kind has read it
//! ([`Answer`], [`Reading`]). A text box holds text, a checkbox a boolean, a
//! rating a number; "never answered" is the absence of a value, never a default.

use crate::dates::IsoDate;
use crate::ids::{ChoiceValue, FieldId};
use crate::texts::Texts;
use serde::{Deserialize, Serialize};
use serde_json::Value as Json;
use std::collections::BTreeMap;

/// A stored value, as the controls give it and drafts keep it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Value {
    Bool(bool),
    Number(i64),
    Text(String),
    /// The chosen values of a checkbox group (a JSON array in drafts).
    List(Vec<String>),
}

impl Value {
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Value::Text(s) => Some(s),
            Value::Bool(_) | Value::Number(_) | Value::List(_) => None,
        }
    }
}

/// Answers keyed by question. A missing key: not answered.
pub type Answers = BTreeMap<FieldId, Value>;

/// An answer after its kind read it: what the rules judge, the review page
/// shows and the payload carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// Trimmed text (an email with its domain lower-cased), or text that
    /// should have been a number or a date (with its problem).
    Text(String),
    /// A whole number or a rating.
    Number(i64),
    /// A ticked checkbox.
    Ticked,
    /// The value of one offered choice.
    Choice(ChoiceValue),
    /// The values of the chosen choices, in the order they are offered.
    Choices(Vec<ChoiceValue>),
    /// A real date.
    Date(IsoDate),
}

impl Answer {
    /// The answer in a JSON payload.
    pub fn to_json(&self) -> Json {
        match self {
            Answer::Text(s) => Json::String(s.clone()),
            Answer::Choice(v) => Json::String(v.to_string()),
            Answer::Date(d) => Json::String(d.to_string()),
            Answer::Number(n) => Json::from(*n),
            Answer::Ticked => Json::Bool(true),
            Answer::Choices(values) => values.iter().map(|v| Json::String(v.to_string())).collect(),
        }
    }

    /// The values of a form-encoded payload, one `name=value` pair each.
    pub fn form_values(&self) -> Vec<String> {
        match self {
            Answer::Text(s) => vec![s.clone()],
            Answer::Choice(v) => vec![v.to_string()],
            Answer::Date(d) => vec![d.to_string()],
            Answer::Number(n) => vec![n.to_string()],
            Answer::Ticked => vec!["true".into()],
            // Repeated keys, as an HTML form sends a checkbox group.
            Answer::Choices(values) => values.iter().map(ToString::to_string).collect(),
        }
    }

    /// Whether this answer switches a `required_when` with this `equals`.
    pub fn equals(&self, wanted: &str) -> bool {
        match self {
            Answer::Text(s) => s == wanted,
            Answer::Choice(v) => v.as_str() == wanted,
            Answer::Date(d) => d.to_string() == wanted,
            Answer::Number(n) => n.to_string() == wanted,
            Answer::Ticked => wanted == "true",
            Answer::Choices(values) => values.iter().any(|v| v.as_str() == wanted),
        }
    }

    /// The answer as it stands, for answers no kind words better.
    pub(crate) fn plain_text(&self, texts: &Texts) -> String {
        match self {
            Answer::Text(s) => s.clone(),
            Answer::Choice(v) => v.to_string(),
            Answer::Date(d) => d.to_string(),
            Answer::Number(n) => n.to_string(),
            Answer::Ticked => texts.answer_ticked().to_string(),
            Answer::Choices(values) => values
                .iter()
                .map(ChoiceValue::as_str)
                .collect::<Vec<_>>()
                .join("\n"),
        }
    }
}

/// What a stored value means for its question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reading {
    /// Nothing given: absent, blank, or a value of another kind's shape (a
    /// choice that is not offered, a rating off the scale).
    Unanswered,
    /// Given, with the format problem to show, if any.
    Answered {
        answer: Answer,
        problem: Option<String>,
    },
}

impl Reading {
    pub(crate) fn fine(answer: Answer) -> Self {
        Reading::Answered {
            answer,
            problem: None,
        }
    }

    pub(crate) fn wrong(answer: Answer, message: String) -> Self {
        Reading::Answered {
            answer,
            problem: Some(message),
        }
    }

    /// The answer, right or wrong.
    pub fn answer(self) -> Option<Answer> {
        match self {
            Reading::Answered { answer, .. } => Some(answer),
            Reading::Unanswered => None,
        }
    }
}

/// The map of `pairs`, built by inserting them one by one; as with `collect`,
/// a later duplicate key wins. Why not `collect`: `BTreeMap`'s `FromIterator`
/// sorts the pairs first with the standard library's stable sort, and every
/// key/value type collected that way brings its own copy of it (~3.5 KB of wasm).
pub fn map_from<K: Ord, V>(pairs: impl IntoIterator<Item = (K, V)>) -> BTreeMap<K, V> {
    let mut map = BTreeMap::new();
    map.extend(pairs);
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn map_from_is_what_collect_gives() {
        let pairs = [("b", 1), ("a", 2), ("b", 3), ("c", 4)];
        let collected: BTreeMap<&str, i32> = pairs.into_iter().collect();
        assert_eq!(map_from(pairs), collected);
        assert_eq!(map_from(pairs)["b"], 3, "a later duplicate key wins");
    }
}
