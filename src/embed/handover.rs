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
//! costs the applicant less there than in the wasm.

use leptos::prelude::request_animation_frame;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlElement};

/// Whether `early-paint.js` showed a prerendered page in this host.
pub fn has_painted_page(host: &HtmlElement) -> bool {
    host.query_selector(":scope > [data-mf-prerendered]")
        .ok()
        .flatten()
        .is_some()
}

/// Waits until the app, rendering into `staging`, shows a page of its own
/// (a heading, no "Loading…"), then hands over.
pub fn take_over_when_ready(host: HtmlElement, staging: Element) {
    let app_root = staging.first_element_child();
    let ready = app_root.as_ref().is_some_and(|root| {
        let has = |sel: &str| root.query_selector(sel).ok().flatten().is_some();
        has("h1") && !has(".mf-loading")
    });
    let taken = match (ready, app_root) {
        (true, Some(root)) => take_over(&host, &root),
        _ => false,
    };
    if !taken {
        request_animation_frame(move || take_over_when_ready(host, staging));
    }
}

/// False while a key or a pointer is down in the painted page (early-paint.js
/// then waits for its release, so the press is not split by the swap).
fn take_over(host: &HtmlElement, app_root: &Element) -> bool {
    let hand_over = js_sys::Reflect::get(&js_sys::global(), &"__mentorFormTakeOver".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    match hand_over.map(|f| f.call2(&JsValue::NULL, host, app_root)) {
        Some(Ok(answer)) => answer.as_bool() != Some(false),
        // The painted page without its script cannot be; and a script that
        // failed must not keep the form away: show the app.
        _ => {
            host.replace_children_with_node_1(app_root);
            true
        }
    }
}
