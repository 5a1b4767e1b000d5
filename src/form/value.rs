//! Typed answers. A text box holds text, a checkbox a boolean, a rating a
//! number; "never answered" is the absence of a value, never a default.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

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
            _ => None,
        }
    }
}

/// Answers keyed by field id. Missing key = not answered.
pub type Answers = BTreeMap<String, Value>;
