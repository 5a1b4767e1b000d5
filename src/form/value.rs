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
