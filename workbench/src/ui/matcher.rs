//! "Suggest matches" without freezing the page: the assignment runs in a Web
//! Worker (`staff-worker`), started while the page loads, so that loading it
//! is part of the page's load and no request is made afterwards. The page
//! closes the network (`dom::close_network`) as soon as the worker is ready,
//! or has failed, or has not answered in time; matching then runs on the page
//! itself, after the busy state has been painted.

use std::cell::Cell;
use std::sync::Arc;
use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::{JsCast, JsValue};

use super::dom;
use super::state::{MatchResult, Wb, WorkerState};
use crate::matching::suggest;
use crate::protocol::{SuggestRequest, WorkerReply};
use crate::workspace::Pairing;

/// The worker's loader, next to the page (Trunk's loader shim).
const WORKER_URL: &str = "./staff-worker_loader.js";

/// How long the page waits for the worker before closing the network anyway.
const WORKER_START_LIMIT: Duration = Duration::from_secs(20);

thread_local! {
    static WORKER: std::cell::RefCell<Option<web_sys::Worker>> = const { std::cell::RefCell::new(None) };
    static NEXT_ID: Cell<u32> = const { Cell::new(1) };
    /// The request in the worker: its pairing, settings and start time.
    static PENDING: std::cell::RefCell<Option<(u32, Pending)>> = const { std::cell::RefCell::new(None) };
}

struct Pending {
    pairing: Pairing,
    settings: crate::matching::Settings,
    started: f64,
}

/// Starts the worker (called once, while the page loads).
pub fn start(wb: Wb) {
    let unavailable = move |why: String| {
        if wb.worker.get_untracked() == WorkerState::Starting {
            wb.worker.set(WorkerState::Unavailable(why));
        }
        dom::close_network();
    };
    let worker = match web_sys::Worker::new(WORKER_URL) {
        Ok(w) => w,
        Err(e) => {
            unavailable(format!(
                "the matching worker could not start ({})",
                dom::describe(&e)
            ));
            return;
        }
    };
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            let Some(text) = ev.data().as_string() else {
                return;
            };
            match serde_json::from_str::<WorkerReply>(&text) {
                Ok(WorkerReply::Ready) => {
                    wb.worker.set(WorkerState::Ready);
                    dom::close_network();
                }
                Ok(WorkerReply::Suggested { id, suggestion }) => {
                    let pending = PENDING.with(|p| {
                        let mut p = p.borrow_mut();
                        match p.as_ref() {
                            Some((pid, _)) if *pid == id => p.take().map(|(_, pending)| pending),
                            _ => None,
                        }
                    });
                    if let Some(pending) = pending {
                        finish(wb, id, pending, suggestion, true);
                    }
                }
                Ok(WorkerReply::Failed { message, .. }) => fail(wb, message),
                Err(e) => fail(
                    wb,
                    format!("the matching worker's reply could not be read: {e}"),
                ),
            }
        });
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
        let detail = ev
            .dyn_ref::<web_sys::ErrorEvent>()
            .map(|e| e.message())
            .filter(|m| !m.is_empty())
            .unwrap_or_else(|| "it could not be loaded".into());
        WORKER.with(|w| w.borrow_mut().take());
        let was_busy = PENDING.with(|p| p.borrow_mut().take());
        if wb.worker.get_untracked() == WorkerState::Starting {
            unavailable(format!("the matching worker did not start: {detail}"));
        } else {
            wb.worker.set(WorkerState::Unavailable(format!(
                "the matching worker stopped: {detail}"
            )));
        }
        // A suggestion the worker was working on is worked out here instead.
        if let Some((id, pending)) = was_busy {
            run_on_page(wb, id, pending);
        }
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    // Both live as long as the page.
    on_message.forget();
    on_error.forget();
    WORKER.with(|w| *w.borrow_mut() = Some(worker));
    set_timeout(
        move || {
            if wb.worker.get_untracked() == WorkerState::Starting {
                WORKER.with(|w| {
                    if let Some(w) = w.borrow_mut().take() {
                        w.terminate();
                    }
                });
                unavailable("the matching worker did not start in time".into());
            }
        },
        WORKER_START_LIMIT,
    );
}

/// Suggests matches for what is open now, with the current settings.
pub fn request(wb: Wb) {
    if wb.busy.get_untracked().is_some() {
        return;
    }
    let pairing = match wb.ws.with_untracked(|w| w.pairing()) {
        Ok(p) => p,
        Err(problem) => {
            wb.match_error.set(Some(problem.to_string()));
            return;
        }
    };
    wb.match_error.set(None);
    let id = NEXT_ID.with(|n| {
        let id = n.get();
        n.set(id.wrapping_add(1));
        id
    });
    let settings = wb.settings.get_untracked();
    wb.busy.set(Some(id));
    wb.announce("Suggesting matches…");
    let pending = Pending {
        pairing,
        settings,
        started: dom::now_ms(),
    };
    let sent = WORKER.with(|w| {
        let w = w.borrow();
        let (Some(worker), WorkerState::Ready) = (w.as_ref(), wb.worker.get_untracked()) else {
            return false;
        };
        let request = SuggestRequest {
            id,
            mentors: pending.pairing.mentors.clone(),
            mentees: pending.pairing.mentees.clone(),
            settings: pending.settings.clone(),
        };
        match serde_json::to_string(&request) {
            Ok(text) => worker.post_message(&JsValue::from_str(&text)).is_ok(),
            Err(_) => false,
        }
    });
    if sent {
        PENDING.with(|p| *p.borrow_mut() = Some((id, pending)));
    } else {
        run_on_page(wb, id, pending);
    }
}

/// Without the worker: paint the busy state first (two frames), then work.
fn run_on_page(wb: Wb, id: u32, pending: Pending) {
    request_animation_frame(move || {
        request_animation_frame(move || {
            let suggestion = suggest(
                &pending.pairing.mentors,
                &pending.pairing.mentees,
                &pending.settings,
            );
            finish(wb, id, pending, suggestion, false);
        })
    });
}

fn finish(
    wb: Wb,
    id: u32,
    pending: Pending,
    suggestion: crate::matching::Suggestion,
    in_worker: bool,
) {
    if wb.busy.get_untracked() != Some(id) {
        return;
    }
    let millis = (dom::now_ms() - pending.started).max(0.0).round() as u64;
    let pairs = suggestion.pairs.len();
    let unmatched = suggestion.unmatched.len();
    wb.result.set(Some(Arc::new(MatchResult {
        id,
        pairing: pending.pairing,
        suggestion,
        settings: pending.settings,
        millis,
        in_worker,
    })));
    wb.busy.set(None);
    wb.announce(format!(
        "{pairs} pair{} suggested; {unmatched} applicant{} without a partner.",
        if pairs == 1 { "" } else { "s" },
        if unmatched == 1 { "" } else { "s" }
    ));
}

fn fail(wb: Wb, message: String) {
    PENDING.with(|p| p.borrow_mut().take());
    wb.busy.set(None);
    wb.match_error.set(Some(message));
}
