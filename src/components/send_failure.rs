//! What the applicant sees when sending fails: what happened, that nothing is
//! lost, and three ways forward (try again, download a copy, print).

use crate::app::state::{FormState, SendState};
use crate::browser;
use crate::form::rules::display_answer;
use leptos::prelude::*;

#[component]
pub fn SendFailure(on_retry: Callback<()>) -> impl IntoView {
    let state = expect_context::<FormState>();
    let send_state = state.send;
    let message = move || match send_state.get() {
        SendState::Failed { message } => Some(message),
        _ => None,
    };
    let st = state.clone();
    let download = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        let text = answers_copy_json(&st);
        browser::download(
            &format!("{}-answers.json", st.cycle.id),
            "application/json",
            &text,
        );
    };
    let contact = state.cycle.contact.email.clone();
    move || {
        message().map(|m| {
            let download = download.clone();
            view! {
                <div class="mf-send-error" id="mf-send-error" role="alert" tabindex="-1">
                    <h2 class="mf-heading mf-heading--m">"Your application has not been sent"</h2>
                    <p class="mf-body">{m}</p>
                    <p class="mf-body">
                        "Your answers are safe on this page. Try again in a moment. If it keeps failing, "
                        "download a copy of your answers and email it to "
                        <a href=format!("mailto:{contact}")>{contact.clone()}</a> "."
                    </p>
                    <div class="mf-actions">
                        <button type="button" class="mf-button" on:click=move |_| on_retry.run(())>
                            "Try again"
                        </button>
                        <a class="mf-link-button" href="#" on:click=download>"Download a copy of your answers"</a>
                        <button type="button" class="mf-button mf-button--secondary" on:click=move |_| browser::print()>
                            "Print your answers"
                        </button>
                    </div>
                </div>
            }
        })
    }
}

/// A readable copy: question → answer as shown on the review page, plus the
/// raw typed answers, so nothing is lost if it has to be emailed.
pub fn answers_copy_json(state: &FormState) -> String {
    let answers = state.answers();
    let cycle = &state.cycle;
    let readable: serde_json::Map<String, serde_json::Value> = cycle
        .fields()
        .map(|f| {
            (
                f.label.clone(),
                serde_json::Value::String(display_answer(cycle, f, &answers)),
            )
        })
        .collect();
    let doc = serde_json::json!({
        "cycle": cycle.title,
        "cycle_id": cycle.id,
        "saved_at": browser::now_iso(),
        "answers": answers,
        "readable": readable,
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}
