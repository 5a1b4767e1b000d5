//! Undo and redo for the staff editor: a history of whole states (a cycle is
//! a few KB, so snapshots are simpler and safer than inverse operations).
//! Typing in one control is one step: edits that carry the same coalescing
//! key, one after another, share the step the first one opened, until the
//! step is sealed (the control lost focus, or any other edit came).

/// One undoable step: the state before it and what it did, in words.
#[derive(Debug, Clone)]
struct Step<T> {
    state: T,
    what: String,
}

#[derive(Debug, Clone)]
pub struct History<T> {
    past: Vec<Step<T>>,
    future: Vec<Step<T>>,
    /// The coalescing key of the newest step while it is still open.
    open: Option<String>,
    limit: usize,
}

impl<T: Clone> History<T> {
    /// A history that keeps at most `limit` steps back.
    pub fn new(limit: usize) -> Self {
        History {
            past: Vec::new(),
            future: Vec::new(),
            open: None,
            limit: limit.max(1),
        }
    }

    /// Notes an edit about to replace `before`. With a `coalesce` key equal
    /// to the open step's, the edit joins that step (its `before` stays the
    /// state before the first keystroke). Any edit clears what could be redone.
    pub fn record(&mut self, before: &T, what: impl Into<String>, coalesce: Option<&str>) {
        self.future.clear();
        let joins = matches!((&self.open, coalesce), (Some(open), Some(key)) if open == key);
        if joins {
            if let Some(top) = self.past.last_mut() {
                top.what = what.into();
            }
            return;
        }
        self.past.push(Step {
            state: before.clone(),
            what: what.into(),
        });
        if self.past.len() > self.limit {
            self.past.remove(0);
        }
        self.open = coalesce.map(str::to_string);
    }

    /// Closes the open step: the next edit starts a new one.
    pub fn seal(&mut self) {
        self.open = None;
    }

    /// The state before the newest step, and what that step did; `current`
    /// becomes redoable.
    pub fn undo(&mut self, current: &T) -> Option<(T, String)> {
        let step = self.past.pop()?;
        self.open = None;
        self.future.push(Step {
            state: current.clone(),
            what: step.what.clone(),
        });
        Some((step.state, step.what))
    }

    /// The state the newest undo left, and what it did.
    pub fn redo(&mut self, current: &T) -> Option<(T, String)> {
        let step = self.future.pop()?;
        self.open = None;
        self.past.push(Step {
            state: current.clone(),
            what: step.what.clone(),
        });
        Some((step.state, step.what))
    }

    /// What Undo would undo.
    pub fn undo_what(&self) -> Option<&str> {
        self.past.last().map(|s| s.what.as_str())
    }

    /// What Redo would redo.
    pub fn redo_what(&self) -> Option<&str> {
        self.future.last().map(|s| s.what.as_str())
    }

    /// Forgets every step (a new file was opened).
    pub fn clear(&mut self) {
        self.past.clear();
        self.future.clear();
        self.open = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undo_and_redo_walk_the_steps() {
        let mut h = History::new(10);
        let mut now = 0;
        for next in 1..=3 {
            h.record(&now, format!("set {next}"), None);
            now = next;
        }
        assert_eq!(h.undo_what(), Some("set 3"));
        let (back, what) = h.undo(&now).unwrap();
        assert_eq!((back, what.as_str()), (2, "set 3"));
        now = back;
        let (back, _) = h.undo(&now).unwrap();
        now = back;
        assert_eq!(now, 1);
        let (fwd, what) = h.redo(&now).unwrap();
        assert_eq!((fwd, what.as_str()), (2, "set 2"));
        now = fwd;
        // A new edit drops what could be redone.
        h.record(&now, "set 9", None);
        now = 9;
        assert!(h.redo(&now).is_none());
        assert_eq!(h.undo(&now).unwrap().0, 2);
    }

    #[test]
    fn typing_in_one_control_is_one_step() {
        let mut h = History::new(10);
        let mut text = String::new();
        for ch in ["a", "ab", "abc"] {
            h.record(&text, "Changed the title", Some("title"));
            text = ch.to_string();
        }
        // Another control opens a new step.
        h.record(&text, "Changed the program", Some("program"));
        text = "abc!".into();
        assert_eq!(h.undo(&text).unwrap().0, "abc");
        assert_eq!(h.undo(&"abc".to_string()).unwrap().0, "");
        assert!(h.undo(&String::new()).is_none());
    }

    #[test]
    fn a_sealed_step_is_not_joined() {
        let mut h = History::new(10);
        h.record(&0, "x", Some("title"));
        h.seal();
        h.record(&1, "x", Some("title"));
        assert_eq!(h.undo(&2).unwrap().0, 1);
        assert_eq!(h.undo(&1).unwrap().0, 0);
    }

    #[test]
    fn keeps_at_most_the_limit() {
        let mut h = History::new(3);
        for n in 0..10 {
            h.record(&n, "n", None);
        }
        let mut now = 10;
        let mut undone = 0;
        while let Some((back, _)) = h.undo(&now) {
            now = back;
            undone += 1;
        }
        assert_eq!((undone, now), (3, 7));
    }
}
