//! The start page: the seed's header texts and a way in.

use crate::components::layout::{use_page_title, ContactLine, PolicyLinks};
use crate::components::save_later::SharedComputerChoice;
use crate::pages::resume::ContinueApplication;
use crate::state::focus::focus_main;
use crate::state::nav::{Nav, Page};
use crate::state::store::FormState;
use cycle::texts::fill;
use leptos::prelude::*;

#[component]
pub fn StartPage() -> impl IntoView {
    let state = expect_context::<FormState>();
    let nav = expect_context::<Nav>();
    let cycle = state.cycle.clone();
    state.clear_summary();
    let texts = cycle.texts.clone();
    use_page_title(texts.start_page_title().to_string());
    let first = Page::Section(cycle.sections[0].id.clone());
    let href = nav.href(&first);
    let restored = state.restored_at;
    let has_draft = {
        let state = state.clone();
        move || state.has_answers()
    };
    let intro = cycle
        .intro
        .iter()
        .map(|p| view! { <p class="mf-body mf-body--lead">{p.clone()}</p> })
        .collect_view();
    let sections = cycle
        .sections
        .iter()
        .map(|s| view! { <li>{s.title.clone()}</li> })
        .collect_view();
    view! {
        {
            let welcome = texts.welcome_back().to_string();
            move || restored.get().map(|ms| view! {
                <p class="mf-notice mf-notice--restored" role="status">
                    {fill(&welcome, &[("date", &crate::browser::local_time(ms))])}
                </p>
            })
        }
        <p class="mf-caption">{cycle.program.clone()}</p>
        <h1 class="mf-heading mf-heading--xl">{cycle.title.clone()}</h1>
        {intro}
        <p class="mf-body mf-deadline"><strong>{cycle.deadline.text.clone()}</strong></p>
        <h2 class="mf-heading mf-heading--m">{texts.start_sections_heading().to_string()}</h2>
        <ol class="mf-list mf-list--number">{sections}</ol>
        <p class="mf-body">{texts.start_how_long().to_string()}</p>
        <SharedComputerChoice/>
        <a
            class="mf-button mf-button--start"
            href=href
            role="button"
            draggable="false"
            on:click=move |ev| {
                ev.prevent_default();
                nav.go(first.clone(), None);
                focus_main();
            }
        >
            {
                let (resume, start) = (texts.continue_application_button().to_string(), texts.start_button().to_string());
                move || if has_draft() { resume.clone() } else { start.clone() }
            }
        </a>
        <ContinueApplication/>
        <h2 class="mf-heading mf-heading--m">{texts.questions_heading().to_string()}</h2>
        <ContactLine/>
        <PolicyLinks/>
    }
}
