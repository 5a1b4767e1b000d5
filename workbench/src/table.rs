//! Filtering and sorting the applications table, fast enough to run on every
//! keystroke over 5,000 rows: the cells' lower-case text is made once, when
//! the table is built, and a query returns row positions (a view), never
//! copies of rows.

use std::cmp::Ordering;
use std::collections::BTreeSet;

use serde_json::Value;

/// One cell: the text shown, the choices it holds (for choice filters), and
/// its number (for sorting numbers as numbers).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cell {
    pub text: String,
    /// The choices of a choice answer (one, or several for checkboxes), as
    /// the filter's options name them.
    pub choices: Vec<String>,
    pub number: Option<f64>,
}

impl Cell {
    pub fn text(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            ..Cell::default()
        }
    }

    pub fn number(number: f64, text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            choices: Vec::new(),
            number: Some(number),
        }
    }

    /// A choice answer shown as `text`, holding `choices`.
    pub fn choices(choices: Vec<String>, text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            choices,
            number: None,
        }
    }

    /// A cell from an exported answer as it stands: numbers as numbers, text
    /// as a single choice too (so a choice question can be filtered without
    /// the cycle), a list as its items joined by "; ", true/false as Yes/No.
    pub fn from_answer(value: Option<&Value>) -> Cell {
        match value {
            None | Some(Value::Null) => Cell::default(),
            Some(Value::Bool(b)) => Cell::choices(vec![yes_no(*b).to_string()], yes_no(*b)),
            Some(Value::Number(n)) => match n.as_f64() {
                Some(f) => Cell::number(f, n.to_string()),
                None => Cell::text(n.to_string()),
            },
            Some(Value::String(s)) => Cell::choices(vec![s.clone()], s.clone()),
            Some(Value::Array(items)) => {
                let items: Vec<String> = items
                    .iter()
                    .map(|i| match i {
                        Value::String(s) => s.clone(),
                        other => other.to_string(),
                    })
                    .collect();
                let text = items.join("; ");
                Cell::choices(items, text)
            }
            Some(other @ Value::Object(_)) => Cell::text(other.to_string()),
        }
    }
}

fn yes_no(b: bool) -> &'static str {
    if b {
        "Yes"
    } else {
        "No"
    }
}

/// Rows whose cell in `column` holds any of `accepted` pass.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChoiceFilter {
    pub column: usize,
    pub accepted: BTreeSet<String>,
}

/// Sort by a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SortBy {
    pub column: usize,
    pub descending: bool,
}

/// What the table shows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Query {
    /// Words that must each appear (case-insensitively) in one of
    /// `search_columns`; blank shows every row.
    pub text: String,
    /// The columns the text searches: the visible ones, so hidden
    /// confidential answers never make a row match. Empty: none.
    pub search_columns: Vec<usize>,
    /// Per-column text: the column's cell must contain it (case-insensitively).
    pub column_text: Vec<(usize, String)>,
    pub choices: Vec<ChoiceFilter>,
    pub sort: Option<SortBy>,
}

/// The applications as cells, with their search forms.
#[derive(Debug, Clone, Default)]
pub struct Table {
    columns: usize,
    cells: Vec<Cell>,
    folded: Vec<String>,
}

/// Unicode lower case, for matching without case.
pub fn fold(text: &str) -> String {
    text.to_lowercase()
}

impl Table {
    /// Builds the table; short rows are padded with empty cells.
    pub fn new(rows: Vec<Vec<Cell>>) -> Table {
        let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
        let mut cells = Vec::with_capacity(rows.len() * columns);
        for mut row in rows {
            row.resize(columns, Cell::default());
            cells.extend(row);
        }
        let folded = cells.iter().map(|c| fold(&c.text)).collect();
        Table {
            columns,
            cells,
            folded,
        }
    }

    pub fn rows(&self) -> usize {
        self.cells.len().checked_div(self.columns).unwrap_or(0)
    }

    pub fn columns(&self) -> usize {
        self.columns
    }

    pub fn cell(&self, row: usize, column: usize) -> Option<&Cell> {
        if column >= self.columns {
            return None;
        }
        self.cells.get(row * self.columns + column)
    }

    fn folded(&self, row: usize, column: usize) -> &str {
        if column >= self.columns {
            return "";
        }
        self.folded
            .get(row * self.columns + column)
            .map_or("", String::as_str)
    }

    /// The rows the query shows, in its order.
    pub fn view(&self, query: &Query) -> Vec<usize> {
        let all: Vec<usize> = (0..self.rows()).collect();
        self.refine(&all, query)
    }

    /// The rows among `within` the query shows: when staff type one more
    /// letter, the new view is within the last one, so only it is searched.
    pub fn refine(&self, within: &[usize], query: &Query) -> Vec<usize> {
        let words: Vec<String> = fold(&query.text)
            .split_whitespace()
            .map(str::to_string)
            .collect();
        let column_text: Vec<(usize, String)> = query
            .column_text
            .iter()
            .map(|(c, t)| (*c, fold(t.trim())))
            .filter(|(_, t)| !t.is_empty())
            .collect();
        let mut rows: Vec<usize> = within
            .iter()
            .copied()
            .filter(|&row| row < self.rows())
            .filter(|&row| {
                words.iter().all(|word| {
                    query
                        .search_columns
                        .iter()
                        .any(|&c| self.folded(row, c).contains(word.as_str()))
                })
            })
            .filter(|&row| {
                column_text
                    .iter()
                    .all(|(c, t)| self.folded(row, *c).contains(t.as_str()))
            })
            .filter(|&row| {
                query.choices.iter().all(|f| {
                    f.accepted.is_empty()
                        || self
                            .cell(row, f.column)
                            .is_some_and(|cell| cell.choices.iter().any(|c| f.accepted.contains(c)))
                })
            })
            .collect();
        if let Some(sort) = query.sort {
            rows.sort_by(|&a, &b| self.compare(a, b, sort).then(a.cmp(&b)));
        }
        rows
    }

    /// Numbers as numbers, text without case; empty cells last either way.
    fn compare(&self, a: usize, b: usize, sort: SortBy) -> Ordering {
        let (ca, cb) = (self.cell(a, sort.column), self.cell(b, sort.column));
        let empty = |c: Option<&Cell>| c.is_none_or(|c| c.text.trim().is_empty());
        match (empty(ca), empty(cb)) {
            (true, true) => return Ordering::Equal,
            (true, false) => return Ordering::Greater,
            (false, true) => return Ordering::Less,
            (false, false) => {}
        }
        let order = match (ca.and_then(|c| c.number), cb.and_then(|c| c.number)) {
            (Some(x), Some(y)) => x.total_cmp(&y),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => self.folded(a, sort.column).cmp(self.folded(b, sort.column)),
        };
        if sort.descending {
            order.reverse()
        } else {
            order
        }
    }

    /// The distinct choices of a column, in first-seen order (the filter's
    /// options when the cycle does not list them).
    pub fn choices_in(&self, column: usize) -> Vec<String> {
        let mut seen = BTreeSet::new();
        let mut out = Vec::new();
        for row in 0..self.rows() {
            if let Some(cell) = self.cell(row, column) {
                for c in &cell.choices {
                    if seen.insert(c.clone()) {
                        out.push(c.clone());
                    }
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn table() -> Table {
        let row = |name: &str, state: &str, years: Option<f64>, ways: &[&str]| {
            vec![
                Cell::text(name),
                Cell::choices(vec![state.into()], state),
                years.map_or_else(Cell::default, |y| Cell::number(y, y.to_string())),
                Cell::choices(
                    ways.iter().map(|w| w.to_string()).collect(),
                    ways.join("; "),
                ),
            ]
        };
        Table::new(vec![
            row("Émile Zola", "Illinois", Some(12.0), &["Email"]),
            row("ana ruiz", "Ohio", Some(3.0), &["Phone", "Email"]),
            row("Bo <b>Chen</b>", "Illinois", None, &[]),
            row("Ana Bell", "Texas", Some(25.0), &["Video call"]),
        ])
    }

    #[test]
    fn text_matches_words_in_searched_columns_without_case() {
        let t = table();
        let q = |text: &str, cols: Vec<usize>| Query {
            text: text.into(),
            search_columns: cols,
            ..Query::default()
        };
        assert_eq!(t.view(&q("ANA", vec![0])), vec![1, 3]);
        assert_eq!(t.view(&q("ana ohio", vec![0, 1])), vec![1]);
        assert_eq!(t.view(&q("ana ohio", vec![0])), Vec::<usize>::new());
        assert_eq!(t.view(&q("émile", vec![0])), vec![0]);
        assert_eq!(t.view(&q("ÉMILE", vec![0])), vec![0]);
        assert_eq!(t.view(&q("<b>", vec![0])), vec![2]);
        assert_eq!(t.view(&q("  ", vec![])), vec![0, 1, 2, 3]);
        // A hidden column is not searched.
        assert_eq!(t.view(&q("illinois", vec![0])), Vec::<usize>::new());
        // Refining searches only the previous view.
        assert_eq!(t.refine(&[3], &q("ana", vec![0])), vec![3]);
    }

    #[test]
    fn choice_filters_and_column_text() {
        let t = table();
        let only = |column: usize, values: &[&str]| ChoiceFilter {
            column,
            accepted: values.iter().map(|v| v.to_string()).collect(),
        };
        let q = Query {
            choices: vec![only(1, &["Illinois"])],
            ..Query::default()
        };
        assert_eq!(t.view(&q), vec![0, 2]);
        let q = Query {
            choices: vec![only(3, &["Email"]), only(1, &["Ohio", "Texas"])],
            ..Query::default()
        };
        assert_eq!(t.view(&q), vec![1]);
        let q = Query {
            column_text: vec![(1, " ILL".into())],
            ..Query::default()
        };
        assert_eq!(t.view(&q), vec![0, 2]);
        assert_eq!(t.choices_in(3), vec!["Email", "Phone", "Video call"]);
    }

    #[test]
    fn sorting_numbers_text_and_empties() {
        let t = table();
        let sorted = |column: usize, descending: bool| {
            t.view(&Query {
                sort: Some(SortBy { column, descending }),
                ..Query::default()
            })
        };
        assert_eq!(sorted(2, false), vec![1, 0, 3, 2]);
        assert_eq!(sorted(2, true), vec![3, 0, 1, 2]);
        assert_eq!(sorted(0, false), vec![3, 1, 2, 0]);
        assert_eq!(sorted(1, false), vec![0, 2, 1, 3]);
        assert_eq!(sorted(3, false), vec![0, 1, 3, 2]);
    }

    #[test]
    fn cells_from_exported_answers() {
        assert_eq!(Cell::from_answer(Some(&json!(4))).number, Some(4.0));
        assert_eq!(Cell::from_answer(Some(&json!(true))).text, "Yes");
        let c = Cell::from_answer(Some(&json!(["Email", "Phone"])));
        assert_eq!(c.text, "Email; Phone");
        assert_eq!(c.choices, vec!["Email", "Phone"]);
        assert_eq!(Cell::from_answer(None), Cell::default());
        let t = Table::new(vec![vec![Cell::text("a")], vec![]]);
        assert_eq!((t.rows(), t.columns()), (2, 1));
        assert_eq!(t.cell(1, 0), Some(&Cell::default()));
        assert_eq!(t.cell(0, 1), None);
    }
}
