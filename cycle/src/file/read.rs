//! Cycle-file text to its shape ([`CycleFile`]), or every problem that keeps
//! it from being read, each with its place, line and column.
//!
//! serde_json parses the text into a `Value` (its syntax errors, with their
//! line and column, are kept as they are); then one walk over the `Value`
//! reads it into the file's structs, knowing the place of every value as it
//! goes. By hand rather than serde's derive: the derive's visitors for the
//! file's eighteen types were the largest part of our own code in the
//! applicant's wasm, and they stop at the first problem where this walk
//! reports them all. `serde_json::Value` is in the wasm anyway (drafts,
//! replies and host messages use it).
//!
//! The key lists below are the structs' fields in order; `tests/reader.rs`
//! holds them to the JSON Schema derived from the same structs.

use super::json_path::{line_column, offset_of, place_at, Walker};
use super::value_from_str;
use super::{
    ChoiceFile, ConditionFile, Confirmation, Contact, CycleFile, DeadlineFile, Drafts, Embed,
    Encoding, FieldFile, Limit, Link, Messages, Method, RatingScale, SectionFile, SubmitFile,
    SCHEMA_VERSION,
};
use crate::kinds::types::FieldKind;
use crate::problem::{Place, Problem};
use crate::texts::{TextKey, Texts};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// Reads the JSON of a cycle file. A syntax error is the only problem
/// reported (nothing after it can be read); so is a schema version other
/// than this build's (the rest is another format); otherwise every problem
/// of shape and type is, in the order of the file.
pub fn read_file(text: &str) -> Result<CycleFile, Vec<Problem>> {
    let value = parse_json(text).map_err(|p| vec![p])?;
    if let Some(version) = other_schema_version(&value) {
        let place = Place::root().key("schema_version");
        return Err(vec![located(text, place, version_message(version))]);
    }
    let mut reader = Reader::default();
    let file = cycle_file(&mut reader, &value, &At::Root);
    // In the order of the file: each problem goes in after those before it
    // (by hand: a sort would bring one of std's sorts into the wasm).
    let mut found: Vec<(usize, Problem)> = Vec::new();
    let mut add = |offset: usize, place: Place, message: String| {
        let at = found.partition_point(|(o, _)| *o <= offset);
        found.insert(at, (offset, at_offset(text, offset, place, message)));
    };
    for (place, message) in reader.found {
        add(offset_of(text, &place), place, message);
    }
    // serde_json's `Value` keeps the last of a repeated key without a word;
    // the text still has both.
    let mut walker = Walker::new(text);
    while let Some(member) = walker.next_member() {
        if member.repeated {
            let place = walker.place();
            let message = match place.steps().last() {
                Some(crate::problem::Step::Key(key)) => format!("duplicate key `{key}`"),
                _ => "duplicate key".to_string(),
            };
            add(member.offset, place, message);
        }
    }
    if found.is_empty() {
        return Ok(file);
    }
    Err(found.into_iter().map(|(_, problem)| problem).collect())
}

/// The text as a JSON value, or its syntax error with the place it is in
/// (text after the closing brace included: it is as wrong as a missing one).
fn parse_json(text: &str) -> Result<Value, Problem> {
    // The app's one copy of serde_json's `Value` parser.
    value_from_str(text)
        .map_err(|err| syntax_problem(place_at(text, err.line(), err.column()), &err))
}

/// A version other than this build's: a newer file fails on keys this build
/// does not know, and the version is the real problem, so it is said alone.
fn other_schema_version(value: &Value) -> Option<u64> {
    let version = value.get("schema_version")?.as_u64()?;
    (version != u64::from(SCHEMA_VERSION)).then_some(version)
}

/// "this app reads cycle files of schema version 1, not 2".
pub(crate) fn version_message(version: u64) -> String {
    format!("this app reads cycle files of schema version {SCHEMA_VERSION}, not {version}")
}

/// Gives each problem without a line and column (the checks' problems,
/// found in the typed cycle) those of its place in `text`.
pub fn locate(text: &str, problems: &mut [Problem]) {
    for problem in problems.iter_mut().filter(|p| p.line.is_none()) {
        let (line, column) = line_column(text, offset_of(text, &problem.place));
        problem.line = Some(line);
        problem.column = Some(column);
    }
}

/// A problem found by reading, at the line and column of its place.
fn located(text: &str, place: Place, message: String) -> Problem {
    let offset = offset_of(text, &place);
    at_offset(text, offset, place, message)
}

fn at_offset(text: &str, offset: usize, place: Place, message: String) -> Problem {
    let (line, column) = line_column(text, offset);
    Problem {
        place,
        line: Some(line),
        column: Some(column),
        message,
    }
}

/// serde_json's syntax messages end with " at line X column Y" (said apart
/// here); say what they mean for someone editing a cycle file.
fn syntax_problem(place: Place, err: &serde_json::Error) -> Problem {
    let raw = err.to_string();
    let msg = raw.rfind(" at line ").map_or(raw.as_str(), |i| &raw[..i]);
    let message = match err.classify() {
        serde_json::error::Category::Eof => {
            format!("the file ends too early ({msg}); a bracket or quote may be missing")
        }
        _ => format!("JSON syntax error: {msg}"),
    };
    let line = err.line();
    Problem {
        place,
        line: (line > 0).then_some(line),
        column: (line > 0).then_some(err.column()),
        message,
    }
}

/// The place being read, kept on the stack as the walk goes down: a
/// [`Place`] is built only for a problem.
#[derive(Clone, Copy)]
enum At<'a> {
    Root,
    Key(&'a At<'a>, &'a str),
    Item(&'a At<'a>, usize),
}

impl At<'_> {
    fn place(&self) -> Place {
        match *self {
            At::Root => Place::root(),
            At::Key(up, key) => up.place().key(key),
            At::Item(up, index) => up.place().index(index),
        }
    }
}

/// The problems found so far, with their places.
#[derive(Default)]
struct Reader {
    found: Vec<(Place, String)>,
}

/// Reads one value; on a problem it says so and returns a stand-in, so the
/// walk goes on and finds the others (the file is not handed out then).
type Read<T> = fn(&mut Reader, &Value, &At) -> T;

/// An object being read (`None` when the value was not one: already said).
struct Obj<'v, 'a> {
    map: Option<&'v Map<String, Value>>,
    at: &'a At<'a>,
}

impl Reader {
    fn say(&mut self, at: &At, message: String) {
        self.found.push((at.place(), message));
    }

    /// "wrong type: string "1", expected a whole number, 0 or more".
    fn wrong_type(&mut self, value: &Value, at: &At, expected: &str) {
        let message = format!("wrong type: {}, expected {expected}", described(value));
        self.say(at, message);
    }

    /// `value` as an object whose keys are among `keys` (each other one is
    /// reported).
    fn object<'v, 'a>(&mut self, value: &'v Value, at: &'a At<'a>, keys: &[&str]) -> Obj<'v, 'a> {
        let Value::Object(map) = value else {
            self.wrong_type(value, at, "an object { … }");
            return Obj { map: None, at };
        };
        for key in map.keys().filter(|k| !keys.contains(&k.as_str())) {
            let message = format!("unknown key `{key}`, {}", expected_one_of(keys));
            self.say(&At::Key(at, key), message);
        }
        Obj { map: Some(map), at }
    }

    /// The value under `key`, read, if the object has the key.
    fn member<T>(&mut self, o: &Obj, key: &str, read: Read<T>) -> Option<T> {
        let value = o.map?.get(key)?;
        Some(read(self, value, &At::Key(o.at, key)))
    }

    /// A key the object must have.
    fn required<T: Default>(&mut self, o: &Obj, key: &str, read: Read<T>) -> T {
        match self.member(o, key, read) {
            Some(value) => value,
            None => {
                if o.map.is_some() {
                    self.say(o.at, format!("missing key `{key}`"));
                }
                T::default()
            }
        }
    }

    /// A key that may be left out; then it holds its default.
    fn or_default<T: Default>(&mut self, o: &Obj, key: &str, read: Read<T>) -> T {
        self.member(o, key, read).unwrap_or_default()
    }

    /// A key that may be left out or be `null`.
    fn optional<T>(&mut self, o: &Obj, key: &str, read: Read<T>) -> Option<T> {
        match o.map?.get(key)? {
            Value::Null => None,
            value => Some(read(self, value, &At::Key(o.at, key))),
        }
    }
}

/// How a wrong value is named in a message (serde's words for the scalars,
/// which the messages have always used).
fn described(value: &Value) -> String {
    match value {
        Value::Null => "null".to_string(),
        Value::Bool(b) => format!("boolean `{b}`"),
        Value::Number(n) if n.is_f64() => format!("floating point `{n}`"),
        Value::Number(n) => format!("integer `{n}`"),
        Value::String(s) => format!("string \"{s}\""),
        Value::Array(_) => "a list".to_string(),
        Value::Object(_) => "an object".to_string(),
    }
}

/// "expected one of `a`, `b`, `c`" (serde's wording).
fn expected_one_of(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match quoted.as_slice() {
        [one] => format!("expected {one}"),
        [a, b] => format!("expected {a} or {b}"),
        all => format!("expected one of {}", all.join(", ")),
    }
}

// ---------------------------------------------------------------- values

fn string(r: &mut Reader, value: &Value, at: &At) -> String {
    match value {
        Value::String(s) => s.clone(),
        _ => {
            r.wrong_type(value, at, "a string");
            String::new()
        }
    }
}

fn boolean(r: &mut Reader, value: &Value, at: &At) -> bool {
    match value {
        Value::Bool(b) => *b,
        _ => {
            r.wrong_type(value, at, "a boolean");
            false
        }
    }
}

/// A whole number from 0 to `max`; `expected` says so in words.
fn whole(r: &mut Reader, value: &Value, at: &At, max: u64, expected: &str) -> u64 {
    match value {
        Value::Number(n) => match n.as_u64() {
            Some(n) if n <= max => return n,
            _ if n.is_f64() => r.wrong_type(value, at, expected),
            _ => r.say(
                at,
                format!("wrong value: integer `{n}`, expected {expected}"),
            ),
        },
        _ => r.wrong_type(value, at, expected),
    }
    0
}

fn whole_u32(r: &mut Reader, value: &Value, at: &At) -> u32 {
    let n = whole(
        r,
        value,
        at,
        u64::from(u32::MAX),
        "a whole number, 0 or more",
    );
    u32::try_from(n).unwrap_or_default()
}

fn whole_u8(r: &mut Reader, value: &Value, at: &At) -> u8 {
    let n = whole(r, value, at, 255, "a whole number from 0 to 255");
    u8::try_from(n).unwrap_or_default()
}

/// A `min` or `max`: a whole number or a date (which one a kind takes is
/// the cycle check's business).
fn limit(r: &mut Reader, value: &Value, at: &At) -> Limit {
    const EXPECTED: &str = "a whole number or a date like 2027-01-01";
    match value {
        Value::String(s) => return Limit::Date(s.clone()),
        Value::Number(n) => match n.as_i64() {
            Some(n) => return Limit::Whole(n),
            None if n.is_f64() => r.wrong_type(value, at, EXPECTED),
            None => r.say(
                at,
                format!("wrong value: integer `{n}`, expected {EXPECTED}"),
            ),
        },
        _ => r.wrong_type(value, at, EXPECTED),
    }
    Limit::Whole(0)
}

/// One of a fixed list of names (`"kind": "rating"`).
fn named<T: Copy>(
    r: &mut Reader,
    value: &Value,
    at: &At,
    all: &[T],
    name: fn(T) -> &'static str,
) -> Option<T> {
    let Value::String(s) = value else {
        r.wrong_type(value, at, "a string");
        return None;
    };
    let found = all.iter().copied().find(|&t| name(t) == s);
    if found.is_none() {
        let names: Vec<&str> = all.iter().map(|&t| name(t)).collect();
        r.say(
            at,
            format!("unknown value `{s}`, {}", expected_one_of(&names)),
        );
    }
    found
}

fn kind(r: &mut Reader, value: &Value, at: &At) -> Option<FieldKind> {
    named(r, value, at, &FieldKind::ALL, FieldKind::name)
}

fn method(r: &mut Reader, value: &Value, at: &At) -> Method {
    named(r, value, at, &Method::ALL, Method::as_str).unwrap_or_default()
}

fn encoding(r: &mut Reader, value: &Value, at: &At) -> Encoding {
    named(r, value, at, &Encoding::ALL, Encoding::name).unwrap_or_default()
}

/// A list, each item read by `item`.
fn list<T>(r: &mut Reader, value: &Value, at: &At, item: Read<T>) -> Vec<T> {
    let Value::Array(items) = value else {
        r.wrong_type(value, at, "a list [ … ]");
        return Vec::new();
    };
    let mut out = Vec::with_capacity(items.len());
    for (i, v) in items.iter().enumerate() {
        out.push(item(r, v, &At::Item(at, i)));
    }
    out
}

fn strings(r: &mut Reader, value: &Value, at: &At) -> Vec<String> {
    list(r, value, at, string)
}

/// An object of any keys with text values (`headers`, `field_names`).
fn string_map(r: &mut Reader, value: &Value, at: &At) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let Value::Object(map) = value else {
        r.wrong_type(value, at, "an object { … }");
        return out;
    };
    for (key, v) in map {
        let text = string(r, v, &At::Key(at, key));
        out.insert(key.clone(), text);
    }
    out
}

// ---------------------------------------------------------------- the file's objects

pub(crate) const CYCLE_KEYS: &[&str] = &[
    "schema_version",
    "id",
    "program",
    "title",
    "intro",
    "deadline",
    "contact",
    "links",
    "rating_scale",
    "sections",
    "confirmation",
    "submit",
    "drafts",
    "embed",
    "texts",
];

fn cycle_file(r: &mut Reader, value: &Value, at: &At) -> CycleFile {
    let o = r.object(value, at, CYCLE_KEYS);
    CycleFile {
        schema_version: r.required(&o, "schema_version", whole_u32),
        id: r.required(&o, "id", string),
        program: r.required(&o, "program", string),
        title: r.required(&o, "title", string),
        intro: r.required(&o, "intro", strings),
        deadline: r.required(&o, "deadline", deadline),
        contact: r.required(&o, "contact", contact),
        links: r.or_default(&o, "links", links),
        rating_scale: r.required(&o, "rating_scale", rating_scale),
        sections: r.required(&o, "sections", sections),
        confirmation: r.required(&o, "confirmation", confirmation),
        submit: r.required(&o, "submit", submit),
        drafts: r.optional(&o, "drafts", drafts),
        embed: r.or_default(&o, "embed", embed),
        texts: r.or_default(&o, "texts", texts),
    }
}

pub(crate) const DEADLINE_KEYS: &[&str] = &["text", "opens_at", "closes_at", "enforce"];

fn deadline(r: &mut Reader, value: &Value, at: &At) -> DeadlineFile {
    let o = r.object(value, at, DEADLINE_KEYS);
    DeadlineFile {
        text: r.required(&o, "text", string),
        opens_at: r.required(&o, "opens_at", string),
        closes_at: r.required(&o, "closes_at", string),
        enforce: r.or_default(&o, "enforce", boolean),
    }
}

pub(crate) const CONTACT_KEYS: &[&str] = &["lead", "name", "role", "email"];

fn contact(r: &mut Reader, value: &Value, at: &At) -> Contact {
    let o = r.object(value, at, CONTACT_KEYS);
    Contact {
        lead: r.required(&o, "lead", string),
        name: r.required(&o, "name", string),
        role: r.required(&o, "role", string),
        email: r.required(&o, "email", string),
    }
}

pub(crate) const LINK_KEYS: &[&str] = &["label", "url"];

fn link(r: &mut Reader, value: &Value, at: &At) -> Link {
    let o = r.object(value, at, LINK_KEYS);
    Link {
        label: r.required(&o, "label", string),
        url: r.required(&o, "url", string),
    }
}

fn links(r: &mut Reader, value: &Value, at: &At) -> Vec<Link> {
    list(r, value, at, link)
}

pub(crate) const RATING_SCALE_KEYS: &[&str] = &["min", "max", "low_label", "high_label"];

fn rating_scale(r: &mut Reader, value: &Value, at: &At) -> RatingScale {
    let o = r.object(value, at, RATING_SCALE_KEYS);
    RatingScale {
        min: r.required(&o, "min", whole_u8),
        max: r.required(&o, "max", whole_u8),
        low_label: r.required(&o, "low_label", string),
        high_label: r.required(&o, "high_label", string),
    }
}

pub(crate) const SECTION_KEYS: &[&str] = &["id", "title", "intro", "links", "notes", "fields"];

fn section(r: &mut Reader, value: &Value, at: &At) -> SectionFile {
    let o = r.object(value, at, SECTION_KEYS);
    SectionFile {
        id: r.required(&o, "id", string),
        title: r.required(&o, "title", string),
        intro: r.or_default(&o, "intro", strings),
        links: r.or_default(&o, "links", links),
        notes: r.or_default(&o, "notes", strings),
        fields: r.required(&o, "fields", fields),
    }
}

fn sections(r: &mut Reader, value: &Value, at: &At) -> Vec<SectionFile> {
    list(r, value, at, section)
}

pub(crate) const FIELD_KEYS: &[&str] = &[
    "id",
    "kind",
    "label",
    "hint",
    "optional",
    "confidential",
    "required_when",
    "max_length",
    "min",
    "max",
    "options",
    "placeholder",
    "autocomplete",
    "messages",
];

fn field(r: &mut Reader, value: &Value, at: &At) -> FieldFile {
    let o = r.object(value, at, FIELD_KEYS);
    FieldFile {
        id: r.required(&o, "id", string),
        // A kind that is missing or unknown is said; the stand-in is never used.
        kind: r.required(&o, "kind", kind).unwrap_or(FieldKind::Text),
        label: r.required(&o, "label", string),
        hint: r.optional(&o, "hint", string),
        optional: r.or_default(&o, "optional", boolean),
        confidential: r.or_default(&o, "confidential", boolean),
        required_when: r.optional(&o, "required_when", condition),
        max_length: r.optional(&o, "max_length", whole_u32),
        min: r.optional(&o, "min", limit),
        max: r.optional(&o, "max", limit),
        options: r.or_default(&o, "options", choices),
        placeholder: r.optional(&o, "placeholder", string),
        autocomplete: r.optional(&o, "autocomplete", string),
        messages: r.or_default(&o, "messages", messages),
    }
}

fn fields(r: &mut Reader, value: &Value, at: &At) -> Vec<FieldFile> {
    list(r, value, at, field)
}

pub(crate) const CONDITION_KEYS: &[&str] = &["field", "equals"];

fn condition(r: &mut Reader, value: &Value, at: &At) -> ConditionFile {
    let o = r.object(value, at, CONDITION_KEYS);
    ConditionFile {
        field: r.required(&o, "field", string),
        equals: r.required(&o, "equals", string),
    }
}

pub(crate) const CHOICE_KEYS: &[&str] = &["value", "label"];

fn choice(r: &mut Reader, value: &Value, at: &At) -> ChoiceFile {
    let o = r.object(value, at, CHOICE_KEYS);
    ChoiceFile {
        value: r.required(&o, "value", string),
        label: r.required(&o, "label", string),
    }
}

fn choices(r: &mut Reader, value: &Value, at: &At) -> Vec<ChoiceFile> {
    list(r, value, at, choice)
}

pub(crate) const MESSAGES_KEYS: &[&str] = &["required", "format", "too_long", "range"];

fn messages(r: &mut Reader, value: &Value, at: &At) -> Messages {
    let o = r.object(value, at, MESSAGES_KEYS);
    Messages {
        required: r.optional(&o, "required", string),
        format: r.optional(&o, "format", string),
        too_long: r.optional(&o, "too_long", string),
        range: r.optional(&o, "range", string),
    }
}

pub(crate) const CONFIRMATION_KEYS: &[&str] = &["title", "body", "next"];

fn confirmation(r: &mut Reader, value: &Value, at: &At) -> Confirmation {
    let o = r.object(value, at, CONFIRMATION_KEYS);
    Confirmation {
        title: r.required(&o, "title", string),
        body: r.required(&o, "body", strings),
        next: r.required(&o, "next", string),
    }
}

pub(crate) const SUBMIT_KEYS: &[&str] = &[
    "url",
    "method",
    "encoding",
    "headers",
    "field_names",
    "timeout_ms",
    "retries",
    "accept_redirect",
];

fn submit(r: &mut Reader, value: &Value, at: &At) -> SubmitFile {
    let o = r.object(value, at, SUBMIT_KEYS);
    SubmitFile {
        url: r.required(&o, "url", string),
        method: r.or_default(&o, "method", method),
        encoding: r.or_default(&o, "encoding", encoding),
        headers: r.or_default(&o, "headers", string_map),
        field_names: r.or_default(&o, "field_names", string_map),
        timeout_ms: r
            .member(&o, "timeout_ms", whole_u32)
            .unwrap_or_else(super::default_timeout_ms),
        retries: r
            .member(&o, "retries", whole_u32)
            .unwrap_or_else(super::default_retries),
        accept_redirect: r.or_default(&o, "accept_redirect", boolean),
    }
}

pub(crate) const DRAFTS_KEYS: &[&str] = &["url"];

fn drafts(r: &mut Reader, value: &Value, at: &At) -> Drafts {
    let o = r.object(value, at, DRAFTS_KEYS);
    Drafts {
        url: r.required(&o, "url", string),
    }
}

pub(crate) const EMBED_KEYS: &[&str] = &["allowed_origins"];

fn embed(r: &mut Reader, value: &Value, at: &At) -> Embed {
    let o = r.object(value, at, EMBED_KEYS);
    Embed {
        allowed_origins: r.or_default(&o, "allowed_origins", strings),
    }
}

/// The `texts` block: any of the form's sentences, by name; the others keep
/// their defaults.
fn texts(r: &mut Reader, value: &Value, at: &At) -> Texts {
    let mut texts = Texts::default();
    let o = r.object(value, at, TextKey::NAMES);
    for (name, v) in o.map.into_iter().flatten() {
        if let Some(&key) = TextKey::ALL.iter().find(|k| k.name() == name) {
            let text = string(r, v, &At::Key(at, name));
            texts.set(key, text);
        }
    }
    texts
}

/// A `texts` block on its own (the texts table's tests).
#[cfg(test)]
pub(crate) fn read_texts(value: &Value) -> Result<Texts, Vec<(Place, String)>> {
    let mut reader = Reader::default();
    let texts = texts(&mut reader, value, &At::Root);
    if reader.found.is_empty() {
        Ok(texts)
    } else {
        Err(reader.found)
    }
}

#[cfg(test)]
mod texts_tests {
    use super::read_texts;
    use crate::texts::{TextKey, Texts};

    /// Each key lands under its own name and leaves the others at their
    /// defaults: the names, the defaults and the methods are lists written by
    /// one macro, and this is what ties them together.
    #[test]
    fn every_key_sets_its_own_text_and_leaves_the_others() {
        assert_eq!(
            serde_json::to_value(Texts::default()).unwrap(),
            serde_json::json!({}),
            "defaults are not written"
        );
        for &key in TextKey::ALL {
            let texts = read_texts(&serde_json::json!({ key.name(): "replaced" })).unwrap();
            assert_eq!(texts.get(key), "replaced");
            for &other in TextKey::ALL.iter().filter(|&&k| k != key) {
                assert_eq!(
                    texts.get(other),
                    other.default_text(),
                    "after setting `{}`",
                    key.name()
                );
            }
            assert_eq!(
                serde_json::to_value(&texts).unwrap(),
                serde_json::json!({ key.name(): "replaced" }),
                "only the replaced text is written"
            );
        }
        // The methods read their own key.
        let texts =
            read_texts(&serde_json::json!({"continue_button": "Weiter", "back_link": "Zurück"}))
                .unwrap();
        assert_eq!(texts.continue_button(), "Weiter");
        assert_eq!(texts.back_link(), "Zurück");
        assert_eq!(texts.send_button(), "Send application");
    }

    #[test]
    fn an_empty_block_is_all_defaults_and_equality_is_by_what_they_read() {
        let texts = read_texts(&serde_json::json!({})).unwrap();
        assert_eq!(texts, Texts::default());
        let mut same = Texts::default();
        same.set(TextKey::back_link, "Back");
        assert_eq!(
            same,
            Texts::default(),
            "a replacement that repeats the default"
        );
        same.set(TextKey::back_link, "Zurück");
        assert_ne!(same, Texts::default());
        same.set(TextKey::back_link, "Retour");
        assert_eq!(same.back_link(), "Retour", "set replaces");
    }
}
