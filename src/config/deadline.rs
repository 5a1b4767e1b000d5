//! Whether the cycle is open at a given moment. Pure, so the deadline rule has
//! native tests; the live form asks with the browser's clock, the preview with
//! the date staff chose.

use super::datetime::parse_rfc3339_ms;
use super::model::Cycle;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Window {
    NotYetOpen,
    Open,
    Closed,
}

/// Where `now_ms` (milliseconds since the epoch) falls in the cycle's window.
/// Only a cycle with `"enforce": true` ever closes; a date that does not parse
/// (the cycle check reports it) keeps the form open rather than shut an
/// applicant out.
pub fn window_at(cycle: &Cycle, now_ms: f64) -> Window {
    if !cycle.deadline.enforce {
        return Window::Open;
    }
    let now = now_ms as i64;
    match (
        parse_rfc3339_ms(&cycle.deadline.opens_at),
        parse_rfc3339_ms(&cycle.deadline.closes_at),
    ) {
        (Ok(open), _) if now < open => Window::NotYetOpen,
        (_, Ok(close)) if now > close => Window::Closed,
        _ => Window::Open,
    }
}
