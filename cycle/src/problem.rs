//! One problem in a cycle file, with its place: what staff read in the
//! preview and the editor (which shows it beside the control at that place),
//! and what `receiver` prints for a bad `--cycle`.

use std::fmt;

/// Where in a cycle file: `sections[1].fields[2].max`. Built from steps, so the
/// editor can name the place of each of its controls and compare.
#[derive(Debug, Clone, PartialEq, Eq, Default, Hash)]
pub struct Place(Vec<Step>);

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Step {
    Key(String),
    Index(usize),
}

impl Place {
    /// The whole file.
    pub fn root() -> Place {
        Place(Vec::new())
    }

    /// This place's key `name`: `deadline` → `deadline.closes_at`.
    pub fn key(&self, name: &str) -> Place {
        let mut steps = self.0.clone();
        steps.push(Step::Key(name.to_string()));
        Place(steps)
    }

    /// This list's item `i`: `sections` → `sections[1]`.
    pub fn index(&self, i: usize) -> Place {
        let mut steps = self.0.clone();
        steps.push(Step::Index(i));
        Place(steps)
    }

    /// `sections[s].fields[f]`.
    pub fn field(section: usize, field: usize) -> Place {
        Place::root()
            .key("sections")
            .index(section)
            .key("fields")
            .index(field)
    }

    /// Reads the text form back (`sections[1].fields[2].kind`); keys are
    /// whatever stands between dots and brackets.
    pub fn parse(text: &str) -> Place {
        let mut steps = Vec::new();
        for part in text.split('.').filter(|p| !p.is_empty()) {
            let (key, mut rest) = match part.find('[') {
                Some(i) => (&part[..i], &part[i..]),
                None => (part, ""),
            };
            if !key.is_empty() {
                steps.push(Step::Key(key.to_string()));
            }
            while let Some(close) = rest.find(']') {
                match rest[1..close].parse() {
                    Ok(i) => steps.push(Step::Index(i)),
                    Err(_) => steps.push(Step::Key(rest[..=close].to_string())),
                }
                rest = &rest[close + 1..];
            }
        }
        Place(steps)
    }

    pub fn steps(&self) -> &[Step] {
        &self.0
    }

    /// Whether `self` is `other` or inside it.
    pub fn starts_with(&self, other: &Place) -> bool {
        self.0.starts_with(&other.0)
    }

    pub fn is_root(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, step) in self.0.iter().enumerate() {
            match step {
                Step::Key(k) if i == 0 => f.write_str(k)?,
                Step::Key(k) => write!(f, ".{k}")?,
                Step::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

/// One problem in a cycle file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub place: Place,
    /// 1-based line and column (columns count bytes, as serde_json does):
    /// known for every problem found in a file's text (`crate::parse`), not
    /// for one found in a typed cycle alone (`crate::check`).
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// Plain-language description, for staff.
    pub message: String,
}

impl Problem {
    pub fn at(place: Place, message: impl Into<String>) -> Self {
        Problem {
            place,
            line: None,
            column: None,
            message: message.into(),
        }
    }

    /// "line 3, column 14" / "sections[1].fields[0].kind" / both.
    pub fn where_(&self) -> String {
        let mut out = self.place.to_string();
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

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.where_(), self.message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_print_and_parse_back() {
        let p = Place::field(1, 2).key("max");
        assert_eq!(p.to_string(), "sections[1].fields[2].max");
        assert_eq!(Place::parse("sections[1].fields[2].max"), p);
        assert_eq!(Place::parse(""), Place::root());
        assert!(p.starts_with(&Place::field(1, 2)));
        assert!(!Place::field(1, 2).starts_with(&p));
    }

    #[test]
    fn where_formats() {
        let mut e = Problem::at(Place::parse("sections[0].id"), "x");
        assert_eq!(e.where_(), "sections[0].id");
        e.line = Some(3);
        e.column = Some(7);
        assert_eq!(e.to_string(), "sections[0].id, line 3, column 7: x");
        assert_eq!(Problem::at(Place::root(), "x").where_(), "the whole file");
    }
}
