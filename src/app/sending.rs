//! The final send: check everything, build the request once, then send it
//! (live), show it (preview), or pretend (honeypot filled by a bot).

use super::draft::discard_draft;
use super::nav::{Nav, Page};
use super::state::{FormState, Mode, Receipt, SendState};
use crate::browser;
use crate::components::error_summary::focus_summary;
use crate::embed;
use crate::form::rules::check_all;
use crate::submit::encode::{prepare, Meta};
use crate::submit::transport::{self, Outcome};
use leptos::prelude::*;
use leptos::task::spawn_local;

pub fn send_application(state: FormState, nav: Nav) {
    // A second click while sending does nothing: one application, one request.
    if matches!(state.send.get_untracked(), SendState::Sending { .. }) {
        return;
    }
    state.clear_summary();
    let answers = state.answers();
    let problems = check_all(&state.cycle, &answers);
    if state.show_problems(&problems) {
        focus_summary();
        return;
    }
    // Same reference (and so Idempotency-Key) for every try of this application.
    let reference = state
        .pending_reference
        .get_untracked()
        .unwrap_or_else(browser::uuid_v4);
    state.pending_reference.set(Some(reference.clone()));
    let meta = Meta {
        reference: reference.clone(),
        submitted_at: browser::now_iso(),
    };
    let request = prepare(&state.cycle, &state.endpoint, &answers, &meta);
    if state.mode == Mode::Preview {
        state.preview_request.set(Some(request));
        request_animation_frame(|| {
            if let Some(el) = browser::element_by_id("mf-preview-request") {
                let _ = el.focus();
            }
        });
        return;
    }
    if !state.honeypot.get_untracked().trim().is_empty() {
        // A bot filled the invisible field: look successful, send nothing.
        succeed(&state, &nav, reference, answers);
        return;
    }
    state.send.set(SendState::Sending { attempt: 0 });
    spawn_local(async move {
        let send_state = state.send;
        let outcome = transport::send(&state.cycle, &request, move |n| {
            send_state.set(SendState::Sending { attempt: n })
        })
        .await;
        match outcome {
            Outcome::Stored { receipt } => {
                state.send.set(SendState::Idle);
                succeed(&state, &nav, receipt.unwrap_or(reference), answers);
            }
            Outcome::FieldErrors(errors) => {
                state.send.set(SendState::Idle);
                let mut fields = Vec::new();
                let mut general = Vec::new();
                for (key, message) in errors {
                    if state.cycle.field(&key).is_some() {
                        state.shown_error(&key).set(Some(message));
                        fields.push(key);
                    } else {
                        general.push(message);
                    }
                }
                state.summary.set(fields);
                state.general_errors.set(general);
                focus_summary();
            }
            Outcome::Failed { message } => {
                state.send.set(SendState::Failed { message });
                request_animation_frame(|| {
                    if let Some(el) = browser::element_by_id("mf-send-error") {
                        let _ = el.focus();
                    }
                });
            }
        }
    });
}

fn succeed(state: &FormState, nav: &Nav, reference: String, answers: crate::form::value::Answers) {
    embed::notify_submitted(&reference);
    state.receipt.set(Some(Receipt { reference, answers }));
    // Confidential answers leave the device (and this page's memory, apart
    // from the receipt) as soon as the application is safely sent.
    discard_draft(state);
    state.clear_all();
    nav.go(Page::Confirmation, None);
    crate::pages::section::focus_main();
}
