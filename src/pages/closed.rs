//! Before opening or after closing: say so, with the contact, and let an
//! applicant with a draft still take a copy of it.

use crate::components::layout::{use_page_title, ContactLine, PolicyLinks};
use crate::state::store::FormState;
use cycle::deadline::Window;
use cycle::texts::fill;
use leptos::prelude::*;

#[component]
pub fn ClosedPage(window: Window) -> impl IntoView {
    let state = expect_context::<FormState>();
    let cycle = state.cycle.clone();
    let texts = cycle.texts.clone();
    let heading = match window {
        Window::NotYetOpen => fill(texts.not_open_heading(), &[("title", &cycle.title)]),
        _ => fill(texts.closed_heading(), &[("title", &cycle.title)]),
    };
    use_page_title(heading.clone());
    let has_draft = !state.answers().is_empty();
    let st = state.clone();
    view! {
        <h1 class="mf-heading">{heading}</h1>
        <p class="mf-body">{cycle.deadline.text.clone()}</p>
        <p class="mf-body">
            {match window {
                Window::NotYetOpen => texts.not_open_body().to_string(),
                _ => texts.closed_body().to_string(),
            }}
        </p>
        <ContactLine/>
        <PolicyLinks/>
        {has_draft.then(|| view! {
            <div class="mf-inset">
                <p class="mf-body">{texts.closed_draft().to_string()}</p>
                <button
                    type="button"
                    class="mf-button mf-button--secondary"
                    on:click=move |_| st.download_copy()
                >
                    {texts.download_copy().to_string()}
                </button>
            </div>
        })}
    }
}
