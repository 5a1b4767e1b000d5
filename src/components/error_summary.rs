//! GOV.UK's error summary: "There is a problem", focused when it appears,
//! one link per problem that moves focus to the field (on this page, or on
//! the page that holds it).

use crate::browser;
use crate::state::focus::Target;
use crate::state::nav::{Nav, Page};
use crate::state::store::FormState;
use leptos::prelude::*;

const SUMMARY_ID: &str = Target::ErrorSummary.id();

#[component]
pub fn ErrorSummary(
    /// The section on screen; links to fields elsewhere change page first.
    #[prop(optional, into)]
    current_section: Option<String>,
) -> impl IntoView {
    let state = expect_context::<FormState>();
    let nav = expect_context::<Nav>();
    let title = state.cycle.texts.error_summary_title().to_string();
    let entries = {
        let state = state.clone();
        move || {
            let cycle = state.cycle.clone();
            state
                .summary
                .get()
                .into_iter()
                .filter_map(|fid| {
                    let msg = state.shown_error(&fid).get()?;
                    let field = cycle.field(&fid)?.clone();
                    let section = cycle.section_of(&fid)?.id.clone();
                    Some((field, section, msg))
                })
                .collect::<Vec<_>>()
        }
    };
    let general = state.general_errors;
    let visible = {
        let entries = entries.clone();
        move || !entries().is_empty() || !general.with(Vec::is_empty)
    };
    let list = move || {
        let items = entries()
            .into_iter()
            .map(|(field, section, msg)| {
                let target = cycle::page_ids::focus_target(&field);
                let here = current_section.as_deref() == Some(section.as_str());
                let page = Page::Section(section);
                let href = if here {
                    format!("#{target}")
                } else {
                    format!("{}#{target}", nav.href(&page))
                };
                let nav = nav.clone();
                // From the review page, fixing an answer leads back to it.
                let from_review = current_section.is_none();
                let returning = state.returning_to_review;
                view! {
                    <li>
                        <a
                            href=href
                            on:click=move |ev| {
                                ev.prevent_default();
                                if here {
                                    browser::focus_and_reveal(&target);
                                } else {
                                    if from_review {
                                        returning.set(true);
                                    }
                                    nav.go(page.clone(), Some(target.clone()));
                                }
                            }
                        >
                            {msg}
                        </a>
                    </li>
                }
            })
            .collect_view();
        let general_items = general
            .get()
            .into_iter()
            .map(|m| view! { <li>{m}</li> })
            .collect_view();
        view! { {items} {general_items} }
    };
    // A memo and a closure, not `<Show>` (see `layout::Footer`).
    let shown = Memo::new(move |_| visible());
    move || {
        shown.get().then(|| {
            view! {
                <div
                    class="mf-error-summary"
                    id=SUMMARY_ID
                    tabindex="-1"
                    aria-labelledby="mf-error-summary-title"
                >
                    <div role="alert">
                        <h2 class="mf-error-summary__title" id="mf-error-summary-title">
                            {title.clone()}
                        </h2>
                        <ul class="mf-error-summary__list">{list.clone()}</ul>
                    </div>
                </div>
            }
        })
    }
}
