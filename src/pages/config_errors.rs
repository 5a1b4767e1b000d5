//! A cycle file that cannot be used: say what is wrong and where, never a
//! blank page.

use cycle::Problem;
use leptos::prelude::*;

#[component]
pub fn ConfigErrorList(errors: Vec<Problem>) -> impl IntoView {
    let items = errors
        .into_iter()
        .map(|e| {
            view! {
                <li class="mf-config-error">
                    <code class="mf-config-error__place">{e.where_()}</code>
                    ": "
                    <span>{e.message.clone()}</span>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="mf-config-errors">{items}</ul> }
}

#[component]
pub fn ConfigErrorPage(source: String, errors: Vec<Problem>) -> impl IntoView {
    crate::browser::set_title("Error: the application form could not be loaded");
    view! {
        <div class="mf-width">
            <main class="mf-main" id="mf-main">
                <h1 class="mf-heading">"The application form could not be loaded"</h1>
                <p class="mf-body">
                    "Sorry, there is a problem with the form itself, not with anything you did. "
                    "Try again later, and if it keeps happening, send these details to the contact below:"
                </p>
                <p class="mf-body">"Cycle file: " <code>{source}</code></p>
                <ConfigErrorList errors=errors/>
            </main>
        </div>
    }
}
