//! "Check your answers before sending your application", then send.

use crate::components::answers_list::AnswersList;
use crate::components::error_summary::ErrorSummary;
use crate::components::layout::use_page_title;
use crate::components::save_later::SaveLater;
use crate::components::send_failure::SendFailure;
use crate::form::resume::LeftAt;
use crate::state::nav::{Nav, Page};
use crate::state::sending::send_application;
use crate::state::store::{FormState, SendState};
use cycle::texts::fill;
use leptos::prelude::*;

/// `children`: what the page shows under the send button (the preview puts
/// the request it would have sent there).
#[component]
pub fn ReviewPage(#[prop(optional)] children: Option<Children>) -> impl IntoView {
    let state = expect_context::<FormState>();
    let nav = expect_context::<Nav>();
    state.clear_summary();
    state.returning_to_review.set(false);
    let texts = state.cycle.texts.clone();
    use_page_title(texts.review_title().to_string());
    let answers = state.answers();
    let send = {
        let state = state.clone();
        let nav = nav.clone();
        Callback::new(move |()| send_application(state.clone(), nav.clone()))
    };
    let send_state = state.send;
    let sending = move || matches!(send_state.get(), SendState::Sending { .. });
    let retries = state.cycle.submit.retries;
    let button_text = {
        let state = state.clone();
        let texts = texts.clone();
        move || match state.send.get() {
            SendState::Sending { attempt: 0 } => texts.sending_button().to_string(),
            SendState::Sending { attempt } => fill(
                texts.sending_retry_button(),
                &[
                    ("n", &(attempt + 1).to_string()),
                    ("total", &(retries + 1).to_string()),
                ],
            ),
            _ => texts.send_button().to_string(),
        }
    };
    let honeypot = state.honeypot;
    // A checked cycle has at least one section.
    let back = state
        .cycle
        .sections
        .last()
        .map_or(Page::Start, |s| Page::Section(s.id.clone()));
    let back_nav = nav.clone();
    let back_href = nav.href(&back);
    view! {
        <a
            class="mf-back"
            href=back_href
            on:click=move |ev| {
                ev.prevent_default();
                back_nav.go(back.clone(), None);
            }
        >
            {texts.back_link().to_string()}
        </a>
        <ErrorSummary/>
        <h1 class="mf-heading">{texts.review_title().to_string()}</h1>
        <AnswersList answers=answers with_change_links=true/>
        <h2 class="mf-heading mf-heading--m">{texts.send_heading().to_string()}</h2>
        <p class="mf-body">{texts.send_declaration().to_string()}</p>
        <SendFailure on_retry=send/>
        <form
            class="mf-form"
            novalidate
            on:submit=move |ev| {
                ev.prevent_default();
                send.run(());
            }
        >
            // Hidden by markup, not only by the stylesheet: `hidden` keeps it
            // out of sight, out of the tab order and out of the accessibility
            // tree even when the CSS fails to load. Bots reading the HTML
            // still find and fill it; what they type goes with the
            // application as `honeypot`, flagged for staff, never a fake
            // "sent". Its name, label and `autocomplete` match nothing a
            // browser or password manager fills in, and the `data-*` flags
            // ask 1Password, LastPass, Bitwarden and Dashlane to leave it be.
            <div class="mf-hp" hidden aria-hidden="true">
                <label for="mf-hp-field">{texts.honeypot_label().to_string()}</label>
                <input
                    type="text"
                    id="mf-hp-field"
                    name="mf_hp"
                    tabindex="-1"
                    autocomplete="off"
                    data-1p-ignore=""
                    data-lpignore="true"
                    data-bwignore=""
                    data-form-type="other"
                    prop:value=move || honeypot.get()
                    on:input=move |ev| honeypot.set(event_target_value(&ev))
                />
            </div>
            <div class="mf-actions">
                <button
                    type="submit"
                    class="mf-button"
                    disabled=sending
                    aria-disabled=move || sending().then_some("true")
                >
                    {button_text}
                </button>
            </div>
            <p class="mf-visually-hidden" role="status" aria-live="polite">
                {
                    let status = texts.sending_status().to_string();
                    move || if sending() { status.clone() } else { String::new() }
                }
            </p>
        </form>
        <SaveLater left_at=LeftAt::Review/>
        {children.map(|c| c())}
    }
}
