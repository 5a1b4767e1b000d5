//! Whether the cycle is open at a given moment. The live form asks with the
//! browser's clock, the preview with the date staff chose.

use crate::model::Cycle;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Window {
    NotYetOpen,
    Open,
    Closed,
}

impl Cycle {
    /// Where `now_ms` (milliseconds since the epoch) falls in the cycle's
    /// window. Only a cycle with `"enforce": true` ever closes.
    pub fn window_at(&self, now_ms: f64) -> Window {
        if !self.deadline.enforce {
            return Window::Open;
        }
        let now = now_ms as i64;
        if now < self.deadline.opens_at.utc_ms() {
            Window::NotYetOpen
        } else if now > self.deadline.closes_at.utc_ms() {
            Window::Closed
        } else {
            Window::Open
        }
    }
}
