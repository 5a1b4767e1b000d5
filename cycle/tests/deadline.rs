//! The deadline rule: when a cycle is open, on a fixture cycle.

use cycle::dates::DateTime;
use cycle::deadline::Window;
use cycle::Cycle;

fn cycle(enforce: bool) -> Cycle {
    let mut c = cycle::parse(include_str!("../../tests/fixtures/drafts-cycle.json"))
        .expect("fixture cycle parses");
    c.deadline.opens_at = DateTime::parse("2026-11-01T09:00:00-05:00").unwrap();
    c.deadline.closes_at = DateTime::parse("2026-11-16T23:59:00-06:00").unwrap();
    c.deadline.enforce = enforce;
    c
}

const OPENS: f64 = 1_793_541_600_000.0; // 2026-11-01T14:00:00Z
const CLOSES: f64 = 1_794_895_140_000.0; // 2026-11-17T05:59:00Z

#[test]
fn an_enforced_cycle_is_open_only_inside_its_window() {
    let c = cycle(true);
    assert_eq!(c.window_at(OPENS - 1.0), Window::NotYetOpen);
    assert_eq!(c.window_at(OPENS), Window::Open);
    assert_eq!(c.window_at(CLOSES), Window::Open);
    assert_eq!(c.window_at(CLOSES + 1.0), Window::Closed);
}

#[test]
fn a_cycle_that_does_not_enforce_its_dates_stays_open() {
    let c = cycle(false);
    assert_eq!(c.window_at(OPENS - 1e9), Window::Open);
    assert_eq!(c.window_at(CLOSES + 1e9), Window::Open);
}
