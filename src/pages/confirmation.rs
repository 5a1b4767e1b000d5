//! After a successful send: thanks, the reference, what happens next, and a
//! printable copy of what was sent.

use crate::app::nav::{Nav, Page};
use crate::app::state::FormState;
use crate::browser;
use crate::components::answers_list::AnswersList;
use crate::components::layout::use_page_title;
use leptos::prelude::*;

#[component]
pub fn ConfirmationPage() -> impl IntoView {
    let state = expect_context::<FormState>();
    let nav = expect_context::<Nav>();
    let cycle = state.cycle.clone();
    state.clear_summary();
    use_page_title(cycle.confirmation.title.clone());
    let Some(receipt) = state.receipt.get_untracked() else {
        // Reached by a bookmark or reload: nothing was sent from this page.
        let href = nav.href(&Page::Start);
        return view! {
            <h1 class="mf-heading">"No application has been sent from this page"</h1>
            <p class="mf-body">
                "If you have just sent your application, you will have seen its reference on this page. "
                <a href=href>"Go to the start of the application"</a> "."
            </p>
        }
        .into_any();
    };
    let body = cycle
        .confirmation
        .body
        .iter()
        .map(|p| view! { <p class="mf-body">{p.clone()}</p> })
        .collect_view();
    view! {
        <div class="mf-panel">
            <h1 class="mf-panel__title">{cycle.confirmation.title.clone()}</h1>
            <p class="mf-panel__body">
                "Your reference"<br/>
                <strong class="mf-reference">{receipt.reference.clone()}</strong>
            </p>
        </div>
        {body}
        <h2 class="mf-heading mf-heading--m">"What happens next"</h2>
        <p class="mf-body">{cycle.confirmation.next.clone()}</p>
        <p class="mf-body">
            "Your answers have been removed from this device. "
            <button type="button" class="mf-link-button mf-no-print" on:click=|_| browser::print()>
                "Print a copy of your answers"
            </button>
        </p>
        <section class="mf-print-copy" aria-labelledby="mf-copy-title">
            <h2 class="mf-heading mf-heading--m" id="mf-copy-title">"Your answers"</h2>
            <AnswersList answers=receipt.answers.clone() nested=true/>
        </section>
    }
    .into_any()
}
