//! What the applicant sees when sending fails: what happened, that nothing is
//! lost, and three ways forward (try again, download a copy, print). When the
//! request may have been stored all the same (a timeout, a redirect), it says
//! so plainly instead of claiming it was not sent. Also the application's
//! standing after the send button: waiting for a connection, or received
//! with changes not sent yet.

use crate::browser;
use crate::form::version::Stage;
use crate::state::focus::{focus_main, Target};
use crate::state::nav::{Nav, Page};
use crate::state::store::{FormState, Keeping, SendState};
use cycle::texts::fill;
use leptos::prelude::*;

#[component]
pub fn SendFailure(on_retry: Callback<()>) -> impl IntoView {
    let state = expect_context::<FormState>();
    let send_state = state.send;
    let failure = move || match send_state.get() {
        SendState::Failed { message, uncertain } => Some((message, uncertain)),
        _ => None,
    };
    let contact = state.cycle.contact.email.clone();
    move || {
        failure().map(|(message, uncertain)| {
            let st = state.clone();
            let texts = st.cycle.texts.clone();
            let (heading, advice) = if uncertain {
                (texts.send_uncertain_heading().to_string(), texts.send_uncertain_advice().to_string())
            } else {
                (texts.send_failed_heading().to_string(), texts.send_failed_advice().to_string())
            };
            let (try_again, download, print) = (
                texts.try_again_button().to_string(),
                texts.download_copy().to_string(),
                texts.print_answers().to_string(),
            );
            view! {
                <div class="mf-send-error" id=Target::SendError.id() role="alert" tabindex="-1">
                    <h2 class="mf-heading mf-heading--m">{heading}</h2>
                    <p class="mf-body">{message}</p>
                    <p class="mf-body">
                        {advice} " "
                        <a href=format!("mailto:{contact}")>{contact.clone()}</a> "."
                    </p>
                    <div class="mf-actions">
                        <button type="button" class="mf-button" on:click=move |_| on_retry.run(())>
                            {try_again}
                        </button>
                        <a
                            class="mf-link-button"
                            href="#"
                            on:click=move |ev| {
                                ev.prevent_default();
                                st.download_copy();
                            }
                        >
                            {download}
                        </a>
                        <button type="button" class="mf-button mf-button--secondary" on:click=move |_| browser::print()>
                            {print}
                        </button>
                    </div>
                </div>
            }
        })
    }
}

/// What the top of every page says about where the answers and the
/// application stand, when that outlives the page that caused it: answers
/// not kept on this device (no storage, drafts switched off by the host
/// page, a save that failed, with the download), a send waiting for a
/// connection (it goes by itself), or a version received with answers
/// changed since (kept, with the way to send them). One reactive view for
/// all of them, each built by [`notice`], so the wasm carries their
/// rendering once.
#[component]
pub fn StateNotices() -> impl IntoView {
    let state = expect_context::<FormState>();
    let nav = expect_context::<Nav>();
    let location = leptos_router::hooks::use_location();
    move || {
        let texts = &state.cycle.texts;
        let storage = match state.keeping.get() {
            Keeping::Kept => None,
            Keeping::Unavailable => Some((texts.storage_unavailable(), None)),
            Keeping::Off => Some((texts.drafts_off(), None)),
            Keeping::SaveFailed => {
                let st = state.clone();
                let download = view! {
                    <button type="button" class="mf-button mf-button--secondary" on:click=move |_| st.download_copy()>
                        {texts.download_copy().to_string()}
                    </button>
                };
                Some((texts.save_failed(), Some(download.into_any())))
            }
        }
        .map(|(text, action)| notice("mf-notice mf-notice--storage", None, text.to_string(), action));
        let sending = state
            .send_status
            .get()
            .and_then(|status| match status.stage {
                Stage::Sending => None,
                Stage::Waiting => Some(notice(
                    "mf-notice mf-notice--waiting",
                    Some(Target::Waiting.id()),
                    texts.waiting_for_connection().to_string(),
                    None,
                )),
                // The confirmation page says it in its own words.
                Stage::Confirmed
                    if !nav.is_preview()
                        && location
                            .pathname
                            .get()
                            .ends_with(&Page::Confirmation.path()) =>
                {
                    None
                }
                Stage::Confirmed => {
                    let text = fill(
                        texts.unsent_changes(),
                        &[("version", &status.version.to_string())],
                    );
                    Some(notice(
                        "mf-notice mf-notice--unsent",
                        None,
                        text,
                        Some(send_changes_link(&nav, texts.send_changes_link())),
                    ))
                }
            });
        (storage, sending)
    }
}

/// One notice: its words, and what the applicant can do about it (also the
/// notices of "Save and continue later", `save_later::ResumeNotices`).
pub fn notice(
    class: &'static str,
    id: Option<&'static str>,
    text: String,
    action: Option<AnyView>,
) -> AnyView {
    view! {
        <div class=class id=id role="status" tabindex="-1">
            <p class="mf-notice__text">{text}</p>
            {action}
        </div>
    }
    .into_any()
}

/// "Check and send your changes": to the review page, where sending them is
/// the application's next version.
pub fn send_changes_link(nav: &Nav, text: &str) -> AnyView {
    let nav = nav.clone();
    let href = nav.href(&Page::Review);
    view! {
        <p class="mf-notice__text">
            <a
                href=href
                on:click=move |ev| {
                    ev.prevent_default();
                    nav.go(Page::Review, None);
                    focus_main();
                }
            >
                {text.to_string()}
            </a>
        </p>
    }
    .into_any()
}
