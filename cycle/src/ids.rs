//! The ids of a cycle, each a type of its own so a field id is never taken for
//! a section id or a choice value. Every id is checked when it is made: ids end
//! up in routes, page ids and fragment links, so they are safe slugs.
//!
//! None of them derefs to `str`: code that has an id keeps it typed, and a
//! look-up by id returns an `Option`.

use serde::{Deserialize, Deserializer, Serialize};
use std::fmt;

/// The pattern of cycle, section and field ids, for the JSON Schema; the check
/// says the same in words ([`slug_problem`]).
pub const ID_PATTERN: &str = "^[a-z0-9][a-z0-9_-]{0,63}$";

/// The pattern of choice values (capitals allowed: the state list uses USPS codes).
pub const CHOICE_PATTERN: &str = "^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$";

/// Lower-case letters, digits, `-` and `_`, starting with a letter or digit, 1 to 64 long.
pub fn is_slug(s: &str) -> bool {
    s.len() <= 64
        && s.as_bytes()
            .first()
            .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
}

/// Letters (either case), digits, `-` and `_`, starting with a letter or digit, 1 to 64 long.
pub fn is_choice_value(s: &str) -> bool {
    s.len() <= 64
        && s.as_bytes().first().is_some_and(u8::is_ascii_alphanumeric)
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// What is wrong with an id that is not a slug, in words for staff.
pub fn slug_problem(s: &str) -> String {
    format!("“{s}” is not an id: use 1 to 64 lower-case letters, digits, - or _, starting with a letter or digit")
}

/// What is wrong with a choice value, in words for staff.
pub fn choice_problem(s: &str) -> String {
    if s.is_empty() {
        return "a choice needs a value".into();
    }
    format!(
        "“{s}” is not a choice value: use letters, digits, - or _, starting with a letter or digit (it becomes part of page addresses)"
    )
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $valid:path) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// The id, if `s` is a valid one.
            pub fn new(s: impl Into<String>) -> Option<Self> {
                let s = s.into();
                $valid(&s).then_some($name(s))
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// An id as a file wrote it, whether or not it is valid: only while
            /// a file is being checked (its problem is reported; a cycle with
            /// problems is never handed out).
            #[allow(dead_code)]
            pub(crate) fn unchecked(s: String) -> Self {
                $name(s)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                $name::new(s.clone()).ok_or_else(|| {
                    serde::de::Error::invalid_value(serde::de::Unexpected::Str(&s), &"an id")
                })
            }
        }
    };
}

id_type!(
    /// A cycle's id (`fall-2020-mentor`): the payload's `cycle_id` and the draft key.
    CycleId,
    is_slug
);
id_type!(
    /// A section's id (`about-you`): its route segment.
    SectionId,
    is_slug
);
id_type!(
    /// A field's id (`first_name`): the answer's key and part of the page ids.
    FieldId,
    is_slug
);
id_type!(
    /// One choice of a select, radio or checkboxes question (`IL`, `yes`):
    /// sent as the answer and part of page ids.
    ChoiceValue,
    is_choice_value
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_checked_when_made() {
        assert!(FieldId::new("first_name").is_some());
        assert!(FieldId::new("First").is_none(), "capitals");
        assert!(FieldId::new("-a").is_none(), "leading hyphen");
        assert!(FieldId::new("").is_none());
        assert!(FieldId::new("a".repeat(65)).is_none());
        assert!(ChoiceValue::new("IL").is_some());
        assert!(ChoiceValue::new("a b").is_none());
        let id: Result<FieldId, _> = serde_json::from_str("\"no spaces\"");
        assert!(id.is_err());
        let id: FieldId = serde_json::from_str("\"ok\"").unwrap();
        assert_eq!(serde_json::to_string(&id).unwrap(), "\"ok\"");
    }
}
