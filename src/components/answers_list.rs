//! Every answer, grouped by section: the review page (with Change links), the
//! confirmation page and the printable copy share this one list.

use crate::components::shell::ErrorMessage;
use crate::form::rules::answer_text;
use crate::state::nav::{Nav, Page};
use crate::state::store::FormState;
use cycle::{page_ids, Answers};
use leptos::prelude::*;

#[component]
pub fn AnswersList(
    answers: Answers,
    #[prop(optional)] with_change_links: bool,
    /// Under a heading of its own (the confirmation's "Your answers"): the
    /// section titles are then h3, so the outline a screen reader lists
    /// nests them there instead of beside it.
    #[prop(optional)]
    nested: bool,
) -> impl IntoView {
    let state = expect_context::<FormState>();
    let nav = expect_context::<Nav>();
    let cycle = state.cycle.clone();
    cycle
        .sections
        .iter()
        .map(|section| {
            let rows = section
                .fields
                .iter()
                .map(|field| {
                    let value = answer_text(&cycle, field, &answers);
                    let not_given = value.is_none();
                    let value = value.unwrap_or_else(|| cycle.texts.not_provided().to_string());
                    let change = with_change_links.then(|| {
                        let page = Page::Section(section.id.clone());
                        let target = page_ids::focus_target(field);
                        let href = format!("{}#{target}", nav.href(&page));
                        let nav = nav.clone();
                        let returning = state.returning_to_review;
                        view! {
                            <dd class="mf-summary__actions">
                                <a
                                    href=href
                                    on:click=move |ev| {
                                        ev.prevent_default();
                                        returning.set(true);
                                        nav.go(page.clone(), Some(target.clone()));
                                    }
                                >
                                    {cycle.texts.change_link().to_string()}
                                    <span class="mf-visually-hidden">{format!(" {}", field.label)}</span>
                                </a>
                            </dd>
                        }
                    });
                    // On the review page, a message the server gave for this
                    // answer stands under it (as well as in the summary).
                    let error = with_change_links
                        .then(|| view! { <ErrorMessage field_id=field.id.clone()/> });
                    view! {
                        <div class="mf-summary__row">
                            <dt class="mf-summary__key">{field.label.clone()}</dt>
                            <dd class="mf-summary__value" class:mf-summary__value--empty=not_given>
                                {error}
                                {value}
                            </dd>
                            {change}
                        </div>
                    }
                })
                .collect_view();
            let title = section.title.clone();
            let heading = if nested {
                view! { <h3 class="mf-summary__heading">{title}</h3> }.into_any()
            } else {
                view! { <h2 class="mf-summary__heading">{title}</h2> }.into_any()
            };
            view! {
                {heading}
                <dl class="mf-summary">{rows}</dl>
            }
        })
        .collect_view()
}
