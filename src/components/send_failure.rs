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
