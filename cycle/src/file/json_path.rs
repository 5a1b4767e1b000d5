//! The JSON path (`sections[1].fields[2].kind`) of a position in JSON text.
//!
//! serde_json reports where an error was found as line and column; walking
//! the text up to there tells which key or item was being read. Doing it
//! here costs a few hundred bytes of wasm, where tracking the path during
//! deserialisation (serde_path_to_error) doubled the cycle parser's size.

enum Frame {
    Object {
        key: Option<String>,
        reading_value: bool,
    },
    Array {
        index: usize,
    },
}

/// Path of the value being read at 1-based `line` and `column` (columns count
/// bytes, as serde_json does). Empty for the top level.
pub fn path_at(text: &str, line: usize, column: usize) -> String {
    let bytes = text.as_bytes();
    let mut offset = 0;
    for _ in 1..line {
        match bytes[offset..].iter().position(|&b| b == b'\n') {
            Some(i) => offset += i + 1,
            None => break,
        }
    }
    let end = (offset + column).min(bytes.len());
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < end {
        match bytes[i] {
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    if bytes[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
                if let Some(Frame::Object {
                    key,
                    reading_value: false,
                }) = stack.last_mut()
                {
                    *key = Some(
                        text.get(start..i.min(bytes.len()))
                            .unwrap_or("")
                            .to_string(),
                    );
                }
            }
            b':' => {
                if let Some(Frame::Object { reading_value, .. }) = stack.last_mut() {
                    *reading_value = true;
                }
            }
            b',' => match stack.last_mut() {
                Some(Frame::Object { key, reading_value }) => {
                    *key = None;
                    *reading_value = false;
                }
                Some(Frame::Array { index }) => *index += 1,
                None => {}
            },
            b'{' => stack.push(Frame::Object {
                key: None,
                reading_value: false,
            }),
            b'[' => stack.push(Frame::Array { index: 0 }),
            b'}' | b']' => {
                stack.pop();
            }
            _ => {}
        }
        i += 1;
    }
    let mut path = String::new();
    for frame in &stack {
        match frame {
            Frame::Object { key: Some(k), .. } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(k);
            }
            Frame::Object { key: None, .. } => break,
            Frame::Array { index } => path.push_str(&format!("[{index}]")),
        }
    }
    path
}

#[cfg(test)]
mod tests {
    use super::path_at;

    #[test]
    fn finds_nested_keys_and_indices() {
        let text = "{\n  \"a\": [1, {\"b\": \"x\"}],\n  \"c\": 2\n}";
        // Column just after "x" on line 2.
        let col = text.lines().nth(1).unwrap().find("\"x\"").unwrap() + 3;
        assert_eq!(path_at(text, 2, col), "a[1].b");
        assert_eq!(path_at(text, 3, 8), "c");
        assert_eq!(path_at(text, 4, 1), "");
    }
}
