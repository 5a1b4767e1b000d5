//! Reading the JSON the app keeps and receives (draft records, the sealed
//! draft, the drafts endpoint's replies, host messages) by hand, from the
//! `serde_json::Value` the one parser gives, rather than through serde's
//! derive: each derived `Deserialize` compiles a visitor per struct and field
//! type into the wasm (the draft record's alone came to ~5.6 KB), where a
//! loop over an object's members is a few hundred bytes. Writing stays
//! `Serialize`.
//!
//! Each record's reader keeps what the derive did: unknown members are
//! ignored, a member of the wrong type makes the whole record unreadable
//! (`None`), a missing member takes its default where the record has one.

use cycle::answers::map_from;
use serde_json::{Map, Value as Json};
use std::collections::BTreeMap;

/// A JSON object, as parsed.
pub type Object = Map<String, Json>;

/// The text as a JSON object (None: not JSON, text after it, or another
/// kind of value).
pub fn object_of(text: &str) -> Option<Object> {
    into_object(cycle::file::value_from_str(text).ok()?)
}

/// The value as an object (None: another kind of value).
pub fn into_object(value: Json) -> Option<Object> {
    match value {
        Json::Object(object) => Some(object),
        _ => None,
    }
}

/// An object's string member (None: absent, or not a string).
pub fn string_at<'a>(object: &'a Object, key: &str) -> Option<&'a str> {
    object.get(key)?.as_str()
}

/// A string value, taken.
pub fn into_string(value: Json) -> Option<String> {
    match value {
        Json::String(text) => Some(text),
        _ => None,
    }
}

/// A whole number from 0 to `u32::MAX` (a fraction or a negative number is
/// no version, as serde's `u32` says).
pub fn as_u32(value: &Json) -> Option<u32> {
    u32::try_from(value.as_u64()?).ok()
}

/// An object value as a map of its members, taken (inserted one by one:
/// collecting would compile a sort).
pub fn into_map(value: Json) -> Option<BTreeMap<String, Json>> {
    Some(map_from(into_object(value)?))
}
