//! Taking over a page painted before the wasm arrived (issue 12,
//! docs/prerender.md).
//!
//! `scripts/early-paint.js` may have shown a prerendered copy of this route
//! (`[data-mf-prerendered]`), and the applicant may already be typing in it.
//! The app renders into a detached element meanwhile; once that shows a page
//! of its own, early-paint.js's `takeOver` swaps it in and replays what was
//! done on the painted page, in one synchronous step. That part is JavaScript
//! because everything about the painted page (showing it, keeping it inert,
//! noting what was touched, handing it over) then lives in one file, and it
//! costs the applicant less there than in the wasm. What found no control of
//! its own on the app's page is left in storage, and `state::painted` takes it.

use crate::page_contract::{self, js::page_globals};
use crate::state::painted::take_typed_early;
use crate::state::store::FormState;
use leptos::prelude::request_animation_frame;
use std::cell::RefCell;
use web_sys::{Element, HtmlElement};

thread_local! {
    /// The form's state once its cycle has loaded (only index.html's one host
    /// has a painted page to take over).
    static READY: RefCell<Option<FormState>> = const { RefCell::new(None) };
}

/// Called when the cycle has loaded: the take-over hands this state what the
/// painted page could not place.
pub fn note_ready(state: &FormState) {
    READY.with(|ready| *ready.borrow_mut() = Some(state.clone()));
}

/// Whether `early-paint.js` showed a prerendered page in this host.
pub fn has_painted_page(host: &HtmlElement) -> bool {
    host.query_selector(page_contract::SELECTOR_PAINTED_PAGE)
        .ok()
        .flatten()
        .is_some()
}

/// The contract's readiness test: a heading, no "Loading…" line.
fn is_page_ready(root: &Element) -> bool {
    let has = |sel: &str| root.query_selector(sel).ok().flatten().is_some();
    has(page_contract::READY_HEADING) && !has(page_contract::SELECTOR_LOADING)
}

/// Waits until the app, rendering into `staging`, shows a page of its own,
/// then hands over; then takes what the painted page could not place.
pub fn take_over_when_ready(host: HtmlElement, staging: Element) {
    let app_root = staging.first_element_child();
    let taken = match app_root {
        Some(root) if is_page_ready(&root) => take_over(&host, &root),
        _ => false,
    };
    if taken {
        if let Some(state) = READY.with(|ready| ready.borrow().clone()) {
            take_typed_early(&state);
        }
    } else {
        request_animation_frame(move || take_over_when_ready(host, staging));
    }
}

/// False while a key or a pointer is down in the painted page (early-paint.js
/// then waits for its release, so the press is not split by the swap).
fn take_over(host: &HtmlElement, app_root: &Element) -> bool {
    match page_globals().take_over(host, app_root) {
        Ok(answer) => answer.as_bool() != Some(false),
        // The painted page without its script cannot be; and a script that
        // failed must not keep the form away: show the app.
        Err(_) => {
            host.replace_children_with_node_1(app_root);
            true
        }
    }
}
