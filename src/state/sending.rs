//! The final send: check everything, decide which version of the application
//! this is, record it with the draft, build the request once, then send it
//! (live) or show it (preview). A send made while the device is offline
//! waits for the connection, and goes when it returns or on the next visit,
//! as the same version. A confirmation ends the draft only when no answer
//! changed after that version was sent; otherwise the changes stay, as the
//! next version.

use super::draft::{end_draft, note_application, sync_with_stored};
use super::focus::{focus_main, focus_soon, focus_summary, Target};
use super::nav::{Nav, Page};
use super::store::{FormState, Mode, Receipt, SendState};
use crate::browser;
use crate::form::draft::{answers_from_json, answers_to_json, Ended, SentVersion};
use crate::form::rules::check_all;
use crate::form::version::Application;
use crate::form::version::{after_confirmation, bumped, next_send, AfterConfirm, Fresh, Stage};
use crate::submit::transport::{self, Outcome};
use cycle::payload::prepare;
use cycle::Answers;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Where new references and secrets come from in the browser.
pub fn fresh() -> Fresh<'static> {
    Fresh {
        reference: &browser::uuid_v4,
        secret: &browser::version_secret,
        now_iso: &browser::now_iso,
    }
}

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
    // What a bot typed into the field no person sees goes with the
    // application, flagged, instead of faking a confirmation: a person whose
    // password manager filled it still gets their application sent.
    let honeypot = state.honeypot.get_untracked();
    if state.mode == Mode::Preview {
        let app = next_send(None, &answers, fresh(), browser::now_ms());
        let meta = app.meta().with_honeypot(&honeypot);
        let request = prepare(&state.cycle, &state.endpoint, &answers, &meta);
        state.preview_request.set(Some(request));
        focus_soon(Target::PreviewRequest);
        return;
    }
    // The same version (same idempotency key) for every try of the same
    // answers, also after a reload; a new version once an answer changed.
    // `note_application` writes the answers and the version together.
    let current = state.sync().application.clone();
    let app = next_send(current.as_ref(), &answers, fresh(), browser::now_ms());
    note_application(&state, &app);
    state.send.set(SendState::Sending { attempt: 0 });
    spawn_local(send_version(state, nav, app, answers, honeypot));
}

/// Sends the version waiting for a connection, when there is one and the
/// browser says it is online: at start (the next visit), when the connection
/// returns, and when the page is shown again.
pub fn send_waiting(state: &FormState, nav: &Nav) {
    if matches!(state.send.get_untracked(), SendState::Sending { .. }) || !browser::is_online() {
        return;
    }
    let Some(app) = state
        .sync()
        .application
        .clone()
        .filter(|a| a.stage == Stage::Waiting)
    else {
        return;
    };
    // Exactly the answers that were sent: the same version, the same body.
    let answers = if app.waiting_answers.is_empty() {
        state.answers()
    } else {
        answers_from_json(&state.cycle, &app.waiting_answers)
    };
    state.send.set(SendState::Sending { attempt: 0 });
    spawn_local(send_version(
        state.clone(),
        nav.clone(),
        app,
        answers,
        String::new(),
    ));
}

/// Starts watching for the moments a waiting send can go, and sends one
/// left waiting by an earlier visit.
pub fn watch_connection(state: &FormState, nav: &Nav) {
    if state.mode == Mode::Preview {
        return;
    }
    {
        let (state, nav) = (state.clone(), nav.clone());
        browser::on_connection_chance(move || send_waiting(&state, &nav));
    }
    send_waiting(state, nav);
}

async fn send_version(
    state: FormState,
    nav: Nav,
    mut app: Application,
    answers: Answers,
    honeypot: String,
) {
    let send_state = state.send;
    // A 409 (this key already holds other answers) is answered once by
    // sending the answers as the next version.
    let mut key_reused_before = false;
    loop {
        let meta = app.meta().with_honeypot(&honeypot);
        let request = prepare(&state.cycle, &state.endpoint, &answers, &meta);
        let outcome = transport::send(&state.cycle, &request, move |n| {
            send_state.set(SendState::Sending { attempt: n })
        })
        .await;
        match outcome {
            Outcome::KeyReused if !key_reused_before => {
                key_reused_before = true;
                app = bumped(&app, browser::now_iso());
                note_application(&state, &app);
            }
            Outcome::KeyReused => {
                state.send.set(SendState::Failed {
                    message: state.cycle.texts.send_conflict().to_string(),
                    uncertain: false,
                });
                focus_send_error();
                return;
            }
            Outcome::Offline => {
                wait_for_connection(&state, app, &answers);
                return;
            }
            Outcome::Stored { receipt } => {
                state.send.set(SendState::Idle);
                confirmed(&state, &nav, app, receipt, answers);
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

/// The device is offline: this version waits, recorded with its answers, so
/// it goes as soon as the connection returns, or on the next visit.
fn wait_for_connection(state: &FormState, mut app: Application, answers: &Answers) {
    if app.stage != Stage::Waiting {
        app.stage = Stage::Waiting;
        app.waiting_answers = answers_to_json(answers);
        note_application(state, &app);
    }
    state.send.set(SendState::Idle);
    focus_soon(Target::Waiting);
}

fn focus_send_error() {
    focus_soon(Target::SendError);
}

/// The endpoint confirmed `app`. The draft ends only if the answers as they
/// stand now (this tab's, merged with what other tabs saved) are the ones
/// this version carried; answers changed during the send stay, as the next
/// version, and the page says so.
fn confirmed(
    state: &FormState,
    nav: &Nav,
    app: Application,
    receipt: Option<String>,
    sent: Answers,
) {
    let shown = receipt.unwrap_or_else(|| app.reference.clone());
    // The copy saved online for this application goes (before the draft
    // ends and forgets its code).
    super::resume::delete_after_send(state, &app.reference);
    sync_with_stored(state);
    // Another tab may have had the same version confirmed (both sent it when
    // the connection returned) and ended the draft: then there is nothing
    // left to decide here.
    let still_ours = state
        .sync()
        .application
        .as_ref()
        .is_some_and(|a| a.reference == app.reference);
    let decision = if still_ours {
        after_confirmation(&app, &state.answers())
    } else {
        AfterConfirm::End
    };
    let (newer_edits, removed) = match decision {
        AfterConfirm::End => {
            // Confidential answers leave the device (and this page's memory,
            // apart from the receipt) as soon as the endpoint confirmed them;
            // every other open tab of the form clears too.
            let removed = if still_ours {
                end_draft(
                    state,
                    Ended::Sent(SentVersion {
                        reference: app.reference.clone(),
                        shown: shown.clone(),
                        version: app.version,
                        taken_at: app.taken_at,
                    }),
                )
            } else {
                true
            };
            state.clear_all();
            (false, removed)
        }
        AfterConfirm::KeepNewer => {
            // The confirmation page says that answers changed, wherever that
            // happened: no separate "another tab" notice.
            state.tab_notice.set(None);
            let mut kept = app.clone();
            kept.stage = Stage::Confirmed;
            kept.waiting_answers.clear();
            note_application(state, &kept);
            (true, false)
        }
    };
    state.receipt.set(Some(Receipt {
        reference: shown,
        version: app.version,
        answers: sent,
        sent_elsewhere: false,
        newer_edits,
        removed,
    }));
    nav.go(Page::Confirmation, None);
    focus_main();
}
