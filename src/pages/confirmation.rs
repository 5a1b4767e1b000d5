//! After a successful send: thanks, the reference, what happens next, and a
//! printable copy of what was sent.

use crate::browser;
use crate::components::answers_list::AnswersList;
use crate::components::layout::use_page_title;
use crate::state::nav::{Nav, Page};
use crate::state::store::FormState;
use leptos::prelude::*;

#[component]
pub fn ConfirmationPage() -> impl IntoView {
    let state = expect_context::<FormState>();
    let nav = expect_context::<Nav>();
    let cycle = state.cycle.clone();
    let texts = cycle.texts.clone();
    state.clear_summary();
    use_page_title(cycle.confirmation.title.clone());
    let Some(receipt) = state.receipt.get_untracked() else {
        // Reached by a bookmark or reload: nothing was sent from this page.
        let href = nav.href(&Page::Start);
        return view! {
            <h1 class="mf-heading">{texts.nothing_sent_heading().to_string()}</h1>
            <p class="mf-body">
                {texts.nothing_sent_body().to_string()} " "
                <a href=href>{texts.go_to_start().to_string()}</a> "."
            </p>
        }
        .into_any();
    };
    let next = view! {
        <h2 class="mf-heading mf-heading--m">{texts.next_heading().to_string()}</h2>
        <p class="mf-body">{cycle.confirmation.next.clone()}</p>
    };
    if receipt.sent_elsewhere {
        // Sent from another tab of this browser: this tab holds no answers and
        // must not offer to send them again.
        let href = nav.href(&Page::Start);
        return view! {
            <ReferencePanel reference=receipt.reference.clone()/>
            <p class="mf-body">{texts.sent_elsewhere().to_string()}</p>
            {next}
            <p class="mf-body"><a href=href>{texts.start_new_application().to_string()}</a></p>
        }
        .into_any();
    }
    let body = cycle
        .confirmation
        .body
        .iter()
        .map(|p| view! { <p class="mf-body">{p.clone()}</p> })
        .collect_view();
    view! {
        <ReferencePanel reference=receipt.reference.clone()/>
        {body}
        {next}
        <p class="mf-body">{texts.answers_removed().to_string()}</p>
        <div class="mf-actions mf-no-print">
            <button type="button" class="mf-button mf-button--secondary" on:click=|_| browser::print()>
                {texts.print_copy().to_string()}
            </button>
            <button type="button" class="mf-button mf-button--secondary" on:click=move |_| state.download_copy()>
                {texts.download_copy().to_string()}
            </button>
        </div>
        <section class="mf-print-copy" aria-labelledby="mf-copy-title">
            <h2 class="mf-heading mf-heading--m" id="mf-copy-title">{texts.your_answers_heading().to_string()}</h2>
            <AnswersList answers=receipt.answers.clone() nested=true/>
        </section>
    }
    .into_any()
}

/// The green panel: the cycle's confirmation title and the reference.
#[component]
fn ReferencePanel(reference: String) -> impl IntoView {
    let cycle = expect_context::<FormState>().cycle.clone();
    view! {
        <div class="mf-panel">
            <h1 class="mf-panel__title">{cycle.confirmation.title.clone()}</h1>
            <p class="mf-panel__body">
                {cycle.texts.your_reference().to_string()}<br/>
                <strong class="mf-reference">{reference}</strong>
            </p>
        </div>
    }
}
