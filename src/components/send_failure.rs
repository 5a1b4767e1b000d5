//! What the applicant sees when sending fails: what happened, that nothing is
//! lost, and three ways forward (try again, download a copy, print). When the
//! request may have been stored all the same (a timeout, a redirect), it says
//! so plainly instead of claiming it was not sent.

use crate::browser;
use crate::state::focus::Target;
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
            let heading = if uncertain {
                "Your application may not have arrived"
            } else {
                "Your application has not been sent"
            };
            let advice = if uncertain {
                "Your answers are safe on this page and on this device. Try again: if the first try did arrive, trying again will not make a second application. If it keeps failing, "
            } else {
                "Your answers are safe on this page and on this device. Try again in a moment. If it keeps failing, "
            };
            view! {
                <div class="mf-send-error" id=Target::SendError.id() role="alert" tabindex="-1">
                    <h2 class="mf-heading mf-heading--m">{heading}</h2>
                    <p class="mf-body">{message}</p>
                    <p class="mf-body">
                        {advice}
                        "download a copy of your answers and email it to "
                        <a href=format!("mailto:{contact}")>{contact.clone()}</a> "."
                    </p>
                    <div class="mf-actions">
                        <button type="button" class="mf-button" on:click=move |_| on_retry.run(())>
                            "Try again"
                        </button>
                        <a
                            class="mf-link-button"
                            href="#"
                            on:click=move |ev| {
                                ev.prevent_default();
                                st.download_copy();
                            }
                        >
                            "Download a copy of your answers"
                        </a>
                        <button type="button" class="mf-button mf-button--secondary" on:click=move |_| browser::print()>
                            "Print your answers"
                        </button>
                    </div>
                </div>
            }
        })
    }
}
