//! The deadline rule: when a cycle is open, on a fixture cycle.

use mentor_form::config::deadline::{window_at, Window};
use mentor_form::config::{parse_cycle, Cycle};

fn cycle(enforce: bool) -> Cycle {
    let mut c =
        parse_cycle(include_str!("fixtures/drafts-cycle.json")).expect("fixture cycle parses");
    c.deadline.opens_at = "2026-11-01T09:00:00-05:00".into();
    c.deadline.closes_at = "2026-11-16T23:59:00-06:00".into();
    c.deadline.enforce = enforce;
    c
}

const OPENS: f64 = 1_793_541_600_000.0; // 2026-11-01T14:00:00Z
const CLOSES: f64 = 1_794_895_140_000.0; // 2026-11-17T05:59:00Z

#[test]
fn an_enforced_cycle_is_open_only_inside_its_window() {
    let c = cycle(true);
    assert_eq!(window_at(&c, OPENS - 1.0), Window::NotYetOpen);
    assert_eq!(window_at(&c, OPENS), Window::Open);
    assert_eq!(window_at(&c, CLOSES), Window::Open);
    assert_eq!(window_at(&c, CLOSES + 1.0), Window::Closed);
}

#[test]
fn a_cycle_that_does_not_enforce_its_dates_stays_open() {
    let c = cycle(false);
    assert_eq!(window_at(&c, OPENS - 1e9), Window::Open);
    assert_eq!(window_at(&c, CLOSES + 1e9), Window::Open);
}

#[test]
fn an_unreadable_date_keeps_the_form_open() {
    let mut c = cycle(true);
    c.deadline.closes_at = "next Tuesday".into();
    assert_eq!(window_at(&c, CLOSES + 1e9), Window::Open);
    c.deadline.opens_at = "soon".into();
    assert_eq!(window_at(&c, 0.0), Window::Open);
}
