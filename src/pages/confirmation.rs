//! After a confirmed send: thanks, the reference and the version received,
//! what happens next, and a printable copy of what was sent. When answers
//! changed after that version was sent (in this tab or another), the page
//! says so and leads to sending them, instead of saying the answers left the
//! device.

use crate::browser;
use crate::components::answers_list::AnswersList;
use crate::components::layout::use_page_title;
use crate::components::save_later::OnlineCopyDeleted;
use crate::components::send_failure::send_changes_link;
use crate::state::nav::{Nav, Page};
use crate::state::store::{FormState, Receipt};
use cycle::texts::fill;
use leptos::prelude::*;

#[component]
pub fn ConfirmationPage() -> impl IntoView {
    let state = expect_context::<FormState>();
    state.clear_summary();
    use_page_title(state.cycle.confirmation.title.clone());
    let receipt = state.receipt;
    // Rendered anew when the receipt changes: a later version confirmed from
    // another tab replaces this one.
    move || match receipt.get() {
        None => view! { <NothingSent/> }.into_any(),
        Some(r) if r.sent_elsewhere => view! { <SentElsewhere receipt=r/> }.into_any(),
        Some(r) => view! { <SentHere receipt=r/> }.into_any(),
    }
}

/// Reached by a bookmark or reload: nothing was sent from this page.
#[component]
fn NothingSent() -> impl IntoView {
    let state = expect_context::<FormState>();
    let nav = expect_context::<Nav>();
    let texts = &state.cycle.texts;
    let href = nav.href(&Page::Start);
    view! {
        <h1 class="mf-heading">{texts.nothing_sent_heading().to_string()}</h1>
        <p class="mf-body">
            {texts.nothing_sent_body().to_string()} " "
            <a href=href>{texts.go_to_start().to_string()}</a> "."
        </p>
    }
}

/// Sent from another tab of this browser: this tab holds no answers and
/// must not offer to send them again.
#[component]
fn SentElsewhere(receipt: Receipt) -> impl IntoView {
    let state = expect_context::<FormState>();
    let nav = expect_context::<Nav>();
    let texts = &state.cycle.texts;
    let href = nav.href(&Page::Start);
    view! {
        <ReferencePanel reference=receipt.reference.clone() version=receipt.version/>
        <p class="mf-body">{texts.sent_elsewhere().to_string()}</p>
        <WhatNext/>
        <p class="mf-body"><a href=href>{texts.start_new_application().to_string()}</a></p>
    }
}

#[component]
fn SentHere(receipt: Receipt) -> impl IntoView {
    let state = expect_context::<FormState>();
    let cycle = state.cycle.clone();
    let texts = &cycle.texts;
    let body = cycle
        .confirmation
        .body
        .iter()
        .map(|p| view! { <p class="mf-body">{p.clone()}</p> })
        .collect_view();
    // Changed answers come first, as what is left to do; otherwise the page
    // says whether the answers left the device.
    let changed = receipt
        .newer_edits
        .then(|| view! { <ChangedAfterSending/> });
    let removed = (!receipt.newer_edits).then(|| {
        let said = if receipt.removed {
            texts.answers_removed()
        } else {
            texts.answers_not_removed()
        };
        view! { <p class="mf-body">{said.to_string()}</p> }
    });
    let st = state.clone();
    view! {
        <ReferencePanel reference=receipt.reference.clone() version=receipt.version/>
        {changed}
        {body}
        <WhatNext/>
        {removed}
        <OnlineCopyDeleted/>
        <div class="mf-actions mf-no-print">
            <button type="button" class="mf-button mf-button--secondary" on:click=|_| browser::print()>
                {texts.print_copy().to_string()}
            </button>
            <button type="button" class="mf-button mf-button--secondary" on:click=move |_| st.download_copy()>
                {texts.download_copy().to_string()}
            </button>
        </div>
        <section class="mf-print-copy" aria-labelledby="mf-copy-title">
            <h2 class="mf-heading mf-heading--m" id="mf-copy-title">{texts.your_answers_heading().to_string()}</h2>
            <AnswersList answers=receipt.answers.clone() nested=true/>
        </section>
    }
}

/// Answers changed while the confirmed version was on its way: they are
/// kept, and one link away from being sent as the next version.
#[component]
fn ChangedAfterSending() -> impl IntoView {
    let state = expect_context::<FormState>();
    let nav = expect_context::<Nav>();
    let texts = &state.cycle.texts;
    view! {
        <div class="mf-notice mf-notice--unsent mf-no-print">
            <h2 class="mf-heading mf-heading--m">{texts.changed_after_sending_heading().to_string()}</h2>
            <p class="mf-body">{texts.changed_after_sending().to_string()}</p>
            {send_changes_link(&nav, texts.send_changes_link())}
        </div>
    }
}

#[component]
fn WhatNext() -> impl IntoView {
    let cycle = expect_context::<FormState>().cycle.clone();
    view! {
        <h2 class="mf-heading mf-heading--m">{cycle.texts.next_heading().to_string()}</h2>
        <p class="mf-body">{cycle.confirmation.next.clone()}</p>
    }
}

/// The green panel: the cycle's confirmation title, the reference, and which
/// version of the application was received.
#[component]
fn ReferencePanel(reference: String, version: u32) -> impl IntoView {
    let cycle = expect_context::<FormState>().cycle.clone();
    let received = fill(
        cycle.texts.version_received(),
        &[("version", &version.to_string())],
    );
    view! {
        <div class="mf-panel">
            <h1 class="mf-panel__title">{cycle.confirmation.title.clone()}</h1>
            <p class="mf-panel__body">
                {cycle.texts.your_reference().to_string()}<br/>
                <strong class="mf-reference">{reference}</strong>
            </p>
            <p class="mf-panel__body mf-version">{received}</p>
        </div>
    }
}
