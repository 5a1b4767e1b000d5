//! One problem in a cycle file, with its place. Shared by loading (syntax and
//! types) and the whole-file checks, so neither imports the other.

use std::fmt;

/// One problem in a cycle file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// JSON path such as `sections[1].fields[2].kind`; empty for the whole file.
    pub path: String,
    /// 1-based line and column, known for syntax and type errors.
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// Plain-language description.
    pub message: String,
}

impl ConfigError {
    pub fn at(path: impl Into<String>, message: impl Into<String>) -> Self {
        ConfigError {
            path: path.into(),
            line: None,
            column: None,
            message: message.into(),
        }
    }

    /// "line 3, column 14" / "sections[1].fields[0].kind" / both.
    pub fn place(&self) -> String {
        let mut out = String::new();
        if !self.path.is_empty() {
            out.push_str(&self.path);
        }
        if let (Some(l), Some(c)) = (self.line, self.column) {
            if !out.is_empty() {
                out.push_str(", ");
            }
            out.push_str(&format!("line {l}, column {c}"));
        }
        if out.is_empty() {
            out.push_str("the whole file");
        }
        out
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.place(), self.message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn place_formats() {
        let mut e = ConfigError::at("sections[0].id", "x");
        assert_eq!(e.place(), "sections[0].id");
        e.line = Some(3);
        e.column = Some(7);
        assert_eq!(e.to_string(), "sections[0].id, line 3, column 7: x");
        assert_eq!(ConfigError::at("", "x").place(), "the whole file");
    }
}
