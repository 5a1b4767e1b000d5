//! What the applicant sees when sending fails: what happened, that nothing is
//! lost, and three ways forward (try again, download a copy, print). When the
//! request may have been stored all the same (a timeout, a redirect), it says
//! so plainly instead of claiming it was not sent. Also the application's
//! standing after the send button: waiting for a connection, or received
//! with changes not sent yet.

use crate::browser;
use crate::config::texts::fill;
use crate::form::version::Stage;
use crate::state::focus::{focus_main, Target};
use crate::state::nav::{Nav, Page};
use crate::state::store::{FormState, SendState};
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

/// Where the application stands when that outlives the send button: waiting
/// for a connection (it goes by itself when the connection returns), or
/// received with answers changed since (kept, with the way to send them).
/// On every page, since the applicant may be anywhere in the form by then.
#[component]
pub fn SendStatusNotice() -> impl IntoView {
    let state = expect_context::<FormState>();
    let nav = expect_context::<Nav>();
    let status = state.send_status;
    let location = leptos_router::hooks::use_location();
    let texts = StoredValue::new(state.cycle.texts.clone());
    move || {
        let current = status.get()?;
        match current.stage {
            Stage::Sending => None,
            Stage::Waiting => Some(
                view! {
                    <div class="mf-notice mf-notice--waiting" id=Target::Waiting.id() role="status" tabindex="-1">
                        <p class="mf-notice__text">{texts.with_value(|t| t.waiting_for_connection().to_string())}</p>
                    </div>
                }
                .into_any(),
            ),
            Stage::Confirmed => {
                // The confirmation page says it in its own words.
                let on_confirmation = !nav.is_preview()
                    && location.pathname.get().ends_with(&Page::Confirmation.path());
                if on_confirmation {
                    return None;
                }
                let text = texts.with_value(|t| {
                    fill(t.unsent_changes(), &[("version", &current.version.to_string())])
                });
                let link = texts.with_value(|t| t.send_changes_link().to_string());
                let nav = nav.clone();
                let href = nav.href(&Page::Review);
                Some(
                    view! {
                        <div class="mf-notice mf-notice--unsent" role="status">
                            <p class="mf-notice__text">{text}</p>
                            <p class="mf-notice__text">
                                <a
                                    href=href
                                    on:click=move |ev| {
                                        ev.prevent_default();
                                        nav.go(Page::Review, None);
                                        focus_main();
                                    }
                                >
                                    {link}
                                </a>
                            </p>
                        </div>
                    }
                    .into_any(),
                )
            }
        }
    }
}
