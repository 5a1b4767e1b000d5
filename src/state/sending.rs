//! The final send: check everything, decide which version of the application
//! this is, record it with the draft, build the request once, then send it
//! (live), show it (preview), or pretend (honeypot filled by a bot).

use super::draft::{end_draft, note_application};
use super::focus::{focus_main, focus_soon, focus_summary, Target};
use super::nav::{Nav, Page};
use super::store::{FormState, Mode, Receipt, SendState};
use crate::browser;
use crate::form::draft::Ended;
use crate::form::rules::check_all;
use crate::form::version::{bumped, next_send, Application};
use crate::submit::transport::{self, Outcome};
use cycle::payload::prepare;
use cycle::Answers;
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
    if state.mode == Mode::Preview {
        let app = next_send(None, &answers, browser::new_identity, browser::now_iso);
        let request = prepare(&state.cycle, &state.endpoint, &answers, &app.meta(None));
        state.preview_request.set(Some(request));
        focus_soon(Target::PreviewRequest);
        return;
    }
    if !state.honeypot.get_untracked().trim().is_empty() {
        // A bot filled the field no person can see: look successful, send
        // nothing — and keep the draft, in case it was not a bot after all.
        state.receipt.set(Some(Receipt {
            reference: browser::uuid_v4(),
            answers,
            sent_elsewhere: false,
        }));
        nav.go(Page::Confirmation, None);
        focus_main();
        return;
    }
    // The same version (same idempotency key) for every try of the same
    // answers, also after a reload; a new version once an answer changed.
    // `note_application` writes the answers and the version together.
    let current = state.sync().application.clone();
    let app = next_send(
        current.as_ref(),
        &answers,
        browser::new_identity,
        browser::now_iso,
    );
    state.send.set(SendState::Sending { attempt: 0 });
    spawn_local(send_version(state, nav, app, answers));
}

async fn send_version(state: FormState, nav: Nav, mut app: Application, answers: Answers) {
    let send_state = state.send;
    // A 409 (this key already holds other answers) is answered once by
    // sending the answers as the next version.
    let mut key_reused_before = false;
    loop {
        note_application(&state, &app);
        let request = prepare(&state.cycle, &state.endpoint, &answers, &app.meta(None));
        let outcome = transport::send(&state.cycle, &request, move |n| {
            send_state.set(SendState::Sending { attempt: n })
        })
        .await;
        match outcome {
            Outcome::KeyReused if !key_reused_before => {
                key_reused_before = true;
                app = bumped(&app, browser::now_iso());
            }
            Outcome::KeyReused => {
                state.send.set(SendState::Failed {
                    message: state.cycle.texts.send_conflict().to_string(),
                    uncertain: false,
                });
                focus_send_error();
                return;
            }
            Outcome::Stored { receipt } => {
                state.send.set(SendState::Idle);
                succeed(&state, &nav, receipt.unwrap_or(app.reference), answers);
                return;
            }
            Outcome::FieldErrors(errors) => {
                state.send.set(SendState::Idle);
                let mut fields = Vec::new();
                let mut general = Vec::new();
                for (field, message) in errors {
                    match field {
                        Some(id) => {
                            state.shown_error(&id).set(Some(message));
                            fields.push(id);
                        }
                        None => general.push(message),
                    }
                }
                state.summary.set(fields);
                state.general_errors.set(general);
                focus_summary();
                return;
            }
            Outcome::Failed { message, uncertain } => {
                state.send.set(SendState::Failed { message, uncertain });
                focus_send_error();
                return;
            }
        }
    }
}

fn focus_send_error() {
    focus_soon(Target::SendError);
}

fn succeed(state: &FormState, nav: &Nav, reference: String, answers: Answers) {
    // Confidential answers leave the device (and this page's memory, apart
    // from the receipt) as soon as the endpoint confirmed them; every other
    // open tab of the form clears too.
    end_draft(
        state,
        Ended::Sent {
            reference: reference.clone(),
        },
    );
    state.receipt.set(Some(Receipt {
        reference,
        answers,
        sent_elsewhere: false,
    }));
    state.clear_all();
    nav.go(Page::Confirmation, None);
    focus_main();
}
