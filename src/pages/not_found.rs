use crate::state::nav::{Nav, Page};
use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    let nav = use_context::<Nav>();
    let href = nav
        .as_ref()
        .map(|n| n.href(&Page::Start))
        .unwrap_or_else(|| "./".into());
    crate::browser::set_title("Page not found");
    view! {
        <h1 class="mf-heading">"Page not found"</h1>
        <p class="mf-body">"If you typed the web address, check it is correct."</p>
        <p class="mf-body"><a href=href>"Go to the start of the application"</a></p>
    }
}
