//! Places and positions in JSON text: which [`Place`] a line and column is
//! in, where in the text a place is, and which keys an object repeats.
//!
//! serde_json reports a syntax error as a line and column, and its `Value`
//! keeps neither positions nor repeated keys. Walking the text with the
//! stack of open objects and lists answers all three, so every problem in a
//! cycle file can be shown with its place *and* its line and column. One
//! small walker: tracking positions inside the parser instead
//! (serde_path_to_error, or a parser of our own) would cost far more wasm.
//!
//! Keys are compared as written between the quotes: a key spelled with
//! escapes (`"ti\u0074le"`) is found as its enclosing object.

use crate::problem::{Place, Step};

enum Frame<'t> {
    Object {
        /// The key being read, once its string has been read.
        key: Option<&'t str>,
        /// Past the key's `:`.
        in_value: bool,
        /// Keys read so far, for repeats.
        seen: Vec<&'t str>,
    },
    List {
        index: usize,
        /// The item at `index` has begun.
        begun: bool,
    },
}

/// A member of the JSON text: an object's key with its value, a list's item,
/// or the top value. `offset` is its first byte (a key's opening quote).
pub(crate) struct Member {
    pub offset: usize,
    /// The key repeats one read before in the same object.
    pub repeated: bool,
}

/// Steps through JSON text member by member, knowing the place of each.
/// Never panics, whatever the text (it is also run on broken files).
pub(crate) struct Walker<'t> {
    text: &'t str,
    at: usize,
    stack: Vec<Frame<'t>>,
    top_begun: bool,
}

impl<'t> Walker<'t> {
    pub fn new(text: &'t str) -> Self {
        Walker {
            text,
            at: 0,
            stack: Vec::new(),
            top_begun: false,
        }
    }

    /// Goes to the start of the next member; [`Walker::place`] is then its place.
    pub fn next_member(&mut self) -> Option<Member> {
        let bytes = self.text.as_bytes();
        while self.at < bytes.len() {
            // Whitespace says nothing about places (and is most of a pretty
            // file): skipped here without a step per byte.
            while let Some(b' ' | b'\n' | b'\r' | b'\t') = bytes.get(self.at) {
                self.at += 1;
            }
            if let Some(member) = self.step() {
                return Some(member);
            }
        }
        None
    }

    /// Reads the text up to byte `end` (or a little past it, to the end of
    /// a string that begins before it).
    fn walk_to(&mut self, end: usize) {
        while self.at < end {
            self.step();
        }
    }

    /// Reads one token, or announces the member that begins at it (then the
    /// next call reads the token).
    fn step(&mut self) -> Option<Member> {
        let bytes = self.text.as_bytes();
        let start = self.at;
        let byte = *bytes.get(start)?;
        let begins_value = matches!(
            byte,
            b'{' | b'[' | b'"' | b'-' | b'0'..=b'9' | b't' | b'f' | b'n'
        );
        match self.stack.last_mut() {
            Some(Frame::List { begun, .. }) if begins_value && !*begun => {
                *begun = true;
                return Some(Member {
                    offset: start,
                    repeated: false,
                });
            }
            None if begins_value && !self.top_begun => {
                self.top_begun = true;
                return Some(Member {
                    offset: start,
                    repeated: false,
                });
            }
            _ => {}
        }
        self.at += 1;
        match byte {
            b'"' => {
                while let Some(&b) = bytes.get(self.at) {
                    self.at += if b == b'\\' { 2 } else { 1 };
                    if b == b'"' {
                        break;
                    }
                }
                if let Some(Frame::Object {
                    key,
                    in_value: false,
                    seen,
                }) = self.stack.last_mut()
                {
                    let name = self
                        .text
                        .get(start + 1..self.at.saturating_sub(1))
                        .unwrap_or("");
                    *key = Some(name);
                    let repeated = seen.contains(&name);
                    seen.push(name);
                    return Some(Member {
                        offset: start,
                        repeated,
                    });
                }
            }
            b':' => {
                if let Some(Frame::Object { in_value, .. }) = self.stack.last_mut() {
                    *in_value = true;
                }
            }
            b',' => match self.stack.last_mut() {
                Some(Frame::Object { key, in_value, .. }) => {
                    *key = None;
                    *in_value = false;
                }
                Some(Frame::List { index, begun }) => {
                    *index += 1;
                    *begun = false;
                }
                None => {}
            },
            b'{' => self.stack.push(Frame::Object {
                key: None,
                in_value: false,
                seen: Vec::new(),
            }),
            b'[' => self.stack.push(Frame::List {
                index: 0,
                begun: false,
            }),
            b'}' | b']' => {
                self.stack.pop();
            }
            _ => {}
        }
        None
    }

    /// The place of the member read last: its key or index and those of the
    /// objects and lists around it (up to an object whose key is not read yet).
    pub fn place(&self) -> Place {
        let mut place = Place::root();
        for frame in &self.stack {
            place = match frame {
                Frame::Object { key: Some(k), .. } => place.key(k),
                Frame::Object { key: None, .. } => break,
                Frame::List { index, .. } => place.index(*index),
            };
        }
        place
    }

    /// How many steps of `target` the member read last matches, when its
    /// place is `target` or lies on the way to it.
    fn leads_to(&self, target: &[Step]) -> Option<usize> {
        let mut depth = 0;
        for frame in &self.stack {
            let step = target.get(depth);
            let matches = match (frame, step) {
                (Frame::Object { key: Some(k), .. }, Some(Step::Key(want))) => k == want,
                (Frame::List { index, .. }, Some(Step::Index(want))) => index == want,
                _ => false,
            };
            if !matches {
                return None;
            }
            depth += 1;
        }
        Some(depth)
    }
}

/// The place of the value being read at 1-based `line` and `column` (columns
/// count bytes, as serde_json does): where a syntax error was found.
pub fn place_at(text: &str, line: usize, column: usize) -> Place {
    let mut offset = 0;
    for _ in 1..line {
        match text
            .as_bytes()
            .get(offset..)
            .and_then(|rest| rest.iter().position(|&b| b == b'\n'))
        {
            Some(i) => offset += i + 1,
            None => break,
        }
    }
    let mut walker = Walker::new(text);
    walker.walk_to((offset + column).min(text.len()));
    walker.place()
}

/// Byte offset of the member at `place` (its key's opening quote, or its
/// value's first byte for a list item or the whole file). A place the text
/// does not have (a key that is missing) gives the nearest member on the way
/// to it.
pub fn offset_of(text: &str, place: &Place) -> usize {
    let target = place.steps();
    let mut walker = Walker::new(text);
    let mut nearest = 0;
    while let Some(member) = walker.next_member() {
        match walker.leads_to(target) {
            Some(depth) if depth == target.len() => return member.offset,
            Some(_) => nearest = member.offset,
            None => {}
        }
    }
    nearest
}

/// 1-based line and column (in bytes, as serde_json counts) of byte `offset`.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = text.as_bytes().get(..offset).unwrap_or(text.as_bytes());
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    (line, before.len() - line_start + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_and_column_is_in_the_place_of_the_value_read_there() {
        let text = "{\n  \"a\": [1, {\"b\": \"x\"}],\n  \"c\": 2\n}";
        // Column just after "x" on line 2.
        let col = text.lines().nth(1).unwrap().find("\"x\"").unwrap() + 3;
        assert_eq!(place_at(text, 2, col).to_string(), "a[1].b");
        assert_eq!(place_at(text, 3, 8).to_string(), "c");
        assert_eq!(place_at(text, 4, 1).to_string(), "");
    }

    #[test]
    fn a_place_is_found_at_its_key_or_item_and_a_missing_one_at_its_nearest_member() {
        let text = "{\n  \"a\": [1, {\"b\": \"x\"}],\n  \"c\": {\"d\": [true]}\n}";
        let at = |p: &str| line_column(text, offset_of(text, &Place::parse(p)));
        assert_eq!(at(""), (1, 1));
        assert_eq!(at("a"), (2, 3));
        assert_eq!(at("a[0]"), (2, 9));
        assert_eq!(at("a[1]"), (2, 12));
        assert_eq!(at("a[1].b"), (2, 13));
        assert_eq!(at("c.d[0]"), (3, 15));
        assert_eq!(at("c.e"), (3, 3), "missing: its object");
        assert_eq!(at("a[7].b"), (2, 3), "missing: its list");
    }

    #[test]
    fn repeated_keys_are_told_apart_per_object() {
        let text = r#"{"a": {"k": 1, "k": 2}, "b": {"k": [{"k": 0}]}, "a": "\"a"}"#;
        let mut walker = Walker::new(text);
        let mut repeats = Vec::new();
        while let Some(member) = walker.next_member() {
            if member.repeated {
                repeats.push((walker.place().to_string(), member.offset));
            }
        }
        assert_eq!(
            repeats,
            [
                ("a.k".to_string(), text.find(r#""k": 2"#).unwrap()),
                ("a".to_string(), text.rfind(r#""a":"#).unwrap())
            ],
            "{text}"
        );
    }

    #[test]
    fn broken_text_never_panics() {
        for text in [
            "",
            "\"",
            "\"\\",
            "{\"a",
            "{\"a\":",
            "[[[",
            "]]}}",
            "{\"é\": \"\\ü\"",
            "é",
        ] {
            let mut walker = Walker::new(text);
            while walker.next_member().is_some() {}
            let _ = place_at(text, 9, 9);
            let _ = offset_of(text, &Place::parse("a[0].b"));
            let _ = line_column(text, 100);
        }
    }
}
